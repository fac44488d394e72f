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
    public func render(maxCellWidth: Int? = 48) -> String {
        func cut(_ s: String) -> String {
            guard let maxCellWidth, Self.visibleCount(s) > maxCellWidth else { return s }
            let plain = Self.withoutEscapes(s)
            return String(plain.prefix(max(1, maxCellWidth - 1))) + "…"
        }
        let all = ([headers] + rows).map { $0.map(cut) }
        var widths = [Int](repeating: 0, count: headers.count)
        for r in all { for (k, c) in r.enumerated() where k < widths.count { widths[k] = max(widths[k], Self.visibleCount(c)) } }
        func line(_ r: [String]) -> String {
            var parts: [String] = []
            for k in 0..<widths.count {
                let c = k < r.count ? r[k] : ""
                let pad = String(repeating: " ", count: widths[k] - Self.visibleCount(c))
                parts.append(alignments[k] == .right ? pad + c : c + pad)
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
