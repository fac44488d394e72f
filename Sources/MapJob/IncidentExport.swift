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
        /// Rows `--where` left out.
        public var filtered = 0

        /// Why nothing was written, when ``written`` is 0: which of the rows read went where.
        public var nothingWrittenReason: String {
            if read.read == 0 { return "the input holds no row" }
            var parts: [String] = []
            if read.rejected > 0 { parts.append("\(read.rejected) rejected") }
            if filtered > 0 { parts.append("\(filtered) left out by --where") }
            if withoutPoint > 0 { parts.append("\(withoutPoint) without coordinates (export writes points only; `map` places rows by name)") }
            return "of \(read.read) rows read, " + (parts.isEmpty ? "none had a point" : parts.joined(separator: ", "))
        }
    }

    /// How many parts a large CSV input is read in at once: one per core, at most four; `INCIDENTMAP_READ_PARTS`
    /// sets it (1 reads every input in one go, as benchmarks compare).
    public static var parts: Int {
        if let n = ProcessInfo.processInfo.environment["INCIDENTMAP_READ_PARTS"].flatMap(Int.init), n >= 1 { return min(n, 8) }
        return max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// `parts`: how many parts a large CSV is read in at once (default ``parts``); `minimumPartBytes`: the size under
    /// which a file is read in one go.
    ///
    /// `format`: nil takes it from the path's extension. `path` `-` writes GeoJSON (or CSV) to standard output.
    /// Null properties are left out of GeoJSON features, and columns no row fills out of the other formats: an input
    /// without a column gets none. `shaping` (`--where`, `--select`) reads each input in one part.
    public static func export(inputs: [String], to path: String, format: Format? = nil, shaping: Shaping = Shaping(),
                              columnMapping: [String: String] = [:],
                              onError: OnError = .skip, parts: Int = IncidentExport.parts, minimumPartBytes: Int = 8 << 20) throws -> Result {
        let toStandardOutput = path == "-"
        guard let format = format ?? (toStandardOutput ? .geojson : Format.of(path: path)) else {
            throw FileOutputErrorDescription(path: path, reason: "unsupported output format '.\((path as NSString).pathExtension)' (use .geojson, .shp, .csv, .gpkg or .kml, or -f FORMAT)")
        }
        if toStandardOutput && !format.streams {
            throw FileOutputErrorDescription(path: path, reason: "\(format.rawValue) cannot be written to standard output (GeoJSON and CSV can; give a file with -o)")
        }
        let parts = shaping.isIdentity ? max(1, parts) : 1
        var result = Result()
        var dropped = 0
        func shaped(_ inc: Incident) -> Feature? {
            guard let f = MapLayers.incidentFeature(inc) else { return nil }
            guard let g = shaping.apply(f) else { dropped += 1; return nil }
            return g
        }
        func withoutNulls(_ f: Feature) -> Feature {
            var f = f
            f.properties.removeAll { $0.value.isNull }
            return f
        }
        /// Every input read once (parsed on a thread of its own while this one builds and writes the features).
        func each(_ body: (Feature) throws -> Void) throws {
            for input in inputs {
                let r = try IncidentSource.readAside(path: input, columnMapping: columnMapping, onError: onError, dateOrder: .unambiguousOnly) { inc in
                    if let f = shaped(inc) { try body(f) }
                }
                result.read.absorb(r)
            }
        }
        /// Every feature spooled, with the schema of the columns some row fills (the selection's, when one is given).
        func spooled(_ spool: FeatureSpool) throws -> LayerFeatures {
            var builder = LayerSchema.Builder()
            try each { f in builder.add(f); try spool.append(f) }
            let all = builder.schema.fields
            let schema = shaping.selection.map { sel in LayerSchema(fields: sel.names.compactMap { n in all.first { $0.name == n } }) }
                ?? builder.filledSchema
            return try LayerFeatures(spool: spool, schema: schema)
        }
        func temporarySpool(_ kind: String) throws -> FeatureSpool {
            try FeatureSpool(path: NSTemporaryDirectory() + "/.incidentmap-\(kind)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        }
        switch format {
        case .geojson where toStandardOutput || !shaping.isIdentity:
            let w = toStandardOutput ? GeoJSONWriter(sink: StandardOutputSink()) : try GeoJSONWriter(path: path)
            try each { f in try w.write(withoutNulls(f)) }
            result.written = w.featureCount
            try w.finish()
        case .geojson:
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
                    guard let f = MapLayers.incidentFeature(inc).map(withoutNulls) else { return }
                    if k == 0 { try w.write(f) } else { try later[k - 1].write(f) }
                }
                result.read.absorb(report)
                for f in later[..<(valid - 1)] { try w.append(f) }
            }
            result.written = w.featureCount
            try w.finish()
        case .shp where !shaping.isIdentity:
            let dir = PathName.parent(of: path)
            let out = try AtomicFolder(target: dir.isEmpty ? "." : dir, wholeFolder: false)
            let stem = (String(path.dropLast(4)) as NSString).lastPathComponent
            try out.writing {
                let spool = try FeatureSpool(path: out.path(".\(stem).spool"))
                defer { spool.remove() }
                let layer = try spooled(spool)
                result.truncated = try ShapefileWriter.write(layer, to: out.path(stem)).truncatedValues
                result.written = layer.count
            }
            try out.commit()
        case .shp:
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
                // Read from two threads at once: the shapes and the attributes.
                let readers = try spools.map { try $0.finish() }
                let w = try ShapefileStreamWriter(basePath: out.path(stem), family: .point, schema: builder.filledSchema)
                result.written += try w.writeAll(spools: readers)
                result.truncated = try w.finish().truncatedValues
            }
            try out.commit()
        case .csv:
            // Two passes (spooled): the header holds the columns some row fills, then longitude/latitude.
            let spool = try temporarySpool("csv")
            defer { spool.remove() }
            let layer = try spooled(spool)
            let sink: any ByteSink = toStandardOutput ? StandardOutputSink() : try AtomicFile(destination: path)
            let w = CSVWriter(sink: sink)
            let names = layer.schema.fields.map(\.name)
            try w.writeRow(names + ["longitude", "latitude"])
            var row = [String](repeating: "", count: names.count + 2)
            try layer.forEach { f in
                guard case .point(let p)? = f.geometry else { return }
                // Properties usually come in the header's order: each is looked for where it should be first, and
                // only otherwise by name (an input of 100,000 columns stays linear).
                var byName: [String: PropertyValue]?
                for (k, n) in names.enumerated() {
                    let v: PropertyValue?
                    if k < f.properties.count, f.properties[k].name == n { v = f.properties[k].value } else {
                        if byName == nil { byName = Dictionary(f.properties.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }) }
                        v = byName![n]
                    }
                    row[k] = v.map { $0.isNull ? "" : $0.description } ?? ""
                }
                row[names.count] = String(format: "%.7f", p.coordinate.longitude)
                row[names.count + 1] = String(format: "%.7f", p.coordinate.latitude)
                try w.writeRow(row)
                result.written += 1
            }
            try w.finish()
        case .gpkg:
            // Written beside the target under a temporary name, renamed into place whole.
            let spool = try temporarySpool("gpkg")
            defer { spool.remove() }
            let layer = try spooled(spool)
            let name = (path as NSString).lastPathComponent
            let dir = PathName.parent(of: path)
            let temporary = (dir.isEmpty ? "." : dir) + "/.\(name).tmp-\(getpid())"
            do {
                let w = try GeoPackageWriter(path: temporary)
                let stem = (name as NSString).deletingPathExtension
                try w.addLayer(name: stem.isEmpty ? "incidents" : stem, layer: layer, description: "Incident points written by incidentmap export")
                try w.finish()
                guard rename(temporary, path) == 0 else { throw FileOutputErrorDescription(path: path, reason: String(cString: strerror(errno))) }
            } catch {
                unlink(temporary)
                throw error
            }
            result.written = layer.count
        case .kml:
            let spool = try temporarySpool("kml")
            defer { spool.remove() }
            let layer = try spooled(spool)
            let file = try AtomicFile(destination: path)
            try KMLWriter.write(name: ((path as NSString).lastPathComponent as NSString).deletingPathExtension, layer: layer,
                                styles: MapExporter.kmlStyles, nameField: "location",
                                styleOf: { MapExporter.kmlStyle(layer: .incidents, feature: $0) }, to: { try file.write($0) })
            try file.commit()
            result.written = layer.count
        }
        result.filtered = dropped
        result.withoutPoint = result.read.kept - result.written - dropped
        return result
    }

    /// The same, into a PostGIS table (`export … --to postgresql://…`): one pass
    /// over the inputs infers the columns while spooling the points to a
    /// temporary file; the spool is then encoded as COPY rows and loaded in one
    /// transaction (see ``PostGISLayerWriter``). Memory stays flat.
    public static func export(inputs: [String], to target: PostgresTarget, schema: String = "public", table: String = "incidents",
                              replace: Bool = false, shaping: Shaping = Shaping(), columnMapping: [String: String] = [:],
                              onError: OnError = .skip) async throws -> Result {
        var result = Result()
        let spool = try FeatureSpool(path: NSTemporaryDirectory() + "/.incidentmap-spool-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { spool.remove() }
        var builder = LayerSchema.Builder()
        var total = ReadReport()
        for input in inputs {
            let r = try IncidentSource.read(path: input, columnMapping: columnMapping, onError: onError) { inc in
                guard let f = MapLayers.incidentFeature(inc) else { return }
                guard let g = shaping.apply(f) else { result.filtered += 1; return }
                builder.add(g)
                try spool.append(g)
            }
            total.absorb(r)
        }
        result.read = total
        let reader = try spool.finish()
        let source = PostGISLayerWriter.LayerSource(name: table, schema: builder.schema) { body in try reader.forEach(body) }
        let report = try await PostGISLayerWriter(target: target, schema: schema, replace: replace).write(sources: [source])
        result.written = report.rows.first?.rows ?? 0
        result.withoutPoint = result.read.kept - result.written - result.filtered
        return result
    }
}
