import Foundation

/// User aliases: CSV `alias,target`, where the target is a place name, a
/// GeoNames id (`geonames:3718426` or a bare number) or a p-code (`HT0621`).
/// Lines starting with `#` are comments; a header `alias,target` is skipped.
public struct AliasTable: Sendable {
    /// Normalised alias key → target as written.
    public private(set) var targets: [String: String] = [:]

    public init() {}

    public init(path: String) throws {
        let text = try PlaceLoaders.readText(path)
        for (n, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = Self.splitCSV(line)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw GazetteerError.malformed(path: path, line: n + 1, reason: "expected 'alias,target' (2 columns), found \(parts.count)")
            }
            if n == 0, parts[0].lowercased() == "alias" { continue }
            let key = NameNormalizer.key(parts[0])
            guard !key.isEmpty else { throw GazetteerError.malformed(path: path, line: n + 1, reason: "alias '\(parts[0])' has no letters") }
            targets[key] = parts[1]
        }
    }

    public mutating func merge(_ other: AliasTable) {
        for (k, v) in other.targets { targets[k] = v }
    }

    /// Splits one CSV line (quotes allowed).
    public static func splitCSVLine(_ line: String) -> [String] { splitCSV(line) }

    static func splitCSV(_ line: String) -> [String] {
        var out: [String] = []
        var field = ""
        var quoted = false
        var it = line.makeIterator()
        while let c = it.next() {
            if quoted {
                if c == "\"" { quoted = false } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                out.append(field.trimmingCharacters(in: .whitespaces))
                field = ""
            } else {
                field.append(c)
            }
        }
        out.append(field.trimmingCharacters(in: .whitespaces))
        return out
    }
}
