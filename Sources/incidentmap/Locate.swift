import ArgumentParser
import Foundation
import GeoCore
import Zones

extension IncidentMap {
    /// `incidentmap locate`: add zone columns to a table of points.
    struct Locate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assign points (CSV or GeoJSON) to zones; stream CSV out with the zone columns added.",
            discussion: """
            Input CSV needs latitude/longitude (or lat/lon) columns; rows are passed through unchanged with \
            <level>_pcode/<level>_name columns for the zone and its parents, then snapped, snap_km, outside, locate_status. \
            Points outside every zone are snapped to the nearest zone within --snap-km (geodesic); no row is dropped. \
            Counts go to standard error.
            """
        )

        @OptionGroup var csv: CSVOptions
        @OptionGroup var overwriting: OverwriteOption
        @OptionGroup var zones: BoundaryOptions

        @Argument(help: "A .csv or .geojson file of points; '-' or nothing reads CSV from standard input.")
        var input: String = "-"

        @Option(name: .customLong("snap-km"), help: "Snap points outside every zone to the nearest zone within this many km.")
        var snapKm: Double = 2

        @Option(name: .customLong("lat-column"), help: "The latitude column (default: latitude, lat or y).")
        var latColumn: String?

        @Option(name: .customLong("lon-column"), help: "The longitude column (default: longitude, lon, lng, long or x).")
        var lonColumn: String?

        @Option(name: [.customShort("o"), .customLong("output"), .customLong("out")],
                help: "Write CSV to this file (atomically) instead of standard output ('-': standard output).")
        var out: String?

        @Flag(help: "Do not print per-row problems, only the counts.")
        var quiet = false

        func validate() throws {
            guard snapKm >= 0, snapKm.isFinite else { throw ValidationError("--snap-km must be a non-negative number") }
        }

        func run() throws {
            let sink = try OutputPath.sink(out, overwrite: overwriting.overwrite)  // checked before the work
            let (set, layer) = try zones.resolve()
            var problems = 0
            let quiet = self.quiet
            let locator = PointTableLocator(set: set, layer: layer, snapKm: snapKm) { message in
                problems += 1
                if !quiet && problems <= 50 { StandardError.write(Data(("warning: " + message + "\n").utf8)) }
            }
            let isGeoJSON = input.lowercased().hasSuffix(".geojson") || input.lowercased().hasSuffix(".json")
            let counts = isGeoJSON ? try locator.locateGeoJSON(input: input, output: sink)
                : try locator.locateCSV(input: input, output: sink, latitudeColumn: latColumn, longitudeColumn: lonColumn)
            if problems > 50 && !quiet { StandardError.write(Data("warning: … \(problems - 50) more problems not shown\n".utf8)) }
            StandardError.write(Data("locate: \(counts) (level \(layer.level), \(layer.zones.count) zones)\n".utf8))
        }
    }
}
