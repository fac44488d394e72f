import Foundation
import Testing
import TestSupport

/// `incidentmap acled pull` against the local server that speaks ACLED's API (TestSupport's FakeACLEDServer).
@Suite("incidentmap acled pull, end to end")
struct ACLEDCommandTests {
    @Test("first pull and update; the store is read by export; no credential in any output")
    func pullThenUpdate() throws {
        let server = try FakeACLEDServer()
        server.events = (0..<3).map { FakeACLEDServer.event($0, timestamp: 1_750_000_000 + $0) }
        let dir = try SharedData.temporaryDirectory("cli-acled").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["ACLED_USERNAME": server.username, "ACLED_PASSWORD": server.password, "HOME": dir]
        let args = ["acled", "pull", "--country", "Haiti", "--start-date", "2025-01-01", "--end-date", "2025-06-30",
                    "-o", "\(dir)/haiti.csv", "--api-url", server.base, "--page-size", "2"]
        let first = try CLI.run(args, environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("first pull: 3 events (2 pages)") && first.stdout.contains("holds 3 events, newest timestamp 1750000002"), "\(first.stdout)")
        server.events.append(FakeACLEDServer.event(4, timestamp: 1_750_100_000))
        server.deleted = [(id: "HTI90", timestamp: 1_750_050_000)]
        let update = try CLI.run(args, environment: env)
        #expect(update.status == 0 && update.stdout.contains("update since timestamp 1750000002: 1 new, 0 changed, 1 deleted by ACLED"), "\(update.stdout)\(update.stderr)")
        // The store is an ACLED export like any other.
        let export = try CLI.run(["export", "\(dir)/haiti.csv", "-o", "-", "-f", "csv"])
        #expect(export.status == 0 && export.stderr.contains("read 3, kept 3"), "\(export.stderr)")
        // A wrong password: said plainly, exit 1, the store untouched.
        let before = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/haiti.csv"))
        let wrong = try CLI.run(args, environment: env.merging(["ACLED_PASSWORD": "not-the-password"]) { $1 })
        #expect(wrong.status == 1 && wrong.stderr.contains("ACLED refused the username or password"), "\(wrong.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/haiti.csv")) == before)
        for r in [first, update, export, wrong] {
            #expect(!r.stdout.contains(server.password) && !r.stderr.contains(server.password) && !r.stderr.contains("not-the-password"))
        }
        // The password on the command line is not an option at all.
        let onLine = try CLI.run(args + ["--password", "x"], environment: env)
        #expect(onLine.status == 64)
    }
}
