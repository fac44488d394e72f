import Foundation
import GeoCore
import Gazetteer
import Incidents
import Testing
import TestSupport
import Zones

/// The made-up events of Fixtures/acled (written by make-fixtures.py) in every layout ACLED data reaches analysts in.
@Suite("Every ACLED layout reads")
struct ACLEDLayoutTests {
    static let layouts = ["current-full.csv", "current-full-bom-crlf.csv", "current-reduced.csv", "old-numeric.csv",
                          "current-api.json", "third-party-xy.csv"]

    static func read(_ name: String, dateOrder: NumericDateOrder = .unambiguousOnly) throws -> ([Incident], ReadReport) {
        var out: [Incident] = []
        let r = try IncidentSource.read(path: ExtractorFixture.fixture("acled/\(name)"), dateOrder: dateOrder) { out.append($0) }
        return (out, r)
    }

    @Test("each layout keeps all 36 events, and they agree field by field", arguments: layouts)
    func keepsEvery(_ name: String) throws {
        let (events, report) = try Self.read(name)
        let (reference, _) = try Self.read("current-full.csv")
        #expect(report.read == 36 && report.kept == 36 && report.rejected == 0, "\(report.problems)")
        #expect(report.columnIssues.isEmpty, "\(report.columnIssues)")
        #expect(events.count == reference.count)
        for (a, b) in zip(events, reference) {
            #expect(a.eventDate == b.eventDate && a.eventType == b.eventType && a.subEventType == b.subEventType, "\(a.id)")
            #expect(a.actor1 == b.actor1 && a.actor2 == b.actor2 && a.fatalities == b.fatalities, "\(a.id)")
            #expect(a.latitude == b.latitude && a.longitude == b.longitude && a.admin3 == b.admin3, "\(a.id)")
            if name != "third-party-xy.csv" {  // no inter/interaction columns there
                #expect(a.inter1 == b.inter1 && a.inter2 == b.inter2 && a.interaction == b.interaction, "\(name) \(a.id)")
            }
        }
    }

    @Test("text categories read into ACLED's codes, whichever order the interaction names the actors in")
    func textCategories() throws {
        let (full, _) = try Self.read("current-full.csv")
        let (reduced, _) = try Self.read("current-reduced.csv")   // no inter1/inter2: split out of the interaction text
        let rioters = try #require(full.first { $0.actor1 == "Rioters (Haiti)" && $0.actor2 != nil })
        #expect(rioters.inter1 == 5 && rioters.inter2 == 1 && rioters.interaction == 15)
        let r2 = try #require(reduced.first { $0.actor1 == "Rioters (Haiti)" && $0.actor2 != nil })
        #expect(r2.inter1 == 5 && r2.inter2 == 1 && r2.interaction == 15)
        let protest = try #require(reduced.first { $0.subEventType == "Peaceful protest" })
        #expect(protest.inter1 == 6 && protest.inter2 == nil && protest.interaction == 60)
        #expect(ACLEDInteraction.parse("Political militia-Civilians") == .init(first: 3, second: 7, code: 37))
        #expect(ACLEDInteraction.parse("State forces-Political militia") == .init(first: 1, second: 3, code: 13))
        #expect(ACLEDInteraction.parse("External/Other forces only") == .init(first: 8, second: nil, code: 80))
        #expect(ACLEDInteraction.parse("Political militia-Identity militia")?.code == 34)
        #expect(ACLEDInteraction.parse("37") == .init(first: 3, second: 7, code: 37))
        #expect(ACLEDInteraction.parse("60") == .init(first: 6, second: nil, code: 60))
        #expect(ACLEDInteraction.parse("Sharks-Jets") == nil)
        #expect(ACLEDInteraction.interCode("Political militia") == 3 && ACLEDInteraction.interCode("rebel groups") == 2)
        #expect(ACLEDInteraction.interCode("8") == 8 && ACLEDInteraction.interCode("nine") == nil)
    }

    @Test("a column that does not parse is a counted warning, never a lost event")
    func softColumns() throws {
        let dir = try SharedData.temporaryDirectory("soft-columns")
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "event_date,event_type,sub_event_type,actor1,inter1,interaction,iso,latitude,longitude,geo_precision,fatalities,time_precision\n"
        for i in 0..<40 { text += "2025-01-\(String(format: "%02d", i % 28 + 1)),Battles,Armed clash,X Gang,Gang people,Gangs vs police,HTI,18.54,-72.33,exact,about \(i),daily\n" }
        text += "2025-02-01,Shootings,Armed clash,X Gang,3,13,332,118.5,-72.33,1,2,1\n"
        let path = dir.appendingPathComponent("soft.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var events: [Incident] = []
        let r = try IncidentSource.read(path: path) { events.append($0) }
        #expect(r.read == 41 && r.kept == 41 && r.rejected == 0)
        let byColumn = Dictionary(r.columnIssues.map { ($0.column, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byColumn["interaction"]?.count == 40 && byColumn["inter1"]?.count == 40 && byColumn["fatalities"]?.count == 40)
        #expect(byColumn["geo_precision"]?.count == 40 && byColumn["time_precision"]?.count == 40)
        #expect(byColumn["iso"] == nil, "ISO3 codes are read, not warned about")
        #expect(events[0].isoAlpha3 == "HTI" && events[0].iso == nil)
        #expect(byColumn["event_type"]?.count == 1 && events[40].eventType == "Battles", "the event type comes from the sub-event type")
        #expect(byColumn["latitude"]?.count == 1 && events[40].coordinate == nil)
        #expect(r.columnIssues.first { $0.column == "interaction" }?.description.contains("40 values not understood") == true)
        #expect(r.failure == nil)
    }

    @Test("a file with no usable row fails with its reasons; more than half rejected fails too")
    func noUsableRow() throws {
        let (events, r) = try Self.read("no-usable-row.csv")
        #expect(events.isEmpty && r.read == 36 && r.rejected == 36)
        let failure = try #require(r.failure)
        #expect(failure.contains("no event kept") && failure.contains("36× event_date"), "\(failure)")
        var half = ReadReport()
        half.read = 10; half.kept = 4; half.rejected = 6
        #expect(half.failure?.contains("6 of 10 rows rejected") == true)
        half.kept = 5; half.rejected = 5
        #expect(half.failure == nil)
    }

    @Test("day-first dates: read when the file proves the order, refused when nothing does, or as --date-format says")
    func dayFirst() throws {
        let (events, r) = try Self.read("third-party-xy.csv")
        #expect(r.kept == 36 && r.warnings.contains { $0.contains("day-first") })
        #expect(events.first { $0.eventDate == CalendarDate(iso8601: "2024-07-04") } != nil, "04/07/2024 is 4 July")
        #expect(events.allSatisfy { $0.coordinate != nil }, "Y/X columns are coordinates")
        let dir = try SharedData.temporaryDirectory("dates")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("ambiguous.csv").path
        try "event_date,latitude,longitude\n03/04/2025,18.5,-72.3\n05/06/2025,18.5,-72.3\n".write(toFile: path, atomically: true, encoding: .utf8)
        var out: [Incident] = []
        let amb = try IncidentSource.read(path: path) { out.append($0) }
        #expect(amb.rejected == 2 && amb.problems.first?.contains("--date-format") == true)
        out = []
        _ = try IncidentSource.read(path: path, dateOrder: .monthFirst) { out.append($0) }
        #expect(out.map(\.eventDate) == [CalendarDate(iso8601: "2025-03-04"), CalendarDate(iso8601: "2025-05-06")])
        #expect(NumericDateOrder(pattern: "DD/MM/YYYY") == .dayFirst && NumericDateOrder(pattern: "%m/%d/%Y") == .monthFirst)
        #expect(DateParsing.parse("31/03/2025") == CalendarDate(iso8601: "2025-03-31"))
        #expect(DateParsing.parse("2025-03-31 00:00:00") == CalendarDate(iso8601: "2025-03-31"))
        #expect(DateParsing.parse("31/02/2025") == nil)
    }

    @Test("the API's JSON: events in data, values as strings; an error answer is an error")
    func apiJSON() throws {
        let (events, r) = try Self.read("current-api.json")
        #expect(r.kept == 36 && events.first?.eventIDCnty == "HTI990000" && events.first?.latitude == 18.5435)
        let dir = try SharedData.temporaryDirectory("api")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("denied.json").path
        try #"{"status":403,"success":false,"error":{"message":"Access denied"}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: IncidentRowError.self) { _ = try IncidentSource.read(path: path) { _ in } }
    }

    @Test("location precision: read where given, inferred where the point is its commune's default point")
    func precision() throws {
        let (full, _) = try Self.read("current-full.csv")
        let (reduced, r) = try Self.read("current-reduced.csv")
        #expect(full.allSatisfy { !$0.geoPrecisionInferred })
        let defaultPoints = zip(full, reduced).filter { $0.0.geoPrecision == 2 }
        #expect(!defaultPoints.isEmpty && defaultPoints.allSatisfy { $0.1.geoPrecision == 2 && $0.1.geoPrecisionInferred })
        let exact = zip(full, reduced).filter { $0.0.geoPrecision == 1 && $0.0.location != $0.0.admin3 }
        #expect(!exact.isEmpty && exact.allSatisfy { $0.1.geoPrecision == nil })
        #expect(r.precisionInferred == reduced.filter(\.geoPrecisionInferred).count)
    }

    @Test("points agree with the file's own admin3 commune for at least 97% of rows")
    func placementAgrees() throws {
        let placer = try IncidentReaderTests.placer()
        let communes = try #require(placer.zones?.layers.first { $0.level == ZoneLevel("adm2") })
        for name in ["current-full.csv", "current-reduced.csv", "current-api.json"] {
            var (events, report) = try Self.read(name)
            var agree = 0
            for k in events.indices {
                #expect(placer.place(&events[k], report: &report, where: events[k].id))
                let commune = events[k].zoneChain.lazy.compactMap { communes.zone(id: $0) }.first
                if let commune, let stated = events[k].admin3, NameNormalizer.key(commune.name) == NameNormalizer.key(stated) { agree += 1 }
            }
            #expect(Double(agree) / Double(events.count) >= 0.97, "\(name): \(agree) of \(events.count)")
        }
    }
}
