import ControlShare
import Foundation
import GeoCore
import Incidents
import MapJob
import Testing
import TestSupport
import Zones

@Suite("MapRun: the main job as a library call")
struct MapRunTests {
    @Test("the streamed run (incidents counted and spooled one at a time) agrees with the in-memory summary, zone by zone")
    func streamedAgreesWithSummary() throws {
        var request = MapJobFixture.request([MapJobFixture.acledSample, SharedData.seedBriefing])
        request.asOf = CalendarDate(iso8601: "2025-04-04")
        request.since = CalendarDate(iso8601: "2024-06-01")
        request.parameters.bootstrap = 20
        request.calibration = .init(zone: "HT0111", share: 0.9)
        let run = try MapRun(request, resources: MapJobFixture.codAB)
        let streamed = try run.compute()
        let ctx = try run.load()
        let summary = try run.summarize(ctx)
        #expect(streamed.report.level == ZoneLevel("adm2") && summary.level == ZoneLevel("adm2"), "the profile's summary level")
        let zoneRows = summary.rows.filter { $0.zone.level != .group }
        #expect(zoneRows.count == 140 && streamed.layers.zones.count == 140)
        var compared = 0
        for row in zoneRows {
            let s = try #require(streamed.report.rows.first { $0.zone.id == row.zone.id })
            #expect(s.incidents == row.incidents && s.fatalities == row.fatalities, "\(row.zone.id)")
            #expect(s.firstDate == row.firstDate && s.lastDate == row.lastDate, "\(row.zone.id)")
            #expect(s.surface?.shares[ControlClass("gang")] == row.surface?.shares[ControlClass("gang")], "\(row.zone.id) gang share")
            #expect(s.surface?.interval[ControlClass("gang")]?.0 == row.surface?.interval[ControlClass("gang")]?.0, "\(row.zone.id) interval")
            #expect(s.surface?.interval[ControlClass("gang")]?.1 == row.surface?.interval[ControlClass("gang")]?.1, "\(row.zone.id) interval")
            if row.incidents > 0 { compared += 1 }
        }
        #expect(compared >= 5)
        // The calibration is fitted on the same surface input either way.
        let a = try #require(streamed.report.calibration), b = try #require(summary.calibration)
        #expect(a.theta == b.theta && a.zone == "HT0111")
        // The incidents layer lists every incident with a point, once; the extent frames them inside Haiti.
        let incidents = try streamed.layers.features(.incidents)
        #expect(incidents.count > 10 && Set(incidents.compactMap { $0.id?.description }).count == incidents.count)
        let e = try #require(streamed.extent)
        #expect(e.minLongitude < -72.34 && e.maxLongitude > -72.33 && e.minLatitude < 18.54 && e.maxLatitude > 18.55, "frames Port-au-Prince")
        #expect(streamed.incidents == ctx.loaded.incidents.count)
        // The placing's point locator covers the finest layer (sections here): offered to a count over exactly those
        // zones at that level, never over the communes the summary counts in.
        let placed = try #require(ctx.loaded.placedWith)
        #expect(placed.layer.level == .adm3 && placed.layer.zones.count == 570)
        #expect(ctx.loaded.locator(over: placed.layer.zones, level: placed.layer.level) != nil)
        #expect(ctx.loaded.locator(over: ctx.layer.zones, level: ctx.layer.level) == nil)
        #expect(ctx.loaded.locator(over: placed.layer.zones, level: .adm2) == nil)
    }

    @Test("a current ACLED export (text interaction, no inter columns) keeps every row; actors are classed")
    func currentExport() throws {
        let run = try MapRun(MapJobFixture.request([MapJobFixture.acled("current-reduced.csv")]), resources: MapJobFixture.codAB)
        let report = try run.summarize(try run.load())
        #expect(report.counts.kept == 36 && report.counts.rejected == 0)
        let actors = try #require(report.actors)
        #expect(actors.unknown == 0)
        #expect(actors.mentions[ControlClass("international")] == 3, "the MSS's Kenyan police and US forces")
        #expect(report.sources == [MapJobFixture.acled("current-reduced.csv")])
    }

    @Test("reported figures: a share outside 0–1 stops the run naming file and line; a zone no boundary or group names is a warning, not a row")
    func reportedFigures() throws {
        let dir = try SharedData.temporaryDirectory("maprun-reported")
        defer { try? FileManager.default.removeItem(at: dir) }
        let rep = dir.appendingPathComponent("rep.csv").path
        try "zone,class,share,date,source\nPort-au-Prince,gang,1.4,2025-04-04,X\n".write(toFile: rep, atomically: true, encoding: .utf8)
        var request = MapJobFixture.request([MapJobFixture.acled("current-reduced.csv")])
        request.reported = [rep]
        request.parameters.bootstrap = 0
        let tooLarge = try #require(throws: (any Error).self) { try MapRun(request, resources: MapJobFixture.codAB).load() }
        #expect("\(tooLarge)".contains("\(rep):2:") && "\(tooLarge)".contains("outside 0–1"), "\(tooLarge)")
        try "zone,class,share,date,source\nAtlantis,gang,0.5,2025-04-04,X\ncapital,gang,90%,2025-04-04,UN\n".write(toFile: rep, atomically: true, encoding: .utf8)
        let run = try MapRun(request, resources: MapJobFixture.codAB)
        let report = try run.summarize(try run.load())
        #expect(report.warnings.contains { $0.contains("reported zone 'Atlantis'") && $0.contains("matches no zone") }, "\(report.warnings)")
        #expect(!report.rows.contains { $0.reported.contains { $0.zoneText == "Atlantis" } })
        let capital = try #require(report.rows.first { $0.zone.id == "capital" })
        #expect(capital.reported.first?.share == 0.9 && capital.reported.first?.actorClass == .gang, "90% read as 0.9 for the capital group")
    }

    @Test("too little kept stops the run naming the reasons; --on-error skip goes on with the failure in the counts")
    func tooLittleKept() throws {
        let request = MapJobFixture.request([MapJobFixture.acled("no-usable-row.csv")])
        let run = try MapRun(request, resources: MapJobFixture.codAB)
        let error = try #require(throws: MapRunError.self) { try run.load() }
        #expect(!error.isUsage && error.description.contains("no event kept") && error.description.contains("event_date"), "\(error)")
        #expect(throws: MapRunError.self) { try run.compute() }
        var skipping = request
        skipping.onError = .skip
        let report = try MapRun(skipping, resources: MapJobFixture.codAB).summarize(try MapRun(skipping, resources: MapJobFixture.codAB).load())
        #expect(report.counts.kept == 0 && report.counts.failure != nil)
    }

    @Test("a request's own mistakes are usage errors, said before anything is read")
    func usageErrors() throws {
        var both = MapJobFixture.request([MapJobFixture.acledSample])
        both.demo = true
        #expect(throws: MapRunError.usage("give incident files or --demo, not both")) { try MapRun(both, resources: MapJobFixture.codAB) }
        let none = MapJobFixture.request()
        let e = try #require(throws: MapRunError.self) { try MapRun(none, resources: MapJobFixture.codAB) }
        #expect(e.isUsage && e.description.contains("--demo"))
        var controlOnly = none
        controlOnly.reported = [SharedData.repositoryRoot.appendingPathComponent("Geo/scenario/reported.csv").path]
        #expect(try MapRun(controlOnly, resources: MapJobFixture.codAB).request.notice?.contains("reported figures alone") == true)
        var calibrate = MapJobFixture.request([MapJobFixture.acledSample])
        calibrate.calibration = .init(zone: "Atlantis", share: 0.9)
        #expect(throws: MapRunError.unknownZone(option: "--calibrate", zone: "Atlantis", level: ZoneLevel("adm2"))) {
            try MapRun(calibrate, resources: MapJobFixture.codAB).calibrationTarget()
        }
        #expect(throws: MapRunError.self) { try MapRequest.Calibration(parsing: "HT0111=1.5") }
        #expect(try MapRequest.Calibration(parsing: "Port-au-Prince=90%") == .init(zone: "Port-au-Prince", share: 0.9))
    }

    @Test("the demo runs the profile's scenario, says so first, and names it in the sources; the U.N.'s figure sits in Port-au-Prince")
    func demo() throws {
        var request = MapJobFixture.request()
        request.demo = true
        let run = try MapRun(request, resources: MapJobFixture.codAB)
        #expect(run.request.notice?.hasPrefix("DEMO:") == true)
        let result = try run.compute()
        #expect(result.report.sources.first?.hasPrefix("DEMO:") == true)
        #expect(result.incidents > 0 && result.layers.count(.incidents) > 0)
        let withFigures = result.report.rows.filter { !$0.reported.isEmpty }.map(\.zone.id)
        #expect(withFigures == ["HT0111"], "the U.N.'s 90% for Port-au-Prince: \(withFigures)")
    }

    @Test("runs sharing one set of resources on several threads give the same reports as one after another")
    func concurrentRuns() async throws {
        let inputs = [MapJobFixture.acled("current-reduced.csv"), MapJobFixture.acledSample, MapJobFixture.acled("current-full.csv")]
        func shares(_ input: String) throws -> [String: Double] {
            let run = try MapRun(MapJobFixture.request([input]), resources: MapJobFixture.codAB)
            let report = try run.summarize(try run.load())
            return Dictionary(uniqueKeysWithValues: report.rows.map { ($0.zone.id, $0.surface?.shares[ControlClass("gang")] ?? -1) })
        }
        let serial = try inputs.map(shares)
        let parallel = try await withThrowingTaskGroup(of: (Int, [String: Double]).self) { group in
            for (i, input) in inputs.enumerated() { group.addTask { (i, try shares(input)) } }
            var out = [[String: Double]](repeating: [:], count: inputs.count)
            for try await (i, s) in group { out[i] = s }
            return out
        }
        #expect(serial == parallel)
        #expect(serial.allSatisfy { $0.count == 141 }, "140 communes and the capital")
    }
}
