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

    @Test("libpq parameters from the URL's query (sslmode …); unknown ones refused; the program's settings win")
    func libpqParameters() throws {
        let t = try PostgresTarget(url: "postgresql://analyst@db.example.org/im?sslmode=require&application_name=desk&options=-c%20work_mem%3D64MB",
                                   environment: ["PGPASSWORD": "pw"])
        let p = t.connectionParameters([("options", "-c statement_timeout=1000")])
        func value(_ k: String) -> [String] { p.filter { $0.0 == k }.map(\.1) }
        #expect(value("host") == ["db.example.org"] && value("port") == ["5432"] && value("user") == ["analyst"] && value("dbname") == ["im"])
        #expect(value("password") == ["pw"])
        #expect(value("sslmode") == ["require"])
        #expect(value("application_name") == ["desk"], "the URL's own name, not the default")
        #expect(value("connect_timeout") == ["10"], "a 10 s default")
        #expect(value("options") == ["-c statement_timeout=1000"], "the reader's settings replace the URL's")
        #expect(t.description == "postgresql://analyst@db.example.org:5432/im", "parameters and password never printed")
        #expect(throws: PostGISError.self) { try PostgresTarget(url: "postgresql://a@h/db?sslmod=require", environment: [:]) }
    }

    @Test("rows as text: integers, doubles (shortest form, Infinity/NaN), NULLs; a wrong value names its column")
    func rowText() throws {
        let r = PGRow(values: ["42", "0.30000000000000004", nil, "-Infinity", "x"])
        #expect(try r.int(0) == 42)
        #expect(try r.double(1) == 0.1 + 0.2)
        #expect(try r.optionalInt(2) == nil && r[2] == nil)
        #expect(try r.double(3) == -.infinity)
        #expect(throws: PGFailure.self) { try r.int(4) }
        #expect(throws: PGFailure.self) { try r.string(2) }
        #expect(try #require(throws: PGFailure.self) { try r.double(4) }.message.contains("column 5"))
    }
}
