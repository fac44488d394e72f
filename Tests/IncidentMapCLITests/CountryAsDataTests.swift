import Foundation
import Testing
import TestSupport

/// Issue 38, item 1: a country is data. Run with Burkina Faso's profile, `extract`, `summary` and `map` write nothing
/// of Haiti: no country name, no HT p-code, no capital of Haiti, no Haitian armed group.
@Suite("country as data: a Burkina Faso run says nothing of Haiti")
struct CountryAsDataTests {
    static let fixtures = SharedData.repositoryRoot.appendingPathComponent("Tests/MapJobTests/Fixtures").path

    static func haitiIn(_ text: String) -> [String] {
        ["Haiti", "Haïti", "Port-au-Prince", "Viv Ansanm", "viv ansanm", "Caribbean", "\"HT", "HT0"].filter { text.contains($0) }
    }

    @Test("extract, summary and map with --country BFA")
    func burkinaFaso() throws {
        let article = Self.fixtures + "/djibo-article.txt", table = Self.fixtures + "/acled-burkina-faso.csv"
        let e = try CLI.run(["extract", article, "--country", "BFA", "--date", "2025-03-12", "-f", "json"])
        #expect(e.status == 0, "\(e.stderr)")
        #expect(e.stdout.contains("Burkina Faso") && e.stdout.contains("\"outside_country\""), "\(e.stdout.prefix(300))")
        #expect(Self.haitiIn(e.stdout).isEmpty, "extract: \(Self.haitiIn(e.stdout))")
        let csv = try CLI.run(["extract", article, "--country", "BFA", "--date", "2025-03-12", "-f", "csv"])
        #expect(csv.status == 0 && Self.haitiIn(csv.stdout).isEmpty, "extract csv: \(Self.haitiIn(csv.stdout)) \(csv.stderr)")

        let s = try CLI.run(["summary", table, "--country", "BFA", "--level", "hex:10km", "--bootstrap", "0", "-f", "json"])
        #expect(s.status == 0, "\(s.stderr)")
        #expect(Self.haitiIn(s.stdout).isEmpty, "summary: \(Self.haitiIn(s.stdout))")

        let dir = try SharedData.temporaryDirectory("bfa-map").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let m = try CLI.run(["map", table, article, "--country", "BFA", "--level", "hex:10km", "--bootstrap", "0", "--as-of", "2025-03-31",
                             "--formats", "geojson,csv", "--out", dir + "/out", "-q"])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(Self.haitiIn(m.stdout + m.stderr).isEmpty, "map terminal: \(Self.haitiIn(m.stdout + m.stderr))")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir + "/out") where name.hasSuffix(".geojson") || name.hasSuffix(".csv") {
            let text = try String(contentsOfFile: dir + "/out/" + name, encoding: .utf8)
            #expect(Self.haitiIn(text).isEmpty, "\(name): \(Self.haitiIn(text))")
        }
    }
}
