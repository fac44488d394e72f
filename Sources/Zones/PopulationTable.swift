import Foundation

/// Reads a `pcode,population` CSV (header optional; extra columns ignored).
public enum PopulationTable {
    public static func read(path: String) throws -> [String: Double] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ZoneError.populationFile(path: path, line: 0, reason: "cannot read the file as UTF-8 text")
        }
        var out: [String: Double] = [:]
        for (n, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let cols = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")) }
            guard cols.count >= 2 else { throw ZoneError.populationFile(path: path, line: n + 1, reason: "expected 'pcode,population'") }
            guard let value = Double(cols[1]) else {
                if n == 0 { continue }  // header
                throw ZoneError.populationFile(path: path, line: n + 1, reason: "'\(cols[1])' is not a number")
            }
            guard value >= 0, value.isFinite else { throw ZoneError.populationFile(path: path, line: n + 1, reason: "population must be ≥ 0") }
            out[cols[0]] = value
        }
        return out
    }
}
