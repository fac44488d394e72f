import GeoCore

/// Writes RFC 4180 CSV: fields quoted only when they hold a delimiter, a
/// quote, or a line break; `\n` line ends; UTF-8.
public final class CSVWriter {
    private let sink: any ByteSink
    private var buffer: [UInt8] = []
    public let delimiter: UInt8

    public init(sink: any ByteSink, delimiter: Character = ",") {
        self.sink = sink
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
        buffer.reserveCapacity(1 << 16)
    }

    /// A writer to `path`, put in place atomically by ``finish()``.
    public convenience init(path: String) throws {
        self.init(sink: try AtomicFile(destination: path))
    }

    public func writeRow(_ fields: [String]) throws {
        for (k, f) in fields.enumerated() {
            if k > 0 { buffer.append(delimiter) }
            appendField(f)
        }
        try endRow()
    }

    /// Appends one field to the row being built (use ``appendSeparator()`` between fields).
    public func appendField(_ f: String) {
        // Native strings hold contiguous UTF-8: scan and copy them as one buffer.
        let done: Void? = f.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes where b == delimiter || b == 0x22 || b == 0x0A || b == 0x0D {
                appendQuoted(f)
                return
            }
            buffer.append(contentsOf: bytes)
        }
        if done == nil { appendQuoted(f) }
    }

    /// `f` quoted when it needs quotes, else as is.
    private func appendQuoted(_ f: String) {
        var needsQuotes = false
        for b in f.utf8 where b == delimiter || b == 0x22 || b == 0x0A || b == 0x0D { needsQuotes = true; break }
        if needsQuotes {
            buffer.append(0x22)
            for b in f.utf8 {
                if b == 0x22 { buffer.append(0x22) }
                buffer.append(b)
            }
            buffer.append(0x22)
        } else {
            buffer.append(contentsOf: f.utf8)
        }
    }

    /// Appends bytes exactly as given (e.g. a record passed through unchanged).
    public func appendRaw(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    public func appendRaw(_ bytes: UnsafeBufferPointer<UInt8>) { buffer.append(contentsOf: bytes) }

    public func appendSeparator() { buffer.append(delimiter) }

    /// Bytes of the row being built so far (a position for ``pendingBytes(from:)``).
    public var pendingCount: Int { buffer.count }

    /// The bytes appended since `start` (a ``pendingCount``), to replay with ``appendRaw(_:)-(…)``.
    public func pendingBytes(from start: Int) -> [UInt8] { Array(buffer[start...]) }

    public func endRow() throws {
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 {
            try sink.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    public func finish() throws {
        try sink.write(buffer)
        buffer.removeAll()
        try sink.finish()
    }
}
