import ACLEDPull
import Foundation
import LayerIO
import Testing
import TestSupport

/// `acled pull` against a local server that speaks ACLED's documented API (FakeACLEDServer), entirely offline.
@Suite("acled pull: OAuth, pages, updates, deletions, failures")
struct ACLEDPullTests {
    static func client(_ server: FakeACLEDServer, password: String? = nil) -> ACLEDClient {
        let c = ACLEDClient(base: server.base, credentials: ACLEDCredentials(username: server.username, password: password ?? server.password))
        c.sleep = { _ in }
        c.today = ISO8601DateFormatter().date(from: "2025-12-01T00:00:00Z")!
        return c
    }

    static func haiti() -> ACLEDQuery {
        var q = ACLEDQuery()
        q.countries = ["Haiti"]
        q.startDate = "2025-01-01"
        q.endDate = "2025-06-30"
        return q
    }

    /// The store's rows by event id.
    static func rows(_ path: String) throws -> [String: [String: String]] {
        let reader = try CSVReader(path: path)
        guard try reader.next() else { return [:] }
        let header = try reader.strings()
        var out: [String: [String: String]] = [:]
        while try reader.next() {
            let row = Dictionary(uniqueKeysWithValues: zip(header, try reader.strings()))
            out[row["event_id_cnty"]!] = row
        }
        return out
    }

    @Test("first pull follows the pages; an update adds and changes rows and applies ACLED's deletions; no password anywhere")
    func firstAndIncremental() throws {
        let server = try FakeACLEDServer()
        server.events = (0..<5).map { FakeACLEDServer.event($0, timestamp: 1_750_000_000 + $0) }
            + [FakeACLEDServer.event(7, country: "Dominican Republic", timestamp: 1_750_000_010)]
        let dir = try SharedData.temporaryDirectory("acled-pull")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("haiti.csv").path
        var log: [String] = []
        let first = try ACLEDPullJob.run(client: Self.client(server), query: Self.haiti(), store: store, pageSize: 2) { log.append($0) }
        #expect(!first.incremental && first.received == 5 && first.added == 5 && first.total == 5 && first.pages == 3, "\(first)")
        #expect(first.lastTimestamp == 1_750_000_004)
        var rows = try Self.rows(store)
        #expect(rows.count == 5 && rows["HTI92"]?["notes"] == "Made-up event 2, with a comma, and \"quotes\".")
        // The token went once (password grant), every data request carried it as a bearer.
        #expect(server.requests.filter { $0.path == "/oauth/token" }.count == 1)
        #expect(server.requests.filter { $0.path == "/api/acled/read" }.allSatisfy { $0.headers["authorization"] == "Bearer token-1" && $0.query["country"] == "Haiti" })

        // A week later: one event changed, one new, one deleted.
        server.events[1] = FakeACLEDServer.event(1, timestamp: 1_750_100_000, notes: "Revised: 3 killed.")
        server.events.append(FakeACLEDServer.event(5, timestamp: 1_750_100_001))
        server.deleted = [(id: "HTI93", timestamp: 1_750_050_000), (id: "HTI100", timestamp: 1_750_050_000), (id: "HTI94", timestamp: 1_600_000_000)]
        let update = try ACLEDPullJob.run(client: Self.client(server), query: Self.haiti(), store: store, pageSize: 2)
        #expect(update.incremental && update.since == 1_750_000_004, "\(update)")
        #expect(update.added == 1 && update.changed == 1 && update.deleted == 1 && update.total == 5, "\(update)")
        let asked = try #require(server.requests.last { $0.path == "/api/acled/read" })
        #expect(asked.query["timestamp"] == "1750000004" && asked.query["timestamp_where"] == ">=")
        rows = try Self.rows(store)
        #expect(rows["HTI91"]?["notes"] == "Revised: 3 killed." && rows["HTI95"] != nil && rows["HTI93"] == nil && rows["HTI94"] != nil)
        let meta = try String(contentsOfFile: store + ".pull", encoding: .utf8)
        #expect(meta.contains("last_timestamp=1750100001") && meta.contains("query=country=Haiti&event_date=2025-01-01|2025-06-30"))
        // The password went only into the token requests' bodies: not into a URL, a data request, the store or a log.
        let password = server.password
        #expect(server.rawRequests.filter { $0.contains(password) }.allSatisfy { $0.hasPrefix("POST /oauth/token") })
        #expect(server.requests.allSatisfy { r in !r.query.values.contains { $0.contains(password) } })
        #expect(!(try String(contentsOfFile: store, encoding: .utf8)).contains(password) && !meta.contains(password))
        #expect(!log.joined().contains(password) && !"\(ACLEDCredentials(username: "u", password: password))".contains(password))
    }

    @Test("an expired access token is refreshed with the refresh token, once, and the pull goes on")
    func refresh() throws {
        let server = try FakeACLEDServer()
        server.events = (0..<3).map { FakeACLEDServer.event($0, timestamp: 1_750_000_000 + $0) }
        server.expired = ["token-1"]
        let dir = try SharedData.temporaryDirectory("acled-refresh")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ACLEDPullJob.run(client: Self.client(server), query: Self.haiti(), store: dir.path + "/h.csv")
        #expect(r.total == 3 && server.refreshes == 1)
        #expect(server.requests.last?.headers["authorization"] == "Bearer token-2")
    }

    @Test("a wrong password, a tier that does not reach the dates, rate limits and a pull cut part way")
    func failures() throws {
        let server = try FakeACLEDServer()
        server.events = (0..<5).map { FakeACLEDServer.event($0, timestamp: 1_750_000_000 + $0) }
        let dir = try SharedData.temporaryDirectory("acled-failures")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.path + "/h.csv"
        #expect { try ACLEDPullJob.run(client: Self.client(server, password: "wrong"), query: Self.haiti(), store: store) } throws: { e in
            "\(e)".contains("ACLED refused the username or password of analyst@example.org") && !"\(e)".contains("wrong")
        }
        #expect(!FileManager.default.fileExists(atPath: store))
        // The free tier: events up to twelve months old. The error names the dates it reaches.
        server.tierEnd = "2024-12-01"
        #expect { try ACLEDPullJob.run(client: Self.client(server), query: Self.haiti(), store: store) } throws: { e in
            "\(e)".contains("does not reach events of 2025-01-01 to 2025-06-30") && "\(e)".contains("until 2024-12-01")
                && "\(e)".contains("--end-date 2024-12-01")
        }
        server.tierEnd = nil
        // 429 twice, then answers: retried with back-off, nothing lost.
        server.rateLimited = 2
        let first = try ACLEDPullJob.run(client: Self.client(server), query: Self.haiti(), store: store, pageSize: 2)
        #expect(first.total == 5)
        let before = try Data(contentsOf: URL(fileURLWithPath: store)), metaBefore = try Data(contentsOf: URL(fileURLWithPath: store + ".pull"))
        // Cut part way: page 2 of the update never answers. The store and its .pull stay as they were.
        server.events += (10..<14).map { FakeACLEDServer.event($0, timestamp: 1_750_200_000 + $0) }
        server.failFromPage = 2
        #expect(throws: ACLEDError.self) { try ACLEDPullJob.run(client: Self.client(server), query: Self.haiti(), store: store, pageSize: 2) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before && Data(contentsOf: URL(fileURLWithPath: store + ".pull")) == metaBefore)
        // Another query into the same store is refused.
        var other = Self.haiti()
        other.countries = ["Mali"]
        #expect { try ACLEDPullJob.run(client: Self.client(server), query: other, store: store) } throws: { "\($0)".contains("was pulled with another query") }
    }

    @Test("credentials from the environment or a file only its owner reads")
    func credentials() throws {
        let dir = try SharedData.temporaryDirectory("acled-credentials")
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["ACLED_EMAIL": "a@example.org", "ACLED_PASSWORD": "pw", "HOME": dir.path]
        #expect(try ACLEDCredentials.load(environment: env, file: nil).username == "a@example.org")
        let file = dir.path + "/acled"
        try "# ACLED\nusername = b@example.org\npassword = pw2\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        #expect { try ACLEDCredentials.load(environment: [:], file: file) } throws: { "\($0)".contains("readable by others (mode 644): chmod 600") }
        chmod(file, 0o600)
        #expect(try ACLEDCredentials.load(environment: [:], file: file).username == "b@example.org")
        #expect { try ACLEDCredentials.load(environment: ["HOME": dir.path + "/none"], file: nil) } throws: { "\($0)".contains("set ACLED_USERNAME") }
    }
}
