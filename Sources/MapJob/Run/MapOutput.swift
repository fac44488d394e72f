import Foundation
import GeoCore
import PostGISStore

/// Where a map run's layers go: a folder of files in `formats`, a PostGIS schema, or both (`map --out`, `map --to`).
public struct MapOutput: Sendable {
    public var folder: String?
    public var formats: [MapExporter.Format]
    /// Credits written beside the layers (ATTRIBUTION.txt).
    public var attribution: [String] = []
    public var postgis: PostGISTarget?

    /// A PostGIS database, the schema the layers go in, and whether tables whose columns differ are recreated.
    public struct PostGISTarget: Sendable {
        public var target: PostgresTarget
        public var schema: String
        public var replace: Bool
        public init(target: PostgresTarget, schema: String, replace: Bool) {
            self.target = target
            self.schema = schema
            self.replace = replace
        }
    }

    public init(folder: String?, formats: [MapExporter.Format], attribution: [String] = [], postgis: PostGISTarget? = nil) {
        self.folder = folder
        self.formats = formats
        self.attribution = attribution
        self.postgis = postgis
    }

    /// What was written: one line per destination, for the terminal, and the writers' warnings.
    public struct Written: Sendable {
        public var lines: [String] = []
        public var warnings: [String] = []
        public var files: [String] = []
    }

    /// Writes `result`'s layers: into PostGIS first, then the folder (each whole or not at all).
    public func write(_ result: MapResult, progress: ProgressMeter? = nil) async throws -> Written {
        var written = Written()
        let layers = result.layers
        if let postgis {
            progress?.begin("loading layers into PostGIS", unit: "")
            let r = try await PostGISLayerWriter(target: postgis.target, schema: postgis.schema, replace: postgis.replace)
                .write(sources: MapLayer.allCases.map { n in
                    let layer = layers.layer(n)
                    return PostGISLayerWriter.LayerSource(name: n.rawValue, schema: layer.schema, forEach: layer.forEach)
                })
            written.lines.append("  loaded into \(postgis.target) schema \(postgis.schema): " + r.rows.map { "\($0.layer) \($0.rows)" }.joined(separator: ", "))
        }
        if let folder {
            var exporter = MapExporter(formats: formats, attribution: attribution)
            exporter.progress = progress
            let r = try exporter.write(layers, to: folder, extent: result.extent, timeline: result.timeline)
            written.files = r.files
            written.warnings = r.warnings
            written.lines.append("  wrote \(r.files.count) files to \(folder)/ (\(formats.map(\.rawValue).joined(separator: ", ")))")
        }
        return written
    }
}
