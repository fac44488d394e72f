import ArgumentParser
import Foundation
import GeoCore
import LayerIO

extension IncidentMap {
    /// `incidentmap info LAYER [--out FILE.geojson]`: what a layer holds,
    /// whether its geometry is valid, and its geodesic area.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Describe a layer: features, geometry types, validity, bounds and geodesic area.",
            discussion: "Reads GeoJSON, a Shapefile (reprojected to WGS 84 when its .prj says otherwise) or a GeoPackage (every feature layer, or one named as QGIS names it: FILE.gpkg|layername=zones; reprojected from its SRS). With --out, writes it as RFC 7946 GeoJSON (counter-clockwise exteriors, 7 decimals, bbox), atomically."
        )

        @Argument(help: "A layer: .geojson, .json, .shp or .gpkg (FILE.gpkg|layername=NAME for one of its layers).")
        var layer: String

        @Option(name: [.customShort("o"), .customLong("output"), .customLong("out")],
                help: "Write the layer as RFC 7946 GeoJSON to this path (.geojson or .json; '-': standard output, the description then goes to standard error).")
        var out: String?

        @OptionGroup var overwriting: OverwriteOption

        enum OutputFormat: String { case geojson }

        func run() throws {
            // Only GeoJSON is written: another extension (x.gpkg, x.shp) is refused before anything is read.
            _ = try OutputPath.format(explicit: nil, path: out, extensions: ["geojson": .geojson, "json": .geojson], fallback: OutputFormat.geojson,
                                  hasFormatOption: false)
            if let out, !OutputPath.isStandardOutput(out) { try OutputPath.checkFile(out, overwrite: overwriting.overwrite) }
            // With the layer on standard output, the description goes to standard error.
            let toStandardOutput = out == "-"
            func print(_ line: String) {
                if toStandardOutput { StandardError.write(Data((line + "\n").utf8)) } else { Swift.print(line) }
            }
            // A GeoPackage of several layers is described layer by layer (as ogrinfo does); --out needs one.
            let (file, named) = GeoPackageReader.split(layer)
            var paths = [layer]
            if named == nil, (file as NSString).pathExtension.lowercased() == "gpkg" {
                let layers = try GeoPackageReader.layers(path: file)
                if layers.count > 1 {
                    if out != nil { throw PlainFailure("\(file) holds \(layers.count) layers; name one for --out: '\(file)|layername=\(layers[0].name)'") }
                    paths = layers.map { "\(file)|layername=\($0.name)" }
                }
            }
            for (k, path) in paths.enumerated() {
                if k > 0 { print("") }
                try describe(path, print: print)
            }
            if let out {
                let fc = try LayerReader.read(path: layer)
                if toStandardOutput {
                    let sink = StandardOutputSink()
                    try sink.write(GeoJSONWriter.encode(fc))
                    try sink.finish()
                } else {
                    try GeoJSONWriter.write(fc, to: out)
                    print("wrote:     \(out)")
                }
            }
        }

        private func describe(_ layer: String, print: (String) -> Void) throws {
            let fc = try LayerReader.read(path: layer)
            var types: [String: Int] = [:]
            var invalid: [String] = []
            var area = 0.0
            for (i, f) in fc.features.enumerated() {
                guard let g = f.geometry else { types["(none)", default: 0] += 1; continue }
                types[g.typeName, default: 0] += 1
                area += Geodesic.area(of: g)
                if g.isAreal, case let .invalid(reason, location) = try g.validity() {
                    invalid.append("feature \(f.id?.description ?? String(i)): \(reason)\(location.map { " at \($0)" } ?? "")")
                }
            }
            print("layer:     \(layer)")
            print("features:  \(fc.features.count)")
            print("geometry:  \(types.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))")
            if let b = fc.boundingBox { print("bounds:    \(b) (lon/lat, WGS 84)") }
            print("area:      \(String(format: "%.1f", area / 1e6)) km² (geodesic, WGS 84)")
            print("validity:  \(invalid.isEmpty ? "all valid" : "\(invalid.count) invalid")")
            for line in invalid.prefix(20) { print("  - \(line)") }
        }
    }
}
