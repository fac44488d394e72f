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
        /// The embedded `Geo/` folder (default: found by ``EmbeddedGeodata``).
        public var geoFolder: String?

        public init(boundaries: [String] = [], gazetteers: [String] = [], aliases: String? = nil, geoFolder: String? = nil) {
            self.boundaries = boundaries
            self.gazetteers = gazetteers
            self.aliases = aliases
            self.geoFolder = geoFolder
        }
    }

    public static func build(_ sources: Sources, zoneOptions: ZoneLayerLoader.Options = .init()) throws -> Gazetteer {
        let g = Gazetteer()
        let geo = sources.geoFolder ?? EmbeddedGeodata.folder()
        if let geo {
            g.add(try PlaceLoaders.load(path: geo + "/gazetteer/geonames-haiti.tsv"))
            g.add(aliases: try AliasTable(path: geo + "/gazetteer/aliases.csv"))
        }
        if !sources.boundaries.isEmpty {
            var layers: [ZoneLayer] = []
            for b in sources.boundaries { layers += try ZoneLayerLoader.load(path: b, options: zoneOptions) }
            g.add(zones: ZoneSet(layers: layers))
        }
        for path in sources.gazetteers { g.add(try PlaceLoaders.load(path: path)) }
        if let aliases = sources.aliases { g.add(aliases: try AliasTable(path: aliases)) }
        g.prepare()
        return g
    }
}
