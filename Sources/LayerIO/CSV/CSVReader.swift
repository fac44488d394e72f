import Foundation

/// A streaming RFC 4180 CSV reader over bytes.
///
/// Reads the file in 1 MiB blocks; one record is held at a time, so memory
/// stays flat for files of any length. Quoted fields may hold delimiters,
/// doubled quotes and line breaks; CRLF and LF endings both work; a UTF-8
/// byte-order mark is skipped. Field text is validated as UTF-8 when it is
/// asked for as a `String` (an error names line and column).
public final class CSVReader {
    public let path: String
    public let delimiter: UInt8
    private let handle: FileHandle
    private let ownsHandle: Bool
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEOF = false
    private var nextLine = 1
    /// The file offset of `buffer[0]`.
    private var bufferOffset = 0

    /// The file offset where the next record starts.
    public var offset: Int { bufferOffset + position }

    /// Where reading ends early: ``next()`` returns `false` once a record ends exactly here (the first part of a file
    /// read in parts). A record that starts before it and ends past it means the part boundary was not a record
    /// boundary: ``overranStop`` is set and reading goes on to the end of the input.
    public var stopOffset: Int?
    /// Whether a record crossed ``stopOffset`` (reading then went on to the end).
    public private(set) var overranStop = false

    /// Line where the current record starts (1-based).
    public private(set) var line = 0
    /// Unescaped field bytes of the current record, back to back.
    private var storage: [UInt8] = []
    /// Field k is storage[ends[k-1] ..< ends[k]] (ends[-1] = 0).
    private var ends: [Int] = []
    /// Where the current record's bytes stand in `buffer` (no line break).
    private var rawRange: Range<Int> = 0..<0

    /// The current record's bytes as they stood in the file (no line break).
    public var raw: [UInt8] { Array(buffer[rawRange]) }

    /// Calls `body` with the current record's bytes as they stood in the file.
    @inline(__always)
    public func withRaw<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[rawRange])) }
    }

    /// Opens `path`; `-` reads standard input. From `offset` (a record's first byte, on physical line `line`), when
    /// given: a later part of a file read in parts (no byte-order mark is looked for there).
    public init(path: String, delimiter: Character = ",", offset: Int = 0, line: Int = 1) throws {
        self.path = path == "-" ? "standard input" : path
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
        if path == "-" {
            handle = FileHandle.standardInput
            ownsHandle = false
        } else {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                throw CSVError(path: path, line: 0, reason: "is a folder, not a CSV file")
            }
            guard let h = FileHandle(forReadingAtPath: path) else {
                throw CSVError(path: path, line: 0, reason: "cannot open for reading (missing or not readable)")
            }
            handle = h
            ownsHandle = true
        }
        buffer.reserveCapacity(1 << 20)
        if offset > 0 {
            do { try handle.seek(toOffset: UInt64(offset)) } catch {
                throw CSVError(path: path, line: line, reason: "cannot seek to byte \(offset)")
            }
            bufferOffset = offset
            nextLine = line
        }
        try fill()
        if offset == 0, buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    deinit { if ownsHandle { try? handle.close() } }

    /// Number of fields in the current record.
    public var count: Int { ends.count }

    /// Reads the next record; `false` at the end of the input.
    public func next() throws -> Bool {
        storage.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        if let stop = stopOffset {
            let start = offset
            if start == stop { return false }
            guard try nextRecord() else { return false }
            if start < stop && offset > stop {
                overranStop = true
                stopOffset = nil
            }
            return true
        }
        return try nextRecord()
    }

    private func nextRecord() throws -> Bool {
        while true {
            if position >= buffer.count {
                if atEOF { return false }
                try fill()
                if position >= buffer.count && atEOF { return false }
            }
            if let newLines = scanRecord() {
                readSize = 1 << 20
                line = nextLine
                nextLine += newLines
                return true
            }
            // Incomplete record at the end of the block: read more and rescan. Each read doubles while the record
            // goes on, so a record of n bytes is scanned about twice, not n / 1 MiB times.
            if atEOF {
                // Unterminated quote at end of input.
                line = nextLine
                throw CSVError(path: path, line: line, column: ends.count + 1, reason: "unterminated quoted field at end of file")
            }
            guard buffer.count - position < Self.maxRecordBytes else {
                line = nextLine
                throw CSVError(path: path, line: line, reason: "a record longer than \(Self.maxRecordBytes >> 20) MiB (a quote left open, or not a CSV file?)")
            }
            storage.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            readSize = min(readSize * 2, Self.maxRecordBytes)
            try fill()
        }
    }

    /// The longest record read: longer is refused with an error naming the line (docs/reliability.md).
    public static let maxRecordBytes = 256 << 20
    /// Bytes asked of the file at the next read: 1 MiB, doubled while one record spans the blocks read.
    private var readSize = 1 << 20

    /// Scans one record from `position`; returns the number of line breaks
    /// it consumed, or `nil` when the block ended first.
    private func scanRecord() -> Int? {
        // Work on local copies (swapped out, so no copy is made) to keep
        // exclusivity checks on the class's properties out of the byte loop.
        var storage: [UInt8] = []
        var ends: [Int] = []
        swap(&storage, &self.storage)
        swap(&ends, &self.ends)
        defer {
            swap(&storage, &self.storage)
            swap(&ends, &self.ends)
        }
        let d = delimiter
        let atEOF = self.atEOF
        var position = self.position
        var rawRange = self.rawRange
        defer {
            self.position = position
            self.rawRange = rawRange
        }
        return buffer.withUnsafeBufferPointer { b -> Int? in
            var i = position
            let n = b.count
            var breaks = 0
            let start = i
            while true {
                // One field.
                if i < n, b[i] == 0x22 {
                    i += 1
                    while true {
                        guard i < n else { return nil }
                        let c = b[i]
                        if c == 0x22 {
                            if i + 1 < n, b[i + 1] == 0x22 { storage.append(0x22); i += 2; continue }
                            if i + 1 >= n, !atEOF { return nil }
                            i += 1
                            break
                        }
                        if c == 0x0A { breaks += 1 }
                        storage.append(c)
                        i += 1
                    }
                    // Bytes after the closing quote up to the delimiter are kept as is (lenient).
                    while i < n, b[i] != d, b[i] != 0x0A, b[i] != 0x0D { storage.append(b[i]); i += 1 }
                } else {
                    let fieldStart = i
                    while i < n, b[i] != d, b[i] != 0x0A { i += 1 }
                    var fieldEnd = i
                    if i < n || atEOF {
                        if fieldEnd > fieldStart, b[fieldEnd - 1] == 0x0D, i == n || b[i] == 0x0A { fieldEnd -= 1 }
                    }
                    storage.append(contentsOf: UnsafeBufferPointer(rebasing: b[fieldStart..<fieldEnd]))
                }
                if i >= n {
                    guard atEOF else { return nil }
                    ends.append(storage.count)
                    rawRange = start..<(i > start && b[i - 1] == 0x0D ? i - 1 : i)
                    position = i
                    return breaks + 1
                }
                if b[i] == d {
                    ends.append(storage.count)
                    i += 1
                    continue
                }
                if b[i] == 0x0D { i += 1; if i >= n, !atEOF { return nil } }
                // b[i] == '\n' (or end after '\r')
                ends.append(storage.count)
                var rawEnd = i
                if rawEnd > start, b[rawEnd - 1] == 0x0D { rawEnd -= 1 }
                rawRange = start..<rawEnd
                if i < n, b[i] == 0x0A { i += 1 }
                position = i
                return breaks + 1
            }
        }
    }

    private func fill() throws {
        if position > 0 {
            buffer.removeFirst(position)
            bufferOffset += position
            position = 0
        }
        let data: Data
        do { data = try handle.read(upToCount: readSize) ?? Data() } catch {
            // The system's own words (errno), not Foundation's domain and code.
            let reason = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError).map { String(cString: strerror(Int32($0.code))) }
            throw CSVError(path: path, line: nextLine, reason: "read failed: \(reason ?? error.localizedDescription)")
        }
        if data.isEmpty { atEOF = true } else { buffer.append(contentsOf: data) }
    }

    // MARK: Field access

    /// The current record's fields, valid inside ``CSVReader/withFields(_:)``'s body only. Reading fields through it
    /// costs no access to the reader object per field (each such access is an exclusivity check: a twentieth of
    /// reading a large table).
    public struct Fields {
        let storage: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<Int>
        let path: String
        public let line: Int

        public var count: Int { ends.count }

        /// Calls `body` with field `k`'s bytes (empty when the record is shorter).
        @inline(__always)
        public func withField<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            guard k < ends.count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
            let s = k == 0 ? 0 : ends[k - 1]
            return try body(UnsafeBufferPointer(rebasing: storage[s..<ends[k]]))
        }

        /// Field `k` as text; `""` when the record is shorter. `trimmingBlanks`: spaces and tabs at its ends left out
        /// (dropped from the bytes, before the text is made).
        public func string(_ k: Int, trimmingBlanks: Bool = false) throws -> String {
            try withField(k) { field in
                let b = trimmingBlanks ? Blanks.trimmed(field) : field
                // ASCII (most fields: dates, numbers, codes, names without accents) is valid UTF-8 as it is: decoded
                // without the generic validation, whose metadata look-ups cost a tenth of reading a large table.
                let s: String
                if CSVReader.isASCII(b) {
                    s = String(decoding: b, as: UTF8.self)
                } else {
                    guard let valid = String(validating: b, as: UTF8.self) else {
                        throw CSVError(path: path, line: line, column: k + 1, reason: "text is not valid UTF-8 (is the file Latin-1? convert it with iconv -f latin1 -t utf-8)")
                    }
                    s = valid
                }
                // NUL becomes U+FFFD (the JSON reader does the same): Shapefile and GeoPackage text would end there.
                if let base = b.baseAddress, memchr(base, 0, b.count) != nil { return s.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") }
                return s
            }
        }
    }

    /// Calls `body` with the current record's fields.
    @inline(__always)
    public func withFields<R>(_ body: (Fields) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { s in
            try ends.withUnsafeBufferPointer { e in try body(Fields(storage: s, ends: e, path: path, line: line)) }
        }
    }

    /// Calls `body` with field `k`'s bytes (empty when the record is shorter).
    @inline(__always)
    public func withField<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withFields { try $0.withField(k, body) }
    }

    /// Field `k` as text; `""` when the record is shorter.
    public func string(_ k: Int) throws -> String {
        try withFields { try $0.string(k) }
    }

    /// Whether every byte is below 0x80, tested eight bytes at a time.
    static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        var i = 0
        let n = b.count
        while i + 8 <= n {
            if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < n {
            if base[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// Field `k` as a number, or `nil` when empty or not a number.
    public func double(_ k: Int) -> Double? { withField(k) { NumberParsing.double($0) } }

    /// Every field as text.
    public func strings() throws -> [String] { try (0..<count).map { try string($0) } }

    /// `true` when every field of the current record is empty (a blank line).
    public var isBlank: Bool { storage.isEmpty }
}
