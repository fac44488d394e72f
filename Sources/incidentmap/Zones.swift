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
            discussion: "Arrondissements are derived from communes (p-code prefix of 5); grids are built over the outline. --format geojson writes the zones' polygons."
        )

        @OptionGroup var zones: BoundaryOptions

        @Option(help: "table | json | geojson | csv")
        var format: OutputFormat = .table

        @Option(help: "Write to this file (atomically) instead of standard output.")
        var out: String?

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json, geojson, csv }

        func run() throws {
            let (_, layer) = try zones.resolve()
            let sink: any ByteSink = try out.map { try AtomicFile(destination: $0) } ?? StandardOutputSink()
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
