/// An aligned plain-text table for terminals: columns sized to their widest
/// cell (counting characters, so accents do not skew alignment), numbers
/// right-aligned.
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
    /// `maxCellWidth` characters are cut with an ellipsis.
    public func render(maxCellWidth: Int = 48) -> String {
        func cut(_ s: String) -> String { s.count > maxCellWidth ? String(s.prefix(maxCellWidth - 1)) + "…" : s }
        let all = ([headers] + rows).map { $0.map(cut) }
        var widths = [Int](repeating: 0, count: headers.count)
        for r in all { for (k, c) in r.enumerated() where k < widths.count { widths[k] = max(widths[k], c.count) } }
        func line(_ r: [String]) -> String {
            var parts: [String] = []
            for k in 0..<widths.count {
                let c = k < r.count ? r[k] : ""
                let pad = String(repeating: " ", count: widths[k] - c.count)
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
}
