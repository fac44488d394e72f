/// A multimap from 64-bit keys to `Int32` values (posting lists: a trigram
/// or a deletion hash → the indexed strings that have it), built once from
/// its pairs and then only read.
///
/// Pairs are bucketed by a mix of the key with a counting sort (stable: a
/// key's values keep the order they were added in), then each bucket is
/// ordered by key so a key's values lie side by side. A lookup scans one
/// bucket and gives a contiguous range: no hashing of the key beyond one
/// multiply, and no array per key (what `[UInt64: [Int32]]` costs to build
/// and to read).
struct PostingTable: Sendable {
    private let shift: UInt64
    private let bucketStart: [Int32]
    private let keys: [UInt64]
    private let values: [Int32]

    init(_ pairs: [(key: UInt64, value: Int32)]) {
        var bits: UInt64 = 4
        while (1 << bits) < pairs.count { bits += 1 }
        shift = 64 - bits
        let bucketCount = 1 << Int(bits)
        var start = [Int32](repeating: 0, count: bucketCount + 1)
        for p in pairs { start[Self.bucket(p.key, shift) + 1] += 1 }
        for b in 0..<bucketCount { start[b + 1] += start[b] }
        var fill = start
        var order = [Int32](repeating: 0, count: pairs.count)
        for (i, p) in pairs.enumerated() {
            let b = Self.bucket(p.key, shift)
            order[Int(fill[b])] = Int32(i)
            fill[b] += 1
        }
        // Within a bucket: by key, then by the order the pairs came in.
        for b in 0..<bucketCount where start[b + 1] - start[b] > 1 {
            order[Int(start[b])..<Int(start[b + 1])].sort { (pairs[Int($0)].key, $0) < (pairs[Int($1)].key, $1) }
        }
        bucketStart = start
        keys = order.map { pairs[Int($0)].key }
        values = order.map { pairs[Int($0)].value }
    }

    @inline(__always)
    private static func bucket(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Calls `body` with each value of `key`, in the order they were added.
    @inline(__always)
    func forEach(_ key: UInt64, _ body: (Int32) -> Void) {
        let b = Self.bucket(key, shift)
        var i = Int(bucketStart[b])
        let end = Int(bucketStart[b + 1])
        keys.withUnsafeBufferPointer { keys in
            values.withUnsafeBufferPointer { values in
                while i < end && keys[i] != key { i += 1 }
                while i < end && keys[i] == key { body(values[i]); i += 1 }
            }
        }
    }
}
