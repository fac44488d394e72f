import Foundation
import GeoCore
import Incidents
import Testing
import TestSupport

/// Inputs the fuzzer (Fuzz/, `make fuzz`) found crashing, kept as fixtures
/// (Tests/IncidentsTests/Fixtures/fuzz/) and read again the way the fuzz
/// target reads them. A regression crashes the test process.
@Suite("Fuzz regressions: incident readers")
struct IncidentFuzzRegressionTests {
    static let folder = SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentsTests/Fixtures/fuzz").path

    @Test("a count of 10^100 in an integer column is a row error, not a trap converting Double to Int")
    func hugeCount() throws {
        let path = Self.folder + "/incidents-csv-huge-count.csv"
        // The rows before the broken quote at the end are read (the third trapped before the fix); then the
        // unterminated quote is an error naming the file and line.
        var kept = 0
        let quote = try #require(throws: (any Error).self, "an unterminated quote was accepted") {
            try IncidentSource.read(path: path) { _ in kept += 1 }
        }
        #expect(String(describing: quote).contains(path + ":10:"), "\(quote)")
        let failing = try #require(throws: (any Error).self, "accepted with --on-error fail") {
            try IncidentSource.read(path: path, columnMapping: ["event_date": "date"], onError: .fail) { _ in }
        }
        #expect(String(describing: failing).contains(path), "\(failing)")
    }

    @Test("every integer column refuses values beyond Int's range and non-finite ones (left empty and counted; the events kept)")
    func integerColumns() throws {
        let dir = try SharedData.temporaryDirectory("fuzz-int")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("rows.csv").path
        let values = ["1e300", "-1e300", "inf", "nan", "9223372036854775808", "9.3e18"]
        var text = "event_id_cnty,event_date,latitude,longitude,fatalities,timestamp\n"
        for (i, v) in values.enumerated() { text += "R\(i),2025-03-31,18.5,-72.3,\(v),\(v)\n" }
        text += "OK,2025-03-31,18.5,-72.3,4.0,1743379200\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var events: [Incident] = []
        let report = try IncidentSource.read(path: path) { events.append($0) }
        #expect(events.map(\.id) == ["R0", "R1", "R2", "R3", "R4", "R5", "OK"])
        #expect(events.dropLast().allSatisfy { $0.fatalities == nil && $0.timestamp == nil })
        #expect(events.last?.fatalities == 4 && events.last?.timestamp == 1743379200)
        #expect(report.rejected == 0)
        #expect(report.columnIssues.map(\.column).sorted() == ["fatalities", "timestamp"])
        #expect(report.columnIssues.allSatisfy { $0.count == values.count })
    }
}
