import ArgumentParser
import Foundation
import GeoCore
import LayerIO
import Zones

extension IncidentMap {
    /// `incidentmap zones`: list the zones of a level.
    struct ZonesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "zones",
            abstract: "List the zones of a level: p-code, name, level, parent, geodesic area, population.",
            discussion: """
            Arrondissements are derived from communes (p-code prefix of 5); grids are built over the outline. --format \
            geojson writes the zones' polygons.

            Examples:
              incidentmap zones --level adm1
              incidentmap zones --level hex:25km -f geojson -o hexagons.geojson
            """
        )

        @OptionGroup var csv: CSVOptions
        @OptionGroup var overwriting: OverwriteOption
        @OptionGroup var zones: BoundaryOptions

        @Option(name: [.customShort("f"), .long], help: "table | json | geojson | csv (default: from the -o file's extension, else table).")
        var format: OutputFormat?

        @Option(name: [.customShort("o"), .customLong("output"), .customLong("out")],
                help: "Write to this file (atomically) instead of standard output ('-': standard output).")
        var out: String?

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json, geojson, csv }

        static let extensions: [String: OutputFormat] = ["txt": .table, "json": .json, "geojson": .geojson, "csv": .csv]

        func run() throws {
            let format = try OutputPath.format(explicit: self.format, path: out, extensions: Self.extensions, fallback: .table)
            let sink = try OutputPath.sink(out, overwrite: overwriting.overwrite)
            let (_, layer) = try zones.resolve()
            let listing = ZoneListing(layer: layer)
            switch format {
            case .table:
                try sink.write(Array(listing.table().utf8))
                try sink.write(Array("\(layer.zones.count) zones, level \(layer.level), \(String(format: "%.1f", layer.areaKm2)) km² (geodesic); source: \(layer.source)\n".utf8))
            case .json: try sink.write(listing.json())
            case .csv: try sink.write(listing.csv())
            case .geojson:
                try sink.write(GeoJSONWriter.encode(listing.featureCollection()))
            }
            try sink.finish()
        }
    }
}
