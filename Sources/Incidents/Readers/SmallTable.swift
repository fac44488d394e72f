/// A hand-edited CSV table of a few hundred lines (the actor table and rules, the evidence model, zone groups):
/// blank lines, `#` comments and a header line (recognised by its first field) are skipped; fields are split at
/// commas outside double quotes, trimmed, and unquoted. Errors name the file and line.
public struct SmallTable: Sendable {
    public let path: String
    /// Each data line: its number in the file (1-based) and its fields.
    public let rows: [(line: Int, fields: [String])]

    /// `what` names the table in the error for an unreadable file; `header` is the first field of the header line.
    public init(path: String, what: String, header: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw IncidentRowError(file: path, line: 0, column: nil, reason: "cannot read the \(what) as UTF-8 text")
        }
        var rows: [(Int, [String])] = []
        for (n, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: [" ", "\t", "\r"])
            if line.isEmpty || line.hasPrefix("#") { continue }
            var fields: [String] = [], current = "", quoted = false
            for ch in line {
                if ch == "\"" { quoted.toggle() } else if ch == "," && !quoted { fields.append(current); current = "" } else { current.append(ch) }
            }
            fields.append(current)
            fields = fields.map { $0.trimmingBlanks() }
            if rows.isEmpty, fields[0].lowercased() == header.lowercased() { continue }
            rows.append((n + 1, fields))
        }
        self.path = path
        self.rows = rows
    }

    /// An error at a line of this table.
    public func error(line: Int, column: String? = nil, _ reason: String) -> IncidentRowError {
        IncidentRowError(file: path, line: line, column: column, reason: reason)
    }
}
