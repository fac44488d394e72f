/// An aligned plain-text table for terminals: columns sized to their widest
/// cell (counting visible characters, so accents and colour codes do not skew
/// alignment), numbers right-aligned.
public struct TextTable {
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public private(set) var rows: [[String]] = []

    public init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? Array(repeating: .left, count: headers.count)
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The table as lines, with a rule under the header. Cells wider than
    /// `maxCellWidth` visible characters are cut with an ellipsis (`nil`: never cut — the table is
    /// going to a file or a pipe, not a terminal). A coloured cell that must be cut loses its colour,
    /// never its closing code: a cut table leaks no colour into the next cell or the shell.
    /// `maxCellWidth`: cells cut to it (with "…"). `fitting`: the whole table kept within that many columns — the
    /// columns of `dropping` (indexes, first dropped first) left out until it fits, then the widest cells cut.
    public func render(maxCellWidth: Int? = 48, fitting total: Int? = nil, dropping order: [Int] = []) -> String {
        func cut(_ s: String, _ width: Int?) -> String {
            guard let width, Self.visibleCount(s) > width else { return s }
            let plain = Self.withoutEscapes(s)
            return String(plain.prefix(max(1, width - 1))) + "…"
        }
        var keep = Array(headers.indices)
        var all = ([headers] + rows).map { $0.map { cut($0, maxCellWidth) } }
        func widthsOf(_ rows: [[String]]) -> [Int] {
            var w = [Int](repeating: 0, count: keep.count)
            for r in rows { for (j, k) in keep.enumerated() where k < r.count { w[j] = max(w[j], Self.visibleCount(r[k])) } }
            return w
        }
        var widths = widthsOf(all)
        if let total {
            var drops = order.filter { keep.contains($0) }
            while widths.reduce(0, +) + 2 * (widths.count - 1) > total, let d = drops.first {
                drops.removeFirst()
                keep.removeAll { $0 == d }
                widths = widthsOf(all)
            }
            // Still too wide: the widest column cut, one character at a time, down to 8.
            var over = widths.reduce(0, +) + 2 * (widths.count - 1) - total
            while over > 0, let j = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[j] > 8 {
                widths[j] -= 1
                over -= 1
            }
            all = all.map { r in r.enumerated().map { k, c in keep.firstIndex(of: k).map { cut(c, widths[$0]) } ?? c } }
        }
        all = all.map { r in keep.map { $0 < r.count ? r[$0] : "" } }
        func line(_ r: [String]) -> String {
            var parts: [String] = []
            for k in 0..<widths.count {
                let c = k < r.count ? r[k] : ""
                let pad = String(repeating: " ", count: widths[k] - Self.visibleCount(c))
                parts.append(alignments[keep[k]] == .right ? pad + c : c + pad)
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        var out = [line(all[0]), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        out += all.dropFirst().map(line)
        return out.joined(separator: "\n") + "\n"
    }

    /// Characters shown on a terminal: ANSI escape sequences (`ESC [ … letter`) take no room.
    static func visibleCount(_ s: String) -> Int {
        guard s.contains("\u{1B}") else { return s.count }
        return withoutEscapes(s).count
    }

    /// `s` without its ANSI escape sequences.
    static func withoutEscapes(_ s: String) -> String {
        guard s.contains("\u{1B}") else { return s }
        var out = ""
        var inEscape = false
        for ch in s {
            if inEscape {
                // CSI sequences end with a letter ("m" for colours); "[" and parameters come before it.
                if ch.isLetter { inEscape = false }
            } else if ch == "\u{1B}" {
                inEscape = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
