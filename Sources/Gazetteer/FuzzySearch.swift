import Foundation
import GeoCore

/// Candidate search for the fuzzy stages of the gazetteer: strings within a small edit distance of a query, found
/// through a symmetric-deletion index (one edit) and shared trigrams (farther), then checked with a bounded
/// optimal-string-alignment distance (``EditDistance``).
enum FuzzySearch {
    /// The distinct trigrams of `bytes` padded with two spaces before and one after, in ascending order.
    static func trigrams(of bytes: [UInt8]) -> [UInt32] {
        let padded: [UInt8] = [0x20, 0x20] + bytes + [0x20]
        var grams: [UInt32] = []
        grams.reserveCapacity(padded.count - 2)
        for i in 0..<(padded.count - 2) {
            let g: UInt32 = UInt32(padded[i]) << 16 | UInt32(padded[i + 1]) << 8 | UInt32(padded[i + 2])
            grams.append(g)
        }
        grams.sort()
        var distinct = 0
        for g in grams where distinct == 0 || grams[distinct - 1] != g { grams[distinct] = g; distinct += 1 }
        grams.removeLast(grams.count - distinct)
        return grams
    }


    /// The hash of `b` whole, then of `b` without each of its bytes in turn (as the hash of the shorter string would
    /// be): a polynomial hash (base `p`, bytes + 1, modulo 2⁶⁴) from prefix and suffix sums, so all `b.count + 1` cost
    /// O(`b.count`). Two strings one deletion apart share a hash; a collision only adds a candidate the edit distance
    /// then rejects.
    static func forEachDeletionHash(_ b: UnsafeBufferPointer<UInt8>, _ body: (UInt64) -> Void) {
        let n = b.count
        let p: UInt64 = 0x100_0000_01b3
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * (n + 1)) { t in
            // t[i] = hash of b[0..<i]; t[n + 1 + j] = Σ_{k ≥ j} (b[k] + 1)·p^(n-1-k); powers reuse the walk.
            t[0] = 0
            for i in 0..<n { t[i + 1] = t[i] &* p &+ (UInt64(b[i]) &+ 1) }
            t[n + 1 + n] = 0
            var power: UInt64 = 1
            for j in stride(from: n - 1, through: 0, by: -1) {
                t[n + 1 + j] = t[n + 1 + j + 1] &+ (UInt64(b[j]) &+ 1) &* power
                power = power &* p
            }
            body(t[n])
            // Without byte i: prefix(i)·p^(n-1-i) + suffix(i + 1).
            var shift: UInt64 = 1
            for i in stride(from: n - 1, through: 0, by: -1) {
                body(t[i] &* shift &+ t[n + 1 + i + 1])
                shift = shift &* p
            }
        }
    }

    /// The pairs (deletion hash, `k`) of `bytes`, each hash once.
    static func indexDeletions(_ bytes: [UInt8], as k: Int32, into pairs: inout [(key: UInt64, value: Int32)]) {
        bytes.withUnsafeBufferPointer { b in
            let first = pairs.count
            forEachDeletionHash(b) { h in
                // A string of n bytes has at most n + 1 hashes: a linear check for repeats ("aab" less either "a").
                for i in first..<pairs.count where pairs[i].key == h { return }
                pairs.append((h, k))
            }
        }
    }

    /// 0.95 × (1 − d / (|a| + |b|)): below every exact match; like an
    /// Indel ratio, one slip in a long name costs less than in a short one,
    /// so a whole name with one slip outranks a word of it matched exactly.
    static func fuzzyQuality(distance d: Int, lengths: Int) -> Double {
        0.95 * (1 - Double(d) / Double(lengths))
    }

    /// Indexed strings at distance 1…`bound` from `q`, with the distance and
    /// the sum of both lengths. Candidates are those sharing enough trigrams for the
    /// distance to be within bound (each edit destroys at most 3 trigrams, a
    /// transposition — one edit in the Damerau distance used — 4), counted in
    /// an array rather than a dictionary.
    ///
    /// With a deletion index, strings one edit away are looked up first; when
    /// there are any, farther ones are not considered (one slip is far more
    /// common than two, and one-edit matches rank above them anyway).
    static func within(_ bound: Int, of q: [UInt8], deletions: PostingTable?, trigrams index: PostingTable, gramCounts: [Int],
                               bytes: [[UInt8]]) -> [(Int, Int, Int)] {
        guard bound > 0 else { return [] }
        if let deletions {
            var near: [Int32] = []
            q.withUnsafeBufferPointer { qb in
                Self.forEachDeletionHash(qb) { h in deletions.forEach(h) { near.append($0) } }
            }
            if !near.isEmpty {
                near.sort()
                var out: [(Int, Int, Int)] = []
                var last: Int32 = -1
                for k in near where k != last {
                    last = k
                    let kb = bytes[Int(k)]
                    guard let d = EditDistance.bounded(q, kb, bound: 1), d > 0 else { continue }
                    out.append((Int(k), d, q.count + kb.count))
                }
                if !out.isEmpty { return out }
            }
        }
        // The query's distinct trigrams, and per indexed string how many it shares, counted in scratch on the stack.
        let qgrams = trigrams(of: q)
        let need = max(1, qgrams.count - 4 * bound)
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: max(1, bytes.count)) { shared in
            shared.initialize(repeating: 0)
            for g in qgrams { index.forEach(UInt64(g)) { shared[Int($0)] &+= 1 } }
            // Candidates in index order (a linear scan of the counts: cheaper than sorting the strings touched). Each
            // edit destroys at most 4 of either string's trigrams, so the longer one's count bounds what they share.
            var out: [(Int, Int, Int)] = []
            for k in 0..<bytes.count where Int(shared[k]) >= max(need, gramCounts[k] - 4 * bound) {
                let kb = bytes[k]
                guard let d = EditDistance.bounded(q, kb, bound: bound), d > 0 else { continue }
                out.append((k, d, q.count + kb.count))
            }
            return out
        }
    }
}
