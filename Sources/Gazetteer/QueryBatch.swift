import Foundation

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
        var table = ByteLineTable(expected: min(text.count / 8 + 16, 1 << 20))
        var names: [String] = []
        var rows: [Int32] = []
        var invalid: [Int] = []
        var nameIsInvalid: [Bool] = []
        rows.reserveCapacity(text.count / 16)
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
                let line = UnsafeBufferPointer(rebasing: all[lo..<hi])
                let s = table.slot(for: line, in: all.baseAddress!, next: Int32(names.count))
                if s == Int32(names.count) {
                    let text = String(validating: line, as: UTF8.self)
                    names.append(text ?? String(decoding: line, as: UTF8.self))
                    nameIsInvalid.append(text == nil)
                }
                if nameIsInvalid[Int(s)] { invalid.append(lineNumber) }
                rows.append(s)
            }
        }
        self.names = names
        self.rows = rows
        invalidLines = invalid
    }

    /// Each row's result, from the results of ``names`` (in their order).
    public func expand(_ results: [GeocodeResult]) -> [GeocodeResult] {
        precondition(results.count == names.count, "one result per distinct name")
        return rows.map { results[Int($0)] }
    }
}

/// Open addressing over byte ranges of one buffer: the slot of a line's bytes,
/// given to the first line with those bytes.
private struct ByteLineTable {
    /// Per bucket: slot + 1 (0: empty), and where the first line with it lies.
    private var slots: [Int32]
    private var starts: [Int]
    private var lengths: [Int]
    private var hashes: [UInt64]
    private var count = 0

    init(expected: Int) {
        var capacity = 64
        while capacity < expected * 2 { capacity <<= 1 }
        slots = [Int32](repeating: 0, count: capacity)
        starts = [Int](repeating: 0, count: capacity)
        lengths = [Int](repeating: 0, count: capacity)
        hashes = [UInt64](repeating: 0, count: capacity)
    }

    /// The slot of `line` (a range of the buffer at `base`); `next` when its bytes are new.
    mutating func slot(for line: UnsafeBufferPointer<UInt8>, in base: UnsafePointer<UInt8>, next: Int32) -> Int32 {
        if count * 2 >= slots.count { grow(base) }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in line { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        h ^= h >> 29
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        let offset = base.distance(to: line.baseAddress!)
        while slots[i] != 0 {
            if hashes[i] == h, lengths[i] == line.count,
               memcmp(base + starts[i], line.baseAddress!, line.count) == 0 {
                return slots[i] - 1
            }
            i = (i + 1) & mask
        }
        slots[i] = next + 1
        starts[i] = offset
        lengths[i] = line.count
        hashes[i] = h
        count += 1
        return next
    }

    private mutating func grow(_ base: UnsafePointer<UInt8>) {
        let old = (slots, starts, lengths, hashes)
        let capacity = slots.count * 2
        slots = [Int32](repeating: 0, count: capacity)
        starts = [Int](repeating: 0, count: capacity)
        lengths = [Int](repeating: 0, count: capacity)
        hashes = [UInt64](repeating: 0, count: capacity)
        let mask = capacity - 1
        for k in old.0.indices where old.0[k] != 0 {
            var i = Int(truncatingIfNeeded: old.3[k]) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = old.0[k]; starts[i] = old.1[k]; lengths[i] = old.2[k]; hashes[i] = old.3[k]
        }
    }
}
