import Foundation
import GeoCore

/// What is one country's — its boundary files, outline, gazetteer sources, actor and evidence tables, zone groups,
/// credits, the level a summary uses and where a map opens — read from a profile file, so the generic modules
/// know no country. The default is `Geo/profiles/HTI.tsv`; every path in a profile is relative to its `Geo/` folder
/// and resolved to an absolute path here.
public struct CountryProfile: Sendable, Equatable {
    /// ISO 3166-1 alpha-3 code, upper case (`HTI`).
    public var iso3: String
    public var name: String
    /// The `Geo/` folder the profile's paths are relative to.
    public var folder: String
    /// Boundary layers: a folder of COD-AB layers or one file.
    public var boundaries: String?
    /// The national outline (grids and hexagons are cut to it).
    public var outline: String?
    /// Gazetteer files, merged in order (the first one's records win on shared ids).
    public var places: [String] = []
    public var aliases: String?
    /// Countries and large world cities: names that place an event outside the country.
    public var worldPlaces: String?
    public var actors: String?
    public var actorRules: String?
    public var evidence: String?
    /// Where people live: a population surface (``PopulationSurface``: weighted points, or polygons counted at their
    /// representative points) that spreads events known only to their zone and weights shares by people.
    public var population: String?
    public var groups: String?
    /// `key<TAB>credit` lines: the credits the data asks for.
    public var attribution: String?
    /// The level `summary` and `map` use when no `--level` is given (if the boundaries have it).
    public var summaryLevel: ZoneLevel?
    /// Levels derived from a loaded one by zone-id prefix (`derived-level`, several separated by `;`).
    public var derivedLevels: [DerivedLevel] = []
    /// The zone levels ACLED's `admin1`, `admin2`, `admin3` name in this country (`acled-admin`; e.g. adm1
    /// arrondissement adm2 where ACLED's admin2 is the arrondissement and admin3 the commune).
    public var acledAdminLevels: [ZoneLevel] = CountryProfile.defaultACLEDAdminLevels
    /// ACLED's admin levels where a profile says nothing: the boundaries' own adm1…adm3.
    public static let defaultACLEDAdminLevels: [ZoneLevel] = [.adm1, .adm2, .adm3]
    /// Zones whose name also stands for a wider area (`umbrella`: `HT0111: HT0112 HT0113 …`, several separated by
    /// ';'): "an attack on the capital" may be told again of one of the communes its name covers.
    public var umbrellas: [String: Set<String>] = [:]
    /// Where a map opens when a run has no incident (WGS 84 longitude/latitude).
    public var extent: BoundingBox?
    /// ISO 3166-1 numeric code (ACLED's `iso`).
    public var isoNumeric: Int?
    /// ACLED's region (`Caribbean`, `Western Africa`).
    public var region: String?
    /// The prefix of the country's own zone ids (COD-AB p-codes start with the ISO 3166-1 alpha-2 code).
    public var pcodePrefix: String?
    /// ISO 3166-1 alpha-2 code (`iso2`; else the p-code prefix when it is two letters): places found in text carry it.
    public var iso2: String?
    /// The capital as the gazetteer knows it (`capital`): what "the capital" in a text means.
    public var capital: String?
    /// Names of the country's armed groups and coalitions, lower case (`armed-groups`, separated by ';'): words that
    /// make a statement about control a statement about armed groups.
    public var armedGroups: [String] = []
    /// Names and abbreviations of the country's state forces, lower case (`state-forces`, separated by ';').
    public var stateForces: [String] = []

    public init(iso3: String, name: String, folder: String) {
        self.iso3 = iso3
        self.name = name
        self.folder = folder
    }

    /// The profile used when none is named.
    public static let defaultISO3 = "HTI"

    /// The profile `iso3` of the `Geo/` folder `folder` (the command line gives ``EmbeddedGeodata/folder()``; nil: none
    /// was found, said as such).
    public static func load(iso3: String = defaultISO3, folder: String?) throws -> CountryProfile {
        let code = iso3.uppercased()
        guard let geo = folder else { throw EmbeddedGeodataError.notFound("profiles/\(code).tsv") }
        let path = geo + "/profiles/\(code).tsv"
        guard FileManager.default.fileExists(atPath: path) else {
            throw CountryProfileError.unknown(iso3: code, available: available(folder: geo), folder: geo)
        }
        return try read(path: path, folder: geo)
    }

    /// The ISO3 codes of the profiles in `folder/profiles`.
    public static func available(folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/profiles")) ?? []
        return names.filter { $0.hasSuffix(".tsv") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// Reads a profile file (`key<TAB>value` lines after a `key value` header; `#` starts a comment line).
    public static func read(path: String, folder: String) throws -> CountryProfile {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CountryProfileError.unreadable(path: path, reason: "\(error.localizedDescription)")
        }
        var values: [String: String] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line == "key\tvalue" { continue }
            let kv = line.split(separator: "\t", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, !kv[1].isEmpty else { throw CountryProfileError.badLine(path: path, line: i + 1, reason: "expected key<TAB>value") }
            guard known.contains(kv[0]) else {
                throw CountryProfileError.badLine(path: path, line: i + 1, reason: "unknown key '\(kv[0])' (\(known.sorted().joined(separator: ", ")))")
            }
            values[kv[0]] = kv[1]
        }
        guard let iso3 = values["iso3"], iso3.count == 3 else { throw CountryProfileError.badLine(path: path, line: 0, reason: "no iso3 (three letters)") }
        var p = CountryProfile(iso3: iso3.uppercased(), name: values["name"] ?? iso3, folder: folder)
        func file(_ key: String) -> String? { values[key].map { folder + "/" + $0 } }
        p.boundaries = file("boundaries")
        p.outline = file("outline")
        p.places = (values["places"] ?? "").split(separator: " ").map { folder + "/" + $0 }
        p.aliases = file("aliases")
        p.worldPlaces = file("world-places")
        p.actors = file("actors")
        p.actorRules = file("actor-rules")
        p.evidence = file("evidence")
        p.population = file("population")
        p.groups = file("groups")
        p.attribution = file("attribution")
        p.summaryLevel = values["summary-level"].map { ZoneLevel($0) }
        if let a = values["acled-admin"] {
            let levels = a.split(separator: " ").map { ZoneLevel(String($0)) }
            guard levels.count == 3 else {
                throw CountryProfileError.badLine(path: path, line: 0, reason: "acled-admin is the levels of admin1 admin2 admin3 (e.g. 'adm1 adm2 adm3'), got '\(a)'")
            }
            p.acledAdminLevels = levels
        }
        for u in (values["umbrella"] ?? "").split(separator: ";") where !u.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = u.split(separator: ":", maxSplits: 1)
            let members = parts.count == 2 ? Set(parts[1].split(separator: " ").map(String.init)) : []
            let zone = parts[0].trimmingCharacters(in: .whitespaces)
            guard !zone.isEmpty, !members.isEmpty else {
                throw CountryProfileError.badLine(path: path, line: 0, reason: "umbrella is 'zone: member member …' (e.g. 'HT0111: HT0112 HT0113'), got '\(u)'")
            }
            p.umbrellas[zone] = members
        }
        for d in (values["derived-level"] ?? "").split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !d.isEmpty {
            guard let level = DerivedLevel(profileValue: d) else {
                throw CountryProfileError.badLine(path: path, line: 0, reason: "derived-level is 'level source prefix-length [title]' (e.g. 'arrondissement adm2 5 Arrondissement'), got '\(d)'")
            }
            p.derivedLevels.append(level)
        }
        p.region = values["region"]
        p.pcodePrefix = values["pcode-prefix"]
        p.iso2 = values["iso2"]?.uppercased() ?? p.pcodePrefix.flatMap { $0.count == 2 ? $0.uppercased() : nil }
        p.capital = values["capital"]
        func list(_ key: String) -> [String] {
            (values[key] ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        }
        p.armedGroups = list("armed-groups")
        p.stateForces = list("state-forces")
        if let n = values["iso-numeric"] {
            guard let v = Int(n) else { throw CountryProfileError.badLine(path: path, line: 0, reason: "iso-numeric is a number, got '\(n)'") }
            p.isoNumeric = v
        }
        if let e = values["extent"] {
            let n = e.split(separator: " ").compactMap { Double($0) }
            guard n.count == 4, n[0] < n[2], n[1] < n[3] else {
                throw CountryProfileError.badLine(path: path, line: 0, reason: "extent is 'minLon minLat maxLon maxLat' (WGS 84), got '\(e)'")
            }
            p.extent = BoundingBox(minLongitude: n[0], minLatitude: n[1], maxLongitude: n[2], maxLatitude: n[3])
        }
        for (key, path) in [("boundaries", p.boundaries), ("outline", p.outline)] + p.places.map({ ("places", $0) }) {
            if let path, !FileManager.default.fileExists(atPath: path) { throw CountryProfileError.missingFile(profile: p.iso3, key: key, path: path) }
        }
        return p
    }

    static let known: Set<String> = ["iso3", "name", "boundaries", "outline", "places", "aliases", "world-places", "actors", "actor-rules",
                                     "evidence", "groups", "attribution", "summary-level", "extent", "iso-numeric", "region",
                                     "pcode-prefix", "derived-level", "acled-admin", "umbrella", "population", "iso2", "capital",
                                     "armed-groups", "state-forces"]

    /// The national outline as one areal geometry, if the profile has one.
    public func outlineGeometry() throws -> Geometry? {
        guard let outline else { return nil }
        let fc = try GeoJSONReader.read(path: outline)
        let polygons = fc.features.compactMap(\.geometry).flatMap(\.polygons)
        return polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(MultiPolygon(polygons))
    }

    /// The credits of the attribution table for `keys` (e.g. `gazetteer`, `boundaries`, `outline`), in that order.
    public func credits(_ keys: [String]) -> [String] {
        guard let attribution, let text = try? String(contentsOfFile: attribution, encoding: .utf8) else { return [] }
        var byKey: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if f.count == 2 { byKey[f[0]] = f[1] }
        }
        return keys.compactMap { byKey[$0] }
    }
}

public enum CountryProfileError: Error, CustomStringConvertible, Equatable {
    case unknown(iso3: String, available: [String], folder: String)
    case unreadable(path: String, reason: String)
    case badLine(path: String, line: Int, reason: String)
    case missingFile(profile: String, key: String, path: String)

    public var description: String {
        switch self {
        case let .unknown(iso3, available, folder):
            "no country profile '\(iso3)' in \(folder)/profiles (available: \(available.isEmpty ? "none" : available.joined(separator: ", "))); "
                + "make one with Geo/scripts/make-country \(iso3), or give the data with --boundaries, --actors, --evidence and --gazetteer"
        case let .unreadable(path, reason): "\(path): cannot read the country profile: \(reason)"
        case let .badLine(path, line, reason): line > 0 ? "\(path):\(line): \(reason)" : "\(path): \(reason)"
        case let .missingFile(profile, key, path): "country profile \(profile): \(key) file \(path) does not exist"
        }
    }
}
