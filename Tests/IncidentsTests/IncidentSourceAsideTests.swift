import Foundation
import Incidents
import Testing
import TestSupport

/// A table parsed on a thread of its own while the caller's thread takes the rows (the main job places them, `export`
/// writes them).
@Suite("IncidentSource.readAside: rows parsed aside, handed on in order")
struct IncidentSourceAsideTests {
    struct Stop: Error {}

    /// The sample's first data row written `count` times with ids R0, R1, … (`bad`: that row's date impossible).
    static func table(_ count: Int, bad: Int? = nil) throws -> String {
        let text = try String(contentsOfFile: SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentsTests/Fixtures/acled-haiti-sample.csv").path,
                              encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var out = [lines[0]]
        for k in 0..<count {
            var f = row
            f[0] = "R\(k)"
            f[1] = k == bad ? "2024-02-30" : "2025-03-31"
            out.append(f.joined(separator: ","))
        }
        let dir = try SharedData.temporaryDirectory("input-loader")
        let path = dir.appendingPathComponent("rows.csv").path
        try (out.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("10,000 rows arrive in order, each once; the reader's counts come back")
    func order() throws {
        let path = try Self.table(10_000)
        var ids: [String] = []
        let report = try IncidentSource.readAside(path: path, columnMapping: [:], onError: .skip, dateOrder: .unambiguousOnly) { ids.append($0.id) }
        #expect(ids == (0..<10_000).map { "R\($0)" })
        #expect(report.read == 10_000 && report.kept == 10_000)
    }

    @Test("the caller's error stops the reader and is thrown; a row error under --on-error fail comes after the rows before it")
    func errors() throws {
        let path = try Self.table(10_000, bad: 6_000)
        var seen = 0
        #expect(throws: Stop.self) {
            try IncidentSource.readAside(path: path, columnMapping: [:], onError: .skip, dateOrder: .unambiguousOnly) { _ in
                seen += 1
                if seen == 1_500 { throw Stop() }
            }
        }
        #expect(seen == 1_500)
        var before = 0
        let failure = try #require(throws: (any Error).self) {
            try IncidentSource.readAside(path: path, columnMapping: [:], onError: .fail, dateOrder: .unambiguousOnly) { _ in before += 1 }
        }
        #expect(before == 6_000, "every row before the bad one was handed on")
        #expect("\(failure)".contains("2024-02-30") || "\(failure)".contains("R6000"), "\(failure)")
    }
}
