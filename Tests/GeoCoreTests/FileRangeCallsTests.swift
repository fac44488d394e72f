import Foundation
@testable import GeoCore
import Testing
import TestSupport

@Suite("Copying file ranges: in the kernel, by hand where it refuses, errors reported")
struct FileRangeCallsTests {
    @Test("a file's bytes from an offset are appended after what the destination holds, kernel copy or by hand")
    func appendsFromOffset() throws {
        let dir = try SharedData.temporaryDirectory("file-range")
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("source").path
        // Larger than the by-hand loop's 4 MiB block, not a multiple of it.
        let bytes = (0..<(9 << 20) + 123).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 11) }
        try Data(bytes).write(to: URL(fileURLWithPath: source))
        let file = try AtomicFile(destination: dir.appendingPathComponent("out.bin").path)
        try file.write(Array("head".utf8))
        let fd = open(source, O_RDONLY)
        defer { close(fd) }
        try file.append(copying: fd, from: 5)
        try file.write(Array("tail".utf8))
        #expect(file.bytesWritten == 4 + bytes.count - 5)
        try file.commit()
        let written = try [UInt8](Data(contentsOf: dir.appendingPathComponent("out.bin")))
        #expect(written == Array("head".utf8) + bytes[5...] + Array("tail".utf8))

        // To a character device the kernel copy refuses (EINVAL): copied by hand, and /dev/full's ENOSPC reported.
        let full = open("/dev/full", O_WRONLY)
        defer { close(full) }
        let (copied, code) = FileRangeCalls.copyToEnd(from: fd, offset: 0, to: full)
        #expect(copied == 0 && code == ENOSPC)
        let null = open("/dev/null", O_WRONLY)
        defer { close(null) }
        #expect(FileRangeCalls.copyToEnd(from: fd, offset: 1_000, to: null) == (bytes.count - 1_000, 0))
    }
}
