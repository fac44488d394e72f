import Foundation
import GeoCore
import Testing
import TestSupport

@Suite("incidentmap extract, end to end")
struct ExtractCommandTests {
    @Test("background events: flagged in json, left out of csv unless --keep-background")
    func background() throws {
        let dir = try SharedData.temporaryDirectory("extract-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let article = dir.appendingPathComponent("a.txt").path
        try """
            Gunmen shot dead four farmers on the road outside Cabaret on Monday, residents said.

            The killings come a year after gangs massacred dozens of people in Arcahaie.
            """.write(toFile: article, atomically: true, encoding: .utf8)
        let json = try CLI.run(["extract", article, "--date", "2025-07-08", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let incidents = try #require(try JSONParser.parse(json.stdout).arrayValue?.first?["incidents"]?.arrayValue)
        #expect(incidents.count == 2)
        #expect(incidents.filter { $0["background"] == .bool(true) }.count == 1)
        func rows(_ extra: [String]) throws -> [String] {
            let r = try CLI.run(["extract", article, "--date", "2025-07-08", "--format", "csv"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n").dropFirst().map(String.init)
        }
        let layer = try rows([])
        #expect(layer.count == 1 && layer[0].contains("Cabaret"))
        #expect(try rows(["--keep-background"]).count == 2)
    }
}
