import Foundation
import GeoCore
import Incidents
import LayerIO
import PostGISStore

/// Converts incident tables to a point layer file, streaming: GeoJSON and CSV
/// in one pass; Shapefile in one pass over the input that sizes the DBF
/// columns while spooling the features to a compact temporary file, then one
/// over the spool. The input is never held whole in memory. The output
/// appears atomically.
public enum IncidentExport {
    public struct Result: Sendable {
        public var read = ReadReport()
        public var written = 0
        public var withoutPoint = 0
        public var truncated = 0
    }

    /// How many parts a large CSV input is read in at once: one per core, at most four; `INCIDENTMAP_READ_PARTS`
    /// sets it (1 reads every input in one go, as benchmarks compare).
    public static var parts: Int {
        if let n = ProcessInfo.processInfo.environment["INCIDENTMAP_READ_PARTS"].flatMap(Int.init), n >= 1 { return min(n, 8) }
        return max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// `parts`: how many parts a large CSV is read in at once (default ``parts``); `minimumPartBytes`: the size under
    /// which a file is read in one go.
    public static func export(inputs: [String], to path: String, columnMapping: [String: String] = [:],
                              onError: OnError = .skip, parts: Int = IncidentExport.parts, minimumPartBytes: Int = 8 << 20) throws -> Result {
        let parts = max(1, parts)
        var result = Result()
        func each(_ body: (Feature) throws -> Void) throws -> ReadReport {
            var total = ReadReport()
            for input in inputs {
                // Parsed on a thread of its own while this one builds and writes the features.
                let r = try IncidentSource.readAside(path: input, columnMapping: columnMapping, onError: onError, dateOrder: .unambiguousOnly) { inc in
                    if let f = MapLayers.incidentFeature(inc) { try body(f) }
                }
                total.absorb(r)
            }
            return total
        }
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "geojson", "json":
            // Each input read in parts on both cores: the first part written as it is read, the later ones encoded
            // aside (GeoJSONFragment) and appended in order.
            let w = try GeoJSONWriter(path: path)
            let dir = PathName.parent(of: path), name = (path as NSString).lastPathComponent
            for input in inputs {
                let later = try (1..<max(1, parts)).map {
                    // Named as the writer's own temporary file is: one left by a killed run is removed by the next.
                    try GeoJSONFragment(path: (dir.isEmpty ? "." : dir) + "/.\(name).tmp-\(getpid())-part\($0)")
                }
                defer { for f in later { f.remove() } }
                let (report, valid) = try IncidentSource.readInParts(path: input, columnMapping: columnMapping, onError: onError,
                                                                     dateOrder: .unambiguousOnly, parts: later.count + 1,
                                                                     minimumBytes: minimumPartBytes) { k, inc in
                    guard let f = MapLayers.incidentFeature(inc) else { return }
                    if k == 0 { try w.write(f) } else { try later[k - 1].write(f) }
                }
                result.read.absorb(report)
                for f in later[..<(valid - 1)] { try w.append(f) }
            }
            result.written = w.featureCount
            try w.finish()
        case "shp":
            let base = String(path.dropLast(4))
            let dir = PathName.parent(of: path)
            let out = try AtomicFolder(target: dir.isEmpty ? "." : dir, wholeFolder: false)  // a folder shared with other files
            let stem = (base as NSString).lastPathComponent
            try out.writing {
                // Each input read in parts on both cores, each part spooled with a schema builder of its own; the
                // spools are then replayed in order (shapes and attributes on two threads).
                var spools: [FeatureSpool] = []
                var builder = LayerSchema.Builder()
                defer { for s in spools { s.remove() } }
                for input in inputs {
                    let mine = try (0..<parts).map { try FeatureSpool(path: out.path(".\(stem).\(spools.count + $0).spool")) }
                    nonisolated(unsafe) var builders = [LayerSchema.Builder](repeating: LayerSchema.Builder(), count: parts)
                    let (report, valid) = try builders.withUnsafeMutableBufferPointer { b in
                        nonisolated(unsafe) let b = b
                        return try IncidentSource.readInParts(path: input, columnMapping: columnMapping, onError: onError,
                                                              dateOrder: .unambiguousOnly, parts: parts, minimumBytes: minimumPartBytes) { k, inc in
                            if let f = MapLayers.incidentFeature(inc) { b[k].add(f); try mine[k].append(f) }
                        }
                    }
                    result.read.absorb(report)
                    for k in 0..<valid { builder.absorb(builders[k]) }
                    for s in mine[valid...] { s.remove() }
                    spools += mine[..<valid]
                }
                for s in spools { try s.flush() }  // read from two threads at once: the shapes and the attributes
                let w = try ShapefileStreamWriter(basePath: out.path(stem), family: .point, schema: builder.schema)
                result.written += try w.writeAll(spools: spools)
                result.truncated = try w.finish().truncatedValues
            }
            try out.commit()
        case "csv":
            // Same columns as the GeoJSON properties, then longitude/latitude.
            let sink = try AtomicFile(destination: path)
            let w = CSVWriter(sink: sink)
            var header: [String]?
            result.read = try each { f in
                if header == nil {
                    header = f.properties.map(\.name)
                    try w.writeRow(header! + ["longitude", "latitude"])
                }
                guard case .point(let p)? = f.geometry else { return }
                try w.writeRow(f.properties.map { $0.value.isNull ? "" : $0.value.description }
                               + [String(format: "%.7f", p.coordinate.longitude), String(format: "%.7f", p.coordinate.latitude)])
                result.written += 1
            }
            try w.finish()
        default:
            throw FileOutputErrorDescription(path: path, reason: "unsupported output format '.\(ext)' (use .geojson, .shp or .csv; map writes GeoPackage and KML)")
        }
        result.withoutPoint = result.read.kept - result.written
        return result
    }

    /// The same, into a PostGIS table (`export … --to postgresql://…`): one pass
    /// over the inputs infers the columns while spooling the points to a
    /// temporary file; the spool is then encoded as COPY rows and loaded in one
    /// transaction (see ``PostGISLayerWriter``). Memory stays flat.
    public static func export(inputs: [String], to target: PostgresTarget, schema: String = "public", table: String = "incidents",
                              replace: Bool = false, columnMapping: [String: String] = [:], onError: OnError = .skip) async throws -> Result {
        var result = Result()
        let spool = try FeatureSpool(path: NSTemporaryDirectory() + "/.incidentmap-spool-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { spool.remove() }
        var builder = LayerSchema.Builder()
        var total = ReadReport()
        for input in inputs {
            let r = try IncidentSource.read(path: input, columnMapping: columnMapping, onError: onError) { inc in
                if let f = MapLayers.incidentFeature(inc) { builder.add(f); try spool.append(f) }
            }
            total.absorb(r)
        }
        result.read = total
        let source = PostGISLayerWriter.LayerSource(name: table, schema: builder.schema) { body in try spool.forEach(body) }
        let report = try await PostGISLayerWriter(target: target, schema: schema, replace: replace).write(sources: [source])
        result.written = report.rows.first?.rows ?? 0
        result.withoutPoint = result.read.kept - result.written
        return result
    }
}
