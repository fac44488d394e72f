import Foundation
import Testing
import TestSupport
@testable import PostGISStore

@Suite("PostgreSQL targets: URL, password sources, never printed")
struct PostgresTargetTests {
    @Test("URL parts, defaults, and a description without the password")
    func url() throws {
        let t = try PostgresTarget(url: "postgresql://analyst:S3cret-pass@db.example.org:6543/incidents", environment: [:])
        #expect(t.user == "analyst" && t.host == "db.example.org" && t.port == 6543 && t.database == "incidents")
        #expect(t.password == "S3cret-pass")
        #expect(t.description == "postgresql://analyst@db.example.org:6543/incidents")
        #expect(!String(describing: t).contains("S3cret"))
        let d = try PostgresTarget(url: "postgres://127.0.0.1/im", environment: ["PGUSER": "desk", "PGPASSWORD": "pw"])
        #expect(d.user == "desk" && d.port == 5432 && d.password == "pw")
        for bad in ["postgresql://host", "postgresql:///db", "mysql://u@h/db", "postgresql://h/a/b"] {
            #expect(throws: PostGISError.self, "\(bad)") { try PostgresTarget(url: bad, environment: [:]) }
        }
    }

    @Test(".pgpass: first matching line wins; * matches anything; \\: and \\\\ are escapes")
    func pgpass() throws {
        let dir = try SharedData.temporaryDirectory("pgpass")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("pgpass").path
        try """
        # comment
        otherhost:5432:im:analyst:nope
        127.0.0.1:5433:*:analyst:with\\:colon\\\\slash
        *:*:*:*:fallback
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let t = try PostgresTarget(url: "postgresql://analyst@127.0.0.1:5433/im", environment: ["PGPASSFILE": path])
        #expect(t.password == "with:colon\\slash")
        let u = try PostgresTarget(url: "postgresql://someone@10.0.0.1/db", environment: ["PGPASSFILE": path])
        #expect(u.password == "fallback")
        let v = try PostgresTarget(url: "postgresql://someone@10.0.0.1/db", environment: ["PGPASSFILE": path, "PGPASSWORD": "env"])
        #expect(v.password == "env", "PGPASSWORD comes before .pgpass, as for psql")
    }

    @Test("layer and schema names: only plain SQL identifiers")
    func names() {
        for ok in ["zones", "incidents_2025", "_x"] { #expect(PostGISLayerWriter.validName(ok)) }
        for bad in ["", "Zones", "1zones", "zo nes", "a\"b", String(repeating: "a", count: 64)] { #expect(!PostGISLayerWriter.validName(bad)) }
        #expect(CopyText.identifier("we\"ird") == "\"we\"\"ird\"")
        var out: [UInt8] = []
        CopyText.appendEscaped("a\tb\nc\\d\r", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "a\\tb\\nc\\\\d\\r")
    }
}
