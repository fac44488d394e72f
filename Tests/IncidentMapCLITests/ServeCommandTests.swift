import Foundation
import Testing
import TestSupport

/// `serve` as a process: start-up problems said at once and plainly, and Ctrl-C said on the way out.
@Suite("incidentmap serve: busy port, Ctrl-C")
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
}
