import Foundation
import GeoCore
import Gazetteer
@testable import Incidents
import Testing
import TestSupport
import Zones

@Suite("Reading ACLED-style incident tables")
struct IncidentReaderTests {
    static func placer() throws -> IncidentPlacer {
        let g = try HaitiFixture.gazetteer.get()
        return IncidentPlacer(gazetteer: g, zones: g.zoneSet, adminLevels: ExtractorFixture.haiti.adminLevels)  // ACLED's admin3 is Haiti's commune
    }

    @Test("the ACLED fixture reads with the expected counts, zone chains and reports")
    func acledFixture() throws {
        let placer = try Self.placer()
        var incidents: [Incident] = []
        var report = try IncidentSource.read(path: ExtractorFixture.fixture("acled-haiti-sample.csv")) { incidents.append($0) }
        for k in incidents.indices { placer.place(&incidents[k], report: &report, where: incidents[k].id) }
        // Only an unreadable date and a ragged row reject a row; an unknown event type and a latitude out of
        // range are counted per column and the events kept (the second is placed by its admin1 name).
        #expect(report.read == 13)
        #expect(report.kept == 11)
        #expect(report.rejected == 2)
        #expect(report.geocoded == 4)
        #expect(report.problems.count == 2)
        #expect(report.problems.contains { $0.contains("acled-haiti-sample.csv:10:event_date") && $0.contains("2025-02-30") })
        #expect(report.problems.contains { $0.contains(":13:") && $0.contains("ragged") })
        #expect(report.columnIssues.contains { $0.column == "event_type" && $0.firstLine == 11 && $0.example == "Shootings" })
        #expect(report.columnIssues.contains { $0.column == "latitude" && $0.firstLine == 12 })

        let byID = Dictionary(uniqueKeysWithValues: incidents.map { ($0.id, $0) })
        #expect(byID["HTI90001"]?.eventDate == CalendarDate(iso8601: "2025-03-31"))  // "31 March 2025"
        #expect(byID["HTI90001"]?.zoneChain.prefix(2) == ["HT06", "HT0621"])
        // ACLED's `year` (read by no field) and the file's own column are kept, for the layers (issue 37).
        #expect(byID["HTI90001"]?.extra == [Property("year", .string("2025")), Property("analyst_note", .string("written for IncidentMap tests"))])
        #expect(byID["HTI90003"]?.geocoded == true && byID["HTI90003"]?.zoneChain.prefix(2) == ["HT01", "HT0115"])
        #expect(byID["HTI90003"]?.geoPrecision == 1)
        // The match that placed it, typed (no longer extra columns read back by name); rows with coordinates have none.
        let match = try #require(byID["HTI90003"]?.geocodeMatch)
        #expect(match.query == byID["HTI90003"]?.location && match.score >= 0.85 && !match.placeID.isEmpty)
        #expect(byID["HTI90001"]?.geocodeMatch == nil && byID["HTI90005"]?.geocodeMatch?.query != nil)
        #expect(byID["HTI90004"]?.zoneChain.prefix(2) == ["HT05", "HT0531"])  // Pont-Sondé via the hotspot alias
        #expect(byID["HTI90004"]?.geoPrecision == 2)
        #expect(byID["HTI90005"]?.geocoded == true && byID["HTI90005"]?.geoPrecision == 3)  // admin1 only
        #expect(byID["HTI90006"]?.zoneChain.prefix(2) == ["HT01", "HT0117"])  // offshore, snapped
        #expect(byID["HTI90007"]?.zoneChain.prefix(2) == ["HT01", "HT0112"])
        #expect(byID["HTI90010"]?.eventType == "Battles", "taken from its sub-event type, Armed clash")
        #expect(byID["HTI90011"]?.geoPrecision == 3 && byID["HTI90011"]?.zoneChain.first == "HT01", "coordinates dropped, placed by admin1")
        #expect(report.warnings.contains { $0.hasPrefix("HTI90008") && $0.contains("admin3 says 'Tabarre'") && $0.contains("HT0112") })
        #expect(report.warnings.contains { $0.hasPrefix("HTI90013") && $0.contains("swapped") })
        #expect(!report.warnings.contains { $0.hasPrefix("HTI90007") })
    }

    @Test("a file with thousands of bad rows and far-off points keeps the first 1,000 lines of each and counts the rest")
    func boundedReport() throws {
        let dir = try SharedData.temporaryDirectory("bounded-report")
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "event_id_cnty,event_date,event_type,latitude,longitude,fatalities\n"
        for i in 0..<1_200 { text += "FAR\(i),2025-03-01,Battles,25.5,-60.25,0\n" }  // in the Atlantic: outside every zone
        for i in 0..<1_300 { text += "BAD\(i),2025-02-30,Battles,18.54,-72.34,0\n" }  // no such date
        let path = dir.appendingPathComponent("many.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let placer = try Self.placer()
        var kept = 0
        var report = try IncidentSource.read(path: path) { _ in kept += 1 }
        var incidents: [Incident] = []
        _ = try IncidentSource.read(path: path) { incidents.append($0) }
        for k in incidents.indices { placer.place(&incidents[k], report: &report, where: incidents[k].id) }
        #expect(kept == 1_200 && report.rejected == 1_300)
        #expect(report.problems.count == 1_000 && report.problemsLeftOut == 300)
        #expect(report.problems.first?.contains("many.csv:1202:event_date") == true, "\(report.problems.first ?? "")")
        #expect(report.warnings.count == 1_000 && report.warningsLeftOut == 200 && report.warningCount == 1_200)
        #expect(report.warnings.first?.hasPrefix("FAR0:") == true && report.warnings.allSatisfy { $0.contains("outside every zone") })
        // Two files' reports together keep the limit and add the counts.
        var both = ReadReport()
        both.absorb(report)
        both.absorb(report)
        #expect(both.warnings.count == 1_000 && both.warningCount == 2_400 && both.problems.count == 1_000 && both.problemsLeftOut == 1_600)
    }

    @Test("--on-error fail stops at the first bad row with file:line:column")
    func failFast() throws {
        let e = try #require(throws: IncidentRowError.self) {
            try IncidentTableReader(onError: .fail).read(path: ExtractorFixture.fixture("acled-haiti-sample.csv")) { _ in }
        }
        #expect(e.line == 10 && e.column == "event_date")
    }

    @Test("generic CSV through a column mapping, reduced columns, BOM, Latin-1 reported")
    func mappedCSV() throws {
        let dir = try SharedData.temporaryDirectory("incidents")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("field.csv").path
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array("Date;Lat;Lon;Place\n".replacingOccurrences(of: ";", with: ",").utf8)
        bytes += Array("2025-04-01,18.5435,-72.3388,Port-au-Prince\n".utf8)
        bytes += Array("2025-04-02,,,".utf8) + [0x50, 0xE9, 0x74, 0x69, 0x6F, 0x6E, 0x76, 0x69, 0x6C, 0x6C, 0x65] + [0x0A]  // "Pétionville" in Latin-1
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let mapping = try IncidentTableReader.parseMapping("event_date=Date,latitude=Lat,longitude=Lon,location=Place")
        var rows: [Incident] = []
        let report = try IncidentTableReader(columnMapping: mapping).read(path: path) { rows.append($0) }
        #expect(report.kept == 2)
        #expect(rows[0].latitude == 18.5435 && rows[0].eventDate == CalendarDate(iso8601: "2025-04-01"))
        #expect(rows[1].location == "Pétionville")
        #expect(report.warnings.contains { $0.contains("Latin-1") })
        #expect(throws: IncidentRowError.self) { try IncidentTableReader.parseMapping("lattitude=Lat") }
    }

    @Test("spaces and tabs around a field are dropped (accented text, Latin-1 too); inside it they stay; blanks alone are empty")
    func blanksAroundFields() throws {
        let dir = try SharedData.temporaryDirectory("blanks")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("padded.csv").path
        var bytes = Array("event_date,latitude,longitude,location,admin2,notes,fatalities\n".utf8)
        bytes += Array(" 2025-04-01\t, 18.5435 ,\t-72.3388,  Cité Soleil\t, \t ,two  spaces inside , 3 \n".utf8)
        bytes += Array("2025-04-02,18.5,-72.3,\t".utf8) + [0x50, 0xE9, 0x74, 0x69, 0x6F, 0x6E, 0x76, 0x69, 0x6C, 0x6C, 0x65] + Array("  ,,,\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var rows: [Incident] = []
        let report = try IncidentTableReader().read(path: path) { rows.append($0) }
        #expect(report.kept == 2 && report.rejected == 0)
        #expect(rows[0].eventDate == CalendarDate(iso8601: "2025-04-01") && rows[0].latitude == 18.5435 && rows[0].longitude == -72.3388)
        #expect(rows[0].location == "Cité Soleil" && rows[0].admin2 == nil && rows[0].notes == "two  spaces inside" && rows[0].fatalities == 3)
        #expect(rows[1].location == "Pétionville")  // Latin-1, read as such, then trimmed
        #expect("\t a b \t".trimmingBlanks() == "a b" && "é".trimmingBlanks() == "é" && " \t ".trimmingBlanks().isEmpty)
    }

    @Test("extract output written as CSV reads back with the same fields")
    func writerRoundTrip() throws {
        let text = try String(contentsOfFile: SharedData.seedBriefing, encoding: .utf8)
        let e = try ExtractorFixture.extractor.get().extract(text: text, file: "seed.txt", reportDate: CalendarDate(iso8601: "2025-04-04"))
        let dir = try SharedData.temporaryDirectory("roundtrip")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("incidents.csv").path
        let w = try IncidentCSVWriter(sink: try AtomicFile(destination: path), extraColumns: ["date_end", "date_phrase"])
        for i in e.incidents { try w.write(i) }
        try w.finish()
        var back: [Incident] = []
        let report = try IncidentSource.read(path: path) { back.append($0) }
        #expect(report.rejected == 0, "\(report.problems)")
        #expect(back.count == e.incidents.count)
        for (a, b) in zip(e.incidents, back) {
            #expect(a.id == b.id && a.eventDate == b.eventDate && a.eventType == b.eventType && a.subEventType == b.subEventType)
            #expect(a.actor1 == b.actor1 && a.fatalities == b.fatalities && a.killed?.value == b.killed?.value && a.freed?.value == b.freed?.value)
            #expect(a.zoneChain == b.zoneChain)
            #expect(a.extractedFrom?.description == b.extra.first { $0.name == "extracted_from" }?.value.stringValue ?? a.extractedFrom?.description)
        }
        let header = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")[0]
        #expect(header.hasPrefix("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1"))
    }
}
