import Foundation
import GeoCore

/// Reads gazetteer files into ``Place`` records.
///
/// Formats, recognised by their shape:
/// - IncidentMap's TSV (`Geo/gazetteer/geonames-haiti.tsv`): a header
///   `geonameid name latitude longitude population admin1code alternatenames`,
///   alternate names joined by `|`.
/// - IncidentMap's localities TSV (`Geo/gazetteer/haiti-localities.tsv`, written by
///   `Geo/scripts/make-localities`): `id name alt_names latitude longitude kind point`,
///   kind `village`, `quartier` or `other`, point `ok`, `grid`, `estimated` or
///   `untrusted` (kept as accuracy 1 for estimated, 0 for untrusted, so they rank lower).
/// - The GeoNames dump (`allCountries.txt`, `HT.txt`): 19 tab-separated
///   columns, alternate names joined by commas.
/// - GeoNames postal codes: 12 columns; the accuracy column is kept (1 =
///   estimated, 4 = from a geonameid, 6 = centroid), and points shared by
///   several unrelated names are flagged as placeholders (accuracy 0).
public enum PlaceLoaders {
    public static func load(path: String) throws -> [Place] {
        let text = try readText(path)
        let lines = Self.lines(text)
        guard let first = lines.first(where: { !$0.isEmpty }) else { return [] }
        let columns = Self.fields(first).count
        if first.hasPrefix("geonameid\tname\t") { return try incidentMapTSV(path: path, lines: lines) }
        if first.hasPrefix("id\tname\talt_names\t") { return try localitiesTSV(path: path, lines: lines) }
        switch columns {
        case 19: return try geonamesDump(path: path, lines: lines)
        case 12: return try geonamesPostal(path: path, lines: lines)
        default: throw GazetteerError.unknownFormat(path: path, columns: columns)
        }
    }

    // Lines, fields and lists are cut on their UTF-8 bytes (a line break, a tab, a separator are single bytes that
    // never occur inside a multi-byte character): cutting by Character runs grapheme breaking over every byte, which
    // took most of the embedded gazetteer's load time.

    /// The lines of `text` (LF or CRLF; a CR before the LF is left out), empty ones kept.
    static func lines(_ text: String) -> [Substring] {
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            Substring(line.last == 0x0D ? line.dropLast() : line)
        }
    }

    /// The tab-separated fields of `line`, empty ones kept.
    static func fields(_ line: Substring) -> [Substring] {
        line.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// The non-empty items of a list field separated by the one-byte `separator`.
    static func list(_ field: Substring, _ separator: Unicode.Scalar) -> [String] {
        field.utf8.split(separator: UInt8(separator.value)).map { String(Substring($0)) }
    }

    /// The largest gazetteer file read (512 MiB, about 4.5 million GeoNames rows; the index of 1 million places takes
    /// about 3 GB): a larger one is refused before it is read. Cut a world dump to the countries you need.
    public static let maxFileBytes = 512 << 20

    static func readText(_ path: String) throws -> String {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxFileBytes {
            throw GazetteerError.tooLarge(path: path, reason: "\(size >> 20) MiB, over the \(maxFileBytes >> 20) MiB a gazetteer file may have (cut it to the countries you need, e.g. GeoNames' per-country files)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GazetteerError.cannotRead(path: path, reason: "missing or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw GazetteerError.cannotRead(path: path, reason: "not valid UTF-8")
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    private static func coordinate(_ lat: Substring, _ lon: Substring, path: String, line: Int) throws -> Coordinate {
        // Double parses a plain number directly; only a padded one is trimmed first (Foundation's trimming bridges
        // through NSString: a tenth of the embedded gazetteer's load time when done on every line).
        func number(_ s: Substring) -> Double? { Double(s) ?? Double(s.trimmingCharacters(in: .whitespaces)) }
        guard let y = number(lat), let x = number(lon) else {
            throw GazetteerError.malformed(path: path, line: line, reason: "latitude/longitude '\(lat)', '\(lon)' are not numbers")
        }
        let c = Coordinate(longitude: x, latitude: y)
        guard c.isValid else { throw GazetteerError.malformed(path: path, line: line, reason: "coordinate (\(y), \(x)) out of range") }
        return c
    }

    static func incidentMapTSV(path: String, lines: [Substring]) throws -> [Place] {
        var out: [Place] = []
        for (n, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let f = Self.fields(line)
            guard f.count >= 6 else { throw GazetteerError.malformed(path: path, line: n + 1, reason: "\(f.count) columns where 7 are expected") }
            let alts = f.count > 6 ? Self.list(f[6], "|") : []
            out.append(Place(id: "geonames:\(f[0])", name: String(f[1]), alternateNames: alts, kind: .populatedPlace,
                             source: "geonames-cities500", coordinate: try coordinate(f[2], f[3], path: path, line: n + 1),
                             population: Int(f[4])))
        }
        return out
    }

    static func localitiesTSV(path: String, lines: [Substring]) throws -> [Place] {
        var out: [Place] = []
        out.reserveCapacity(lines.count)
        for (n, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let f = Self.fields(line)
            guard f.count == 7 else { throw GazetteerError.malformed(path: path, line: n + 1, reason: "\(f.count) columns where 7 are expected") }
            let kind: PlaceKind
            switch f[5] {
            case "village": kind = .village
            case "quartier": kind = .quartier
            case "other": kind = .other
            default: throw GazetteerError.malformed(path: path, line: n + 1, reason: "kind '\(f[5])' is not village, quartier or other")
            }
            let accuracy: Int?
            switch f[6] {
            case "ok", "grid": accuracy = nil
            case "estimated": accuracy = 1
            case "untrusted": accuracy = 0
            default: throw GazetteerError.malformed(path: path, line: n + 1, reason: "point '\(f[6])' is not ok, grid, estimated or untrusted")
            }
            let id = String(f[0])
            out.append(Place(id: id, name: String(f[1]), alternateNames: Self.list(f[2], "|"), kind: kind,
                             source: id.hasPrefix("postal:") ? "geonames-postal" : "whosonfirst",
                             coordinate: try coordinate(f[3], f[4], path: path, line: n + 1), accuracy: accuracy))
        }
        return out
    }

    static func geonamesDump(path: String, lines: [Substring]) throws -> [Place] {
        var out: [Place] = []
        for (n, line) in lines.enumerated() where !line.isEmpty {
            let f = Self.fields(line)
            guard f.count == 19 else { throw GazetteerError.malformed(path: path, line: n + 1, reason: "\(f.count) columns where the GeoNames dump has 19") }
            var alts = Self.list(f[3], ",")
            if !f[2].isEmpty, f[2] != f[1] { alts.insert(String(f[2]), at: 0) }
            let kind: PlaceKind = f[6] == "P" ? .populatedPlace : (f[6] == "A" ? .adminZone : .other)
            out.append(Place(id: "geonames:\(f[0])", name: String(f[1]), alternateNames: alts, kind: kind == .adminZone ? .other : kind,
                             source: "geonames-dump", coordinate: try coordinate(f[4], f[5], path: path, line: n + 1),
                             population: Int(f[14]).flatMap { $0 > 0 ? $0 : nil }))
        }
        return out
    }

    static func geonamesPostal(path: String, lines: [Substring]) throws -> [Place] {
        struct Row { let code: String; let name: String; let c: Coordinate; let accuracy: Int? }
        var rows: [Row] = []
        for (n, line) in lines.enumerated() where !line.isEmpty {
            let f = Self.fields(line)
            guard f.count == 12 else { throw GazetteerError.malformed(path: path, line: n + 1, reason: "\(f.count) columns where GeoNames postal has 12") }
            rows.append(Row(code: String(f[1]), name: String(f[2]), c: try coordinate(f[9], f[10], path: path, line: n + 1),
                            accuracy: Int(f[11].trimmingCharacters(in: .whitespaces))))
        }
        // A point shared by 3 or more different names is a placeholder, not a location.
        var namesAt: [Coordinate: Set<String>] = [:]
        for r in rows { namesAt[r.c, default: []].insert(NameNormalizer.key(r.name)) }
        return rows.map { r in
            let placeholder = (namesAt[r.c]?.count ?? 0) >= 3
            // "Dessalines (Marchand-Dessalines)": the part in brackets is an alternate name.
            var name = r.name
            var alts: [String] = []
            if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
                alts.append(String(name[name.index(after: open)..<name.index(before: name.endIndex)]))
                name = name[..<open].trimmingCharacters(in: .whitespaces)
            }
            return Place(id: "postal:\(r.code)", name: name, alternateNames: alts, kind: .quartier, source: "geonames-postal",
                         coordinate: r.c, accuracy: placeholder ? 0 : r.accuracy)
        }
    }
}
