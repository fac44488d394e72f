import Foundation
import GeoCore

/// Writes RFC 4180 CSV: fields quoted only when they hold a delimiter, a
/// quote, or a line break; `\n` line ends; UTF-8.
///
/// Formula guard (on unless ``guardsFormulas`` is turned off, `--csv-formulas keep`): a text field that starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that Excel or LibreOffice shows it as
/// text instead of running it (`=HYPERLINK(…)`, DDE payloads; OWASP's advice for CSV injection). Numbers
/// (`-72.38`, `+1e3`) are left as they are.
public final class CSVWriter {
    /// Whether text fields that a spreadsheet would run as a formula are written with a leading `'` (the process's
    /// choice, set once by the command line before any writing).
    nonisolated(unsafe) public static var guardsFormulas = true

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
    public func appendField(_ f: String) { Self.appendField(f, delimiter: delimiter, to: &buffer) }

    /// Appends one field to `out`, quoted when it holds `delimiter`, a quote or a line break
    /// (for rows encoded apart, e.g. on several threads, and replayed with ``appendRaw(_:)-(…)``).
    public static func appendField(_ f: String, delimiter: UInt8 = UInt8(ascii: ","), to out: inout [UInt8]) {
        // Native strings hold contiguous UTF-8: scan and copy them as one buffer.
        if guardsFormulas, let first = f.utf8.first, isFormulaStart(first) {
            var text = f
            if !text.withUTF8({ isNumber($0) }) {
                appendField("'" + f, delimiter: delimiter, to: &out)
                return
            }
        }
        let done: Void? = f.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes where b == delimiter || b == 0x22 || b == 0x0A || b == 0x0D {
                appendQuoted(f, delimiter: delimiter, to: &out)
                return
            }
            out.append(contentsOf: bytes)
        }
        if done == nil { appendQuoted(f, delimiter: delimiter, to: &out) }
    }

    /// A first byte that makes a spreadsheet read a cell as a formula: `=`, `+`, `-`, `@`, tab, carriage return.
    @inline(__always)
    public static func isFormulaStart(_ b: UInt8) -> Bool { b == 0x3D || b == 0x2B || b == 0x2D || b == 0x40 || b == 0x09 || b == 0x0D }

    /// Whether a field is a plain number (which a leading `-` or `+` does not make a formula).
    static func isNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { NumberParsing.double(bytes) != nil }

    /// Whether a field, as bytes, needs the formula guard.
    public static func needsFormulaGuard(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard guardsFormulas, let first = bytes.first, isFormulaStart(first) else { return false }
        return !isNumber(bytes)
    }

    /// `f` quoted when it needs quotes, else as is.
    private static func appendQuoted(_ f: String, delimiter: UInt8, to out: inout [UInt8]) {
        var needsQuotes = false
        for b in f.utf8 where b == delimiter || b == 0x22 || b == 0x0A || b == 0x0D { needsQuotes = true; break }
        if needsQuotes {
            out.append(0x22)
            for b in f.utf8 {
                if b == 0x22 { out.append(0x22) }
                out.append(b)
            }
            out.append(0x22)
        } else {
            out.append(contentsOf: f.utf8)
        }
    }

    /// Appends a property value as a field: nothing for null, digits for an integer, the text of the others
    /// (quoted when it needs quotes).
    public func appendValue(_ v: PropertyValue) {
        switch v {
        case .null: break
        case .int(let n): JSONText.appendInteger(n, to: &buffer)
        case .string(let s): appendField(s)
        default: appendField(v.description)
        }
    }

    /// Appends `x` with exactly `decimals` decimals, as C's `printf("%.*f")` writes it (correctly rounded).
    public func appendFixed(_ x: Double, decimals: Int) {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 352) { buf in
            let n = withVaList([Int32(decimals), x]) { vsnprintf(buf.baseAddress, 352, "%.*f", $0) }
            buf.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: 352) { buffer.append(contentsOf: UnsafeBufferPointer(start: $0, count: min(Int(n), 351))) }
        }
    }

    /// Appends bytes exactly as given (e.g. a record passed through unchanged).
    public func appendRaw(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    public func appendRaw(_ bytes: UnsafeBufferPointer<UInt8>) { buffer.append(contentsOf: bytes) }

    public func appendSeparator() { buffer.append(delimiter) }

    /// Writes complete rows, each already ending in `\n` (e.g. encoded apart with ``appendField(_:delimiter:to:)``),
    /// after the rows written before.
    public func writeRows(_ rows: [UInt8]) throws {
        if !buffer.isEmpty {
            try sink.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        if !rows.isEmpty { try sink.write(rows) }
    }

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
