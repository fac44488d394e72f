#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Somewhere bytes go: a file replaced atomically, or standard output.
public protocol ByteSink: AnyObject {
    func write(_ bytes: [UInt8]) throws
    /// Flushes and, for files, puts the result in place.
    func finish() throws
}

extension AtomicFile: ByteSink {
    public func finish() throws { try commit() }
}

/// Buffered standard output.
public final class StandardOutputSink: ByteSink {
    private var buffer: [UInt8] = []

    public init() { buffer.reserveCapacity(1 << 16) }

    public func write(_ bytes: [UInt8]) throws {
        // A large block with nothing pending goes out as it is (no copy into the buffer).
        if buffer.isEmpty && bytes.count >= 1 << 16 { return try writeAll(bytes) }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func flush() throws {
        try writeAll(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        let code = bytes.withUnsafeBytes { writeFully(1, $0) }
        if code != 0 { throw FileOutputError(path: "standard output", operation: "write", errno: code, reason: String(cString: strerror(code))) }
    }

    public func finish() throws { try flush() }
}
