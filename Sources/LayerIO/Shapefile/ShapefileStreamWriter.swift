import CShapelib
import Foundation
import GeoCore

/// Writes a shapefile record by record, for layers too large to hold in
/// memory; the schema (and so the DBF widths) must be known up front — read
/// the input twice, the first time through ``LayerSchema/Builder``.
///
/// The writer is two halves that share nothing: the shapes (``ShapefileShapeWriter``, `.shp`/`.shx`) and the
/// attributes (``ShapefileAttributeWriter``, `.dbf`). ``writeAll(_:geometries:)`` and ``writeAll(spools:)`` give
/// each half to a thread of its own.
public final class ShapefileStreamWriter {
    public let basePath: String
    private let shapes: ShapefileShapeWriter
    private let attributes: ShapefileAttributeWriter
    /// Long name → DBF name, in field order.
    private let fieldNames: [(String, String)]

    public init(basePath: String, family: ShapeFamily, schema: LayerSchema) throws {
        let base = basePath.hasSuffix(".shp") ? String(basePath.dropLast(4)) : basePath
        self.basePath = base
        let shortNames = FieldNameMapping.shortNames(for: schema.fields.map(\.name))
        fieldNames = zip(schema.fields.map(\.name), shortNames).map { ($0, $1) }
        var hooks = ShapelibFileHooks.hooks()
        for ext in [".shp", ".shx", ".dbf"] { _ = ShapelibFileHooks.takeFailure(path: base + ext) }
        shapes = try ShapefileShapeWriter(basePath: base, family: family, hooks: &hooks)
        attributes = try ShapefileAttributeWriter(basePath: base, schema: schema, shortNames: shortNames, hooks: &hooks)
    }

    public func write(_ feature: Feature) throws {
        try shapes.write(feature.geometry)
        try attributes.write(feature)
    }

    /// Writes every feature `features` gives: the geometries (.shp, .shx) on one thread and the attributes (.dbf)
    /// on another, at once. `features` (and `geometries`, which gives the same features' geometries alone, when the
    /// source can read them more cheaply) are called once each, possibly at the same time from two threads, and must
    /// give the same features in the same order (as an array or a ``FeatureSpoolReader`` does). Returns how many
    /// were written; the first error of either side is thrown (after both are done).
    @discardableResult
    public func writeAll(_ features: ((Feature) throws -> Void) throws -> Void,
                         geometries: (((Geometry?) throws -> Void) throws -> Void)? = nil) throws -> Int {
        try onTwoThreads(shapes: { shapes in
            var n = 0
            if let geometries {
                try geometries { g in try shapes.write(g); n += 1 }
            } else {
                try features { f in try shapes.write(f.geometry); n += 1 }
            }
            return n
        }, attributes: { attributes in
            var n = 0
            try features { f in try attributes.write(f); n += 1 }
            return n
        })
    }

    /// Writes every feature of `spools`, in order: the shapes (.shp, .shx) on one thread and the attributes (.dbf)
    /// on another, each reading the spools itself (the attributes straight from their bytes). Returns how many were
    /// written; the first error of either side is thrown.
    @discardableResult
    public func writeAll(spools: [FeatureSpoolReader]) throws -> Int {
        try onTwoThreads(shapes: { shapes in
            var n = 0
            for spool in spools { try spool.forEachGeometry { g in try shapes.write(g); n += 1 } }
            return n
        }, attributes: { attributes in try attributes.write(spools: spools) })
    }

    /// Runs `shapes` on the shapes half and `attributes` on the attributes half at once, on two threads (each half
    /// is touched by its own thread only), and returns how many records each wrote, which must agree; the first
    /// error of either side is thrown, after both are done.
    private func onTwoThreads(shapes: (ShapefileShapeWriter) throws -> Int, attributes: (ShapefileAttributeWriter) throws -> Int) throws -> Int {
        try withoutActuallyEscaping(shapes) { shapes in
            try withoutActuallyEscaping(attributes) { attributes in
                // Each closure is handed the one half it writes: the two threads share no state of the writer.
                nonisolated(unsafe) let sides: [() throws -> Int] = [{ try shapes(self.shapes) }, { try attributes(self.attributes) }]
                let counts = try [0, 1].parallelMap(chunk: 1) { k in Swift.Result { try sides[k]() } }.map { try $0.get() }
                guard counts[0] == counts[1] else { throw ShapefileWriteError.shapelib(path: basePath + ".dbf", operation: "write as many records as shapes") }
                return counts[0]
            }
        }
    }

    /// Closes the files and writes the `.prj` and `<layer>.fields.csv`.
    public func finish() throws -> ShapefileWriteReport {
        shapes.close()
        attributes.close()
        for ext in [".shp", ".shx", ".dbf"] {
            if let code = ShapelibFileHooks.takeFailure(path: basePath + ext) {
                throw ShapefileWriteError.shapelib(path: basePath + ext, operation: "write (\(String(cString: strerror(code))))")
            }
        }
        try CoordinateTransformation.esriWKT(for: "EPSG:4326").write(toFile: basePath + ".prj", atomically: false, encoding: .utf8)
        var csv = "long_name,short_name,type\n"
        for ((long, short), f) in zip(fieldNames, attributes.schema.fields) {
            let quoted = long.contains(",") || long.contains("\"") ? "\"" + long.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : long
            csv += "\(quoted),\(short),\(f.kind.rawValue)\n"
        }
        try csv.write(toFile: basePath + ".fields.csv", atomically: false, encoding: .utf8)
        return ShapefileWriteReport(truncatedValues: attributes.truncatedValues, fieldNames: fieldNames)
    }
}
