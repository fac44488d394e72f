import Foundation
import Zones

/// Assembles a gazetteer from the embedded extract, boundary layers,
/// gazetteer files and alias tables, as the `geocode` command does.
public enum GazetteerBuilder {
    public struct Sources: Sendable {
        /// Boundary layers (files or folders) whose zone names join the index.
        public var boundaries: [String]
        /// GeoNames dump or postal files.
        public var gazetteers: [String]
        /// A user alias file (CSV `alias,target`), merged over the default table.
        public var aliases: String?
        /// The embedded `Geo/` folder whose default country profile gives the places and aliases (default: found by
        /// ``EmbeddedGeodata``); ignored when `profile` is given.
        public var geoFolder: String?
        /// The country profile whose gazetteer files and alias table come first.
        public var profile: CountryProfile?
        /// Zones already loaded, joined like `boundaries` (whose layers come after them).
        public var zones: ZoneSet?
        /// Build the index at the first lookup instead of now: a run whose incidents all have coordinates and that
        /// matches no name (most ACLED summaries) never pays for it.
        public var indexOnFirstLookup = false

        public init(boundaries: [String] = [], gazetteers: [String] = [], aliases: String? = nil, geoFolder: String? = nil,
                    profile: CountryProfile? = nil, zones: ZoneSet? = nil) {
            self.boundaries = boundaries
            self.gazetteers = gazetteers
            self.aliases = aliases
            self.geoFolder = geoFolder
            self.profile = profile
            self.zones = zones
        }
    }

    public static func build(_ sources: Sources, zoneOptions: ZoneLayerLoader.Options = .init()) throws -> Gazetteer {
        var contents = GazetteerContents()
        let profile = try sources.profile ?? sources.geoFolder.map { try CountryProfile.load(folder: $0) }
        if let profile {
            // The profile's files in order; a later file's record with an earlier one's id only adds names.
            var places: [Place] = []
            for path in profile.places { places = merged(places, try PlaceLoaders.load(path: path)) }
            contents.add(places)
            if let aliases = profile.aliases { contents.add(aliases: try AliasTable(path: aliases)) }
        }
        if !sources.boundaries.isEmpty || sources.zones != nil {
            var layers: [ZoneLayer] = sources.zones?.layers ?? []
            for b in sources.boundaries { layers += try ZoneLayerLoader.load(path: b, options: zoneOptions) }
            contents.add(zones: ZoneSet(layers: layers, derivedLevels: sources.zones?.derivedLevels ?? profile?.derivedLevels ?? []))
        }
        var count = contents.places.count
        for path in sources.gazetteers {
            let places = try PlaceLoaders.load(path: path)
            count += places.count
            guard count <= Gazetteer.maxPlaces else {
                throw GazetteerError.tooLarge(path: path, reason: "\(count) places in all, over the \(Gazetteer.maxPlaces) the gazetteer indexes (about 6 GB of memory at the limit)")
            }
            contents.add(places)
        }
        if let aliases = sources.aliases { contents.add(aliases: try AliasTable(path: aliases)) }
        return Gazetteer(contents, indexNow: !sources.indexOnFirstLookup)
    }

    /// `base` with the places of `more` that are not in it; a place of `more` with the id of one in `base` (the same
    /// GeoNames record) only adds the names `base` lacks, so a town keeps its population and kind.
    static func merged(_ base: [Place], _ more: [Place]) -> [Place] {
        var out = base
        var index: [String: Int] = [:]
        for (i, p) in base.enumerated() where index[p.id] == nil { index[p.id] = i }
        for p in more {
            guard let i = index[p.id] else { out.append(p); continue }
            var known = Set(out[i].allNames)
            for n in p.allNames where !known.contains(n) {
                out[i].alternateNames.append(n)
                known.insert(n)
            }
        }
        return out
    }
}
