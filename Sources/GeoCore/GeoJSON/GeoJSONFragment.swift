#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Features encoded for a ``GeoJSONWriter`` apart from it — on another thread, while the writer takes the features
/// before them — and appended to it later in order (``GeoJSONWriter/append(_:)``): a stream written in parts at once.
/// The bytes wait in a temporary file (removed by ``remove()``, or when the fragment is freed), with their count and
/// bounding box. One thread writes a fragment.
public final class GeoJSONFragment {
    public let path: String
    let options: GeoJSONWriter.Options
    private let fd: Int32
    private var out: [UInt8] = []
    private var removed = false
    /// Features written.
    public private(set) var count = 0
    /// Of the rounded coordinates, as the writer's own.
    public private(set) var bbox: BoundingBox?

    /// A fragment in the file `path` (created, or emptied), encoding as a writer with `options` does.
    public init(path: String, options: GeoJSONWriter.Options = .init()) throws {
        self.path = path
        self.options = options
        fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw FileOutputError(path: path, operation: "create", errno: errno, reason: String(cString: strerror(errno)))
        }
        out.reserveCapacity(1 << 16)
    }

    deinit { remove() }

    /// Closes and deletes the file.
    public func remove() {
        guard !removed else { return }
        removed = true
        close(fd)
        unlink(path)
    }

    /// Encodes a feature as the writer would after others: in a collection, each one after a comma and a line break.
    public func write(_ feature: Feature) throws {
        out.append(contentsOf: options.textSequence ? [0x1E] : [UInt8(ascii: ","), 0x0A])
        GeoJSONWriter.appendFeature(feature, precision: options.precision, to: &out, bbox: &bbox)
        if options.textSequence { out.append(0x0A) }
        count += 1
        if out.count >= 1 << 16 { try flush() }
    }

    /// Writes out what is buffered.
    func flush() throws {
        guard !out.isEmpty else { return }
        let code = out.withUnsafeBytes { writeFully(fd, $0) }
        if code != 0 { throw FileOutputError(path: path, operation: "write", errno: code, reason: String(cString: strerror(code))) }
        out.removeAll(keepingCapacity: true)
    }

    /// Appends the encoded bytes from `offset` to `file` (copied inside the kernel where it can).
    func copy(into file: AtomicFile, from offset: Int) throws {
        try flush()
        try file.append(copying: fd, from: offset)
    }

    /// Calls `body` with the encoded bytes, in order, in blocks of a few MiB.
    func forEachBlock(_ body: ([UInt8]) throws -> Void) throws {
        try flush()
        var block = [UInt8](repeating: 0, count: 4 << 20)
        var offset: off_t = 0
        while true {
            let n = block.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileOutputError(path: path, operation: "read back", errno: errno, reason: String(cString: strerror(errno)))
            }
            if n == 0 { return }
            offset += off_t(n)
            try body(n == block.count ? block : Array(block[..<n]))
        }
    }
}
