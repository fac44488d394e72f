import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// `serve` as a process: start-up problems said at once and plainly, and Ctrl-C said on the way out.
@Suite("incidentmap serve: busy port, Ctrl-C, --watch")
struct ServeCommandTests {
    @Test("a port already in use is refused before the layers are computed, in plain words")
    func busyPort() throws {
        // A listening socket on a free port of this machine.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let r = try CLI.run(["serve", "--demo", "--port", String(port)])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("port \(port) on 127.0.0.1 is already in use"), "\(r.stderr)")
        #expect(!r.stderr.contains("errno") && !r.stderr.contains("bind("), "no system call in the message")
        #expect(!r.stderr.contains("DEMO"), "refused before the demo layers were computed")
    }

    @Test("Ctrl-C: the server stops, says so on standard error, and exits 0")
    func interrupt() throws {
        let (served, status, stderr) = try CLI.serveThenInterrupt(["--demo", "--port", "0", "--quiet"])
        #expect(served)
        #expect(status == 0, "\(stderr)")
        #expect(stderr.contains("incidentmap serve: stopped (interrupted)"), "\(stderr)")
    }

    /// A layer of `n` points, as `map --out` writes `incidents.geojson`.
    static func points(_ n: Int) -> String {
        let features = (0..<n).map { k in
            "{\"type\":\"Feature\",\"id\":\(k + 1),\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(-72.3 + Double(k) * 0.01),18.5]},\"properties\":{\"id\":\"E\(k)\"}}"
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}"
    }

    @Test("--watch: an input rewritten is served within seconds, with a new ETag; requests keep being answered")
    func watch() throws {
        let dir = try SharedData.temporaryDirectory("serve-watch").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.points(1).write(toFile: dir + "/incidents.geojson", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.executable)
        p.arguments = ["serve", "--layers", dir, "--watch", "--watch-interval", "0.2", "--port", "0", "--quiet"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        defer { if p.isRunning { kill(p.processIdentifier, SIGINT); p.waitUntilExit() } }
        var seen = ""
        let started = Date().addingTimeInterval(60)
        while Date() < started, !seen.contains("/map") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(seen.range(of: "127.0.0.1:").map { seen[$0.upperBound...].prefix { $0.isNumber } }.flatMap { Int($0) }, "\(seen)")
        func get() throws -> (matched: Int, etag: String?) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/collections/incidents/items?f=json")!)
            request.timeoutInterval = 10
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var answer: (Data?, URLResponse?) = (nil, nil)
            URLSession.shared.dataTask(with: request) { d, r, _ in answer = (d, r); done.signal() }.resume()
            done.wait()
            let json = try JSONSerialization.jsonObject(with: try #require(answer.0)) as? [String: Any]
            return (json?["numberMatched"] as? Int ?? -1, (answer.1 as? HTTPURLResponse)?.value(forHTTPHeaderField: "ETag"))
        }
        let before = try get()
        #expect(before.matched == 1)
        try Self.points(3).write(toFile: dir + "/incidents.geojson", atomically: true, encoding: .utf8)
        var after = before
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, after.matched == 1 {
            Thread.sleep(forTimeInterval: 0.2)
            after = try get()
        }
        #expect(after.matched == 3, "served \(after.matched) features after the input grew to 3")
        #expect(after.etag != nil && after.etag != before.etag)
        // A broken input is said and the last good layers stay served.
        try "{\"type\":\"FeatureCollection\",".write(toFile: dir + "/incidents.geojson", atomically: true, encoding: .utf8)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(try get().matched == 3)
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains("inputs changed; now serving") && stderr.contains("incidents 3"), "\(stderr)")
        #expect(stderr.contains("could not be read") && stderr.contains("still serving the previous layers"), "\(stderr)")
    }
}
