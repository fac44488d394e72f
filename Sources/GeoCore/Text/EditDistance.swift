/// Optimal-string-alignment distance (Damerau–Levenshtein with adjacent
/// transpositions) over UTF-8 bytes of normalised keys, with a bound: returns
/// `nil` as soon as the distance must exceed `bound`.
///
/// Keys are ASCII after normalisation for Latin-script names, so bytes are
/// characters there.
public enum EditDistance {
    public static func bounded(_ a: [UInt8], _ b: [UInt8], bound: Int) -> Int? {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in bounded(a, b, bound: bound) } }
    }

    /// The same over buffers; the three rows live on the stack (no allocation for keys of ordinary length).
    public static func bounded(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, bound: Int) -> Int? {
        let n = a.count, m = b.count
        if abs(n - m) > bound { return nil }
        if n == 0 { return m <= bound ? m : nil }
        if m == 0 { return n <= bound ? n : nil }
        let inf = bound + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (m + 1)) { rows -> Int? in
            var prev2 = UnsafeMutableBufferPointer(rebasing: rows[0...m])
            var prev = UnsafeMutableBufferPointer(rebasing: rows[(m + 1)...(2 * m + 1)])
            var cur = UnsafeMutableBufferPointer(rebasing: rows[(2 * m + 2)...])
            for j in 0...m { prev2[j] = inf; prev[j] = j; cur[j] = inf }
            for i in 1...n {
                cur[0] = i
                var rowMin = cur[0]
                let lo = max(1, i - bound), hi = min(m, i + bound)
                if lo > 1 { cur[lo - 1] = inf }
                for j in lo...hi {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                    cur[j] = v
                    rowMin = min(rowMin, v)
                }
                if hi < m { cur[hi + 1] = inf }
                if rowMin > bound { return nil }
                (prev2, prev, cur) = (prev, cur, prev2)
            }
            return prev[m] <= bound ? prev[m] : nil
        }
    }

    /// The largest distance fuzzy matching accepts for a key of `length`
    /// characters: none up to 3, 1 up to 6, 2 up to 11, 3 beyond.
    public static func bound(forLength length: Int) -> Int {
        switch length {
        case ..<4: 0
        case ..<7: 1
        case ..<12: 2
        default: 3
        }
    }

    /// The name among `names` nearest to `word` (case-insensitive, at most `bound` edits), for "did you mean" hints;
    /// `nil` when none is that near or `word` is one of them.
    public static func suggestion(for word: String, among names: [String], bound: Int = 2) -> String? {
        let typed = Array(word.lowercased().utf8)
        if let same = names.first(where: { $0.lowercased() == word.lowercased() }) { return same == word ? nil : same }
        return names.compactMap { name -> (String, Int)? in
            bounded(typed, Array(name.lowercased().utf8), bound: bound).map { (name, $0) }
        }.min { $0.1 < $1.1 }?.0
    }
}
