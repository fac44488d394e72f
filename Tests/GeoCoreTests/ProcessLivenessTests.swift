import Foundation
import GeoCore
import Testing
import TestSupport

@Suite("Leftovers of killed runs")
struct ProcessLivenessTests {
    @Test("abandoned(in:prefix:) names the dead PIDs' entries among thousands of short-named ones (read in place: no overread)")
    func abandonedAmongMany() throws {
        let dir = try SharedData.temporaryDirectory("liveness")
        defer { try? FileManager.default.removeItem(at: dir) }
        // A process that has exited and been reaped.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        // Thousands of short names fill readdir's buffer with short records, one of them at its very end
        // (where copying `d_name` whole read past the buffer: AddressSanitizer's heap-buffer-overflow).
        for k in 0..<3_000 { FileManager.default.createFile(atPath: dir.appendingPathComponent("\(k)").path, contents: nil) }
        let dead = [".run-\(finished.processIdentifier)-a", ".run-\(finished.processIdentifier)-bb"]
        let alive = ".run-\(getpid())-c"
        for name in dead + [alive, ".run-x-1", ".run--2"] {
            FileManager.default.createFile(atPath: dir.appendingPathComponent(name).path, contents: nil)
        }
        let found = ProcessLiveness.abandoned(in: dir.path, prefix: ".run-").map { ($0 as NSString).lastPathComponent }
        #expect(found.sorted() == dead.sorted())
        #expect(ProcessLiveness.abandoned(in: dir.appendingPathComponent("missing").path, prefix: ".run-").isEmpty)
    }
}
