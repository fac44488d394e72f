import Foundation
import LayerIO

/// A column of names to resolve (one per report, most of them repeated):
/// each distinct name once, and for every row the distinct name it holds.
///
/// ``Gazetteer/lookup(_:options:threads:)`` resolves ``names`` only, and
/// ``GeocodeOutput/csv(_:rows:to:threads:)`` writes a row per entry of
/// ``rows`` from them: a name given 10,000 times is normalised, matched and
/// encoded once.
public struct QueryBatch: Sendable {
    /// The distinct names, in order of first appearance.
    public let names: [String]
    /// For each row, its name's index in ``names``.
    public let rows: [Int32]
    /// Lines of the input that were not valid UTF-8 (1-based line numbers;
    /// their names were decoded with replacement characters).
    public let invalidLines: [Int]

    /// The rows' names; equal strings (`==`, which treats canonically equivalent
    /// spellings as equal) share one entry.
    public init(_ queries: [String]) {
        var slot: [String: Int32] = [:]
        slot.reserveCapacity(min(queries.count, 1 << 16))
        var names: [String] = []
        var rows = [Int32](repeating: 0, count: queries.count)
        for (i, q) in queries.enumerated() {
            if let s = slot[q] { rows[i] = s; continue }
            let s = Int32(names.count)
            slot[q] = s
            rows[i] = s
            names.append(q)
        }
        self.names = names
        self.rows = rows
        invalidLines = []
    }

    /// One name per line of `text` (UTF-8; `\n` or `\r\n` line ends, a leading
    /// byte-order mark dropped, empty lines skipped). Lines with the same bytes
    /// share one entry, so each row's name is echoed exactly as it was written.
    public init(lines text: [UInt8]) {
        var builder = Builder(expectedRows: text.count / 16)
        text.withUnsafeBufferPointer { all in
            var start = 0
            var lineNumber = 0
            while start < all.count {
                var end = start
                while end < all.count && all[end] != 0x0A { end += 1 }
                lineNumber += 1
                var lo = start, hi = end
                start = end + 1
                if hi > lo && all[hi - 1] == 0x0D { hi -= 1 }
                if lineNumber == 1, hi - lo >= 3, all[lo] == 0xEF, all[lo + 1] == 0xBB, all[lo + 2] == 0xBF { lo += 3 }
                guard hi > lo else { continue }
                builder.add(UnsafeBufferPointer(rebasing: all[lo..<hi]), line: lineNumber)
            }
        }
        (names, rows, invalidLines) = (builder.names, builder.rows, builder.invalidLines)
    }

    /// One name per record of a CSV file: field `column` (0-based) of every
    /// record after the header, blank lines skipped. An empty field is an
    /// empty name (answered with no match), so row k of the answers is data
    /// record k of the file. ``invalidLines`` are the file's line numbers.
    public init(column: Int, of reader: CSVReader) throws {
        var builder = Builder(expectedRows: 1024)
        while try reader.next() {
            if reader.isBlank { continue }
            reader.withField(column) { builder.add($0, line: reader.line) }
        }
        (names, rows, invalidLines) = (builder.names, builder.rows, builder.invalidLines)
    }

    /// Distinct names by their bytes, and the rows that hold them.
    private struct Builder {
        var table = ByteKeyTable()
        var names: [String] = []
        var nameIsInvalid: [Bool] = []
        var rows: [Int32] = []
        var invalidLines: [Int] = []

        init(expectedRows: Int) { rows.reserveCapacity(expectedRows) }

        mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
            let s = table.slot(for: bytes, next: Int32(names.count))
            if s == Int32(names.count) {
                let text = String(validating: bytes, as: UTF8.self)
                names.append(text ?? String(decoding: bytes, as: UTF8.self))
                nameIsInvalid.append(text == nil)
            }
            if nameIsInvalid[Int(s)] { invalidLines.append(line) }
            rows.append(s)
        }
    }

    /// Each row's result, from the results of ``names`` (in their order).
    public func expand(_ results: [GeocodeResult]) -> [GeocodeResult] {
        precondition(results.count == names.count, "one result per distinct name")
        return rows.map { results[Int($0)] }
    }
}

/// Open addressing over byte strings, each kept once in an arena: the slot
/// of a string, given to the first string with those bytes.
private struct ByteKeyTable {
    private struct Entry {
        /// Slot + 1 (0: an empty bucket).
        var slot: Int32 = 0
        var length: Int32 = 0
        /// Where the string's bytes start in `arena`.
        var start = 0
        var hash: UInt64 = 0
    }

    private var entries = [Entry](repeating: Entry(), count: 1024)
    private var arena: [UInt8] = []
    private var count = 0

    /// The slot of `key`; `next` when its bytes are new.
    mutating func slot(for key: UnsafeBufferPointer<UInt8>, next: Int32) -> Int32 {
        if count * 2 >= entries.count { grow() }
        let h = Self.hash(key)
        let mask = entries.count - 1
        var i = Int(truncatingIfNeeded: h >> 20) & mask
        let found: Int32? = entries.withUnsafeBufferPointer { e in
            arena.withUnsafeBufferPointer { a in
                while e[i].slot != 0 {
                    if e[i].hash == h, Int(e[i].length) == key.count,
                       key.count == 0 || memcmp(a.baseAddress! + e[i].start, key.baseAddress!, key.count) == 0 {
                        return e[i].slot - 1
                    }
                    i = (i + 1) & mask
                }
                return nil
            }
        }
        if let found { return found }
        entries[i] = Entry(slot: next + 1, length: Int32(key.count), start: arena.count, hash: h)
        arena.append(contentsOf: key)
        count += 1
        return next
    }

    /// Eight bytes at a time, multiplied and folded (only equal bytes need equal hashes; `memcmp` decides).
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= key.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < key.count { tail |= UInt64(key[i]) << shift; shift += 8; i += 1 }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }

    private mutating func grow() {
        let old = entries
        entries = [Entry](repeating: Entry(), count: old.count * 2)
        let mask = entries.count - 1
        for e in old where e.slot != 0 {
            var i = Int(truncatingIfNeeded: e.hash >> 20) & mask
            while entries[i].slot != 0 { i = (i + 1) & mask }
            entries[i] = e
        }
    }
}
