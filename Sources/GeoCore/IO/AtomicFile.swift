#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written whole or not at all.
///
/// Bytes go to a hidden temporary file beside the destination (same folder,
/// so the final `rename(2)` is atomic); ``commit()`` flushes, fsyncs and
/// renames it into place. A writer dropped without ``commit()`` — after an
/// error, say — removes its temporary file, and the previous file at the
/// destination stays as it was.
public final class AtomicFile {
    public let destination: String
    public let temporaryPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var finished = false
    /// Bytes handed to the writer so far.
    public private(set) var bytesWritten: Int = 0
    /// Bytes whose writeback has been started (``FileRangeCalls/startWriteback(_:offset:count:)``): a large file is
    /// written back while it is being written, so ``commit()``'s fsync does not wait for all of it at the end.
    private var writebackStarted = 0
    private static let writebackStep = 32 << 20
    private static let bufferSize = 1 << 16

    /// Creates the temporary file next to `destination`.
    public init(destination: String) throws {
        self.destination = destination
        let slash = destination.lastIndex(of: "/")
        let dir = slash.map { String(destination[..<$0]) } ?? "."
        let base = slash.map { String(destination[destination.index(after: $0)...]) } ?? destination
        let folder = dir.isEmpty ? "/" : dir
        Self.removeAbandoned(folder: folder, base: base)
        var path = ""
        var handle: Int32 = -1
        for _ in 0..<16 {
            path = "\(folder)/.\(base).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            handle = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if handle >= 0 || errno != EEXIST { break }
        }
        guard handle >= 0 else {
            throw FileOutputError(path: destination, operation: "create", errno: errno, reason: String(cString: strerror(errno)))
        }
        self.fd = handle
        self.temporaryPath = path
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Removes temporary files of `base` left by killed processes (`.BASE.tmp-PID-…` whose PID is gone).
    private static func removeAbandoned(folder: String, base: String) {
        for path in ProcessLiveness.abandoned(in: folder, prefix: ".\(base).tmp-") { unlink(path) }
    }

    deinit {
        if !finished {
            if fd >= 0 { close(fd) }
            unlink(temporaryPath)
        }
    }

    public func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    public func write(_ string: String) throws {
        var s = string
        s.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Sends buffered bytes to the temporary file.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        let code = buffer.withUnsafeBytes { writeFully(fd, $0) }
        if code != 0 { errno = code; throw failure("write") }
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
        startWriteback()
    }

    /// Appends the bytes of the open file `source` from `offset` to its end, copied inside the kernel where it can
    /// (`copy_file_range`), after what is buffered.
    public func append(copying source: Int32, from offset: Int) throws {
        try flush()
        let (copied, code) = FileRangeCalls.copyToEnd(from: source, offset: offset, to: fd)
        bytesWritten += copied
        if code != 0 { errno = code; throw failure("write") }
        startWriteback()
    }

    private func startWriteback() {
        guard bytesWritten - writebackStarted >= Self.writebackStep else { return }
        FileRangeCalls.startWriteback(fd, offset: writebackStarted, count: bytesWritten - writebackStarted)
        writebackStarted = bytesWritten
    }

    /// Flushes, fsyncs and renames the temporary file onto the destination.
    public func commit() throws {
        precondition(!finished, "AtomicFile committed twice")
        try flush()
        guard fsync(fd) == 0 else { throw failure("sync") }
        guard close(fd) == 0 else { fd = -1; throw failure("close") }
        fd = -1
        guard rename(temporaryPath, destination) == 0 else { throw failure("rename into place") }
        finished = true
    }

    /// Drops the temporary file; the destination is left untouched.
    public func abort() {
        guard !finished else { return }
        finished = true
        if fd >= 0 { close(fd) }
        fd = -1
        unlink(temporaryPath)
    }

    private func failure(_ operation: String) -> FileOutputError {
        let code = errno
        return FileOutputError(path: destination, operation: operation, errno: code, reason: String(cString: strerror(code)))
    }
}
