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
        var table = ByteKeyTable<Int32>()
        var names: [String] = []
        var nameIsInvalid: [Bool] = []
        var rows: [Int32] = []
        var invalidLines: [Int] = []

        init(expectedRows: Int) { rows.reserveCapacity(expectedRows) }

        mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
            let s: Int32
            if let known = table.find(bytes) {
                s = known
            } else {
                s = Int32(names.count)
                table.insert(bytes, s)
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
