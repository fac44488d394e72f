import CShapelib
import Foundation
import GeoCore

/// What a shapefile write had to change, to report to the user.
public struct ShapefileWriteReport: Sendable, Equatable {
    /// Text values cut to fit 254 bytes (at a character boundary).
    public var truncatedValues = 0
    /// Long name → DBF name, in field order.
    public var fieldNames: [(String, String)] = []

    public static func == (a: Self, b: Self) -> Bool {
        a.truncatedValues == b.truncatedValues && a.fieldNames.elementsEqual(b.fieldNames) { $0 == $1 }
    }
}

public enum ShapefileWriteError: Error, CustomStringConvertible, Equatable {
    case mixedGeometry(path: String, feature: Int, expected: String, found: String)
    case tooLarge(path: String, bytes: Int)
    case shapelib(path: String, operation: String)

    public var description: String {
        switch self {
        case let .mixedGeometry(p, f, e, found): "\(p): feature \(f) is a \(found) but the layer holds \(e); a shapefile has one geometry type (write GeoPackage or GeoJSON for mixed layers)"
        case let .tooLarge(p, b): "\(p): the layer would need \(b / 1_048_576) MiB, over the 2 GiB shapefile limit; write it as GeoPackage (--formats gpkg)"
        case let .shapelib(p, op): "\(p): shapelib failed to \(op)"
        }
    }
}

/// Writes an ESRI Shapefile with shapelib: `.shp .shx .dbf .prj .cpg`, plus
/// `<layer>.fields.csv` giving each DBF field's long name.
///
/// - Geometry: one family per layer (points, lines, or polygons; Polygon and
///   MultiPolygon mix freely as multi-part polygons). Rings are oriented by
///   `SHPRewindObject` before every polygon write (outer clockwise).
/// - Attributes: types and widths from ``LayerSchema`` (numbers sized to the
///   data, dates as `D`, booleans as `L`, nulls as DBF nulls); text is UTF-8
///   (`.cpg` = `UTF-8` via `DBFCreateEx`) cut at a character boundary within
///   254 bytes, counted in the report.
/// - The `.prj` is ESRI WKT of EPSG:4326 from PROJ.
/// - The 2 GiB size limit of `.shp` and `.dbf` is checked before writing.
public enum ShapefileWriter {
    /// Writes `features` to `basePath` (`.shp` etc. appended) directly; use an
    /// output folder from ``AtomicFolder`` for all-or-nothing runs.
    @discardableResult
    public static func write(_ features: [Feature], to basePath: String, schema: LayerSchema? = nil) throws -> ShapefileWriteReport {
        let base = basePath.hasSuffix(".shp") ? String(basePath.dropLast(4)) : basePath
        let schema = schema ?? LayerSchema(inferring: features)
        let family = try geometryFamily(features, path: base + ".shp")
        try checkSize(features, schema: schema, path: base)
        let w = try ShapefileStreamWriter(basePath: base, family: family, schema: schema)
        for f in features { try w.write(f) }
        return try w.finish()
    }

    /// Writes a layer; a spooled one (points) is streamed from its spool, never held whole.
    @discardableResult
    public static func write(_ layer: LayerFeatures, to basePath: String) throws -> ShapefileWriteReport {
        guard layer.isSpooled else { return try write(layer.all(), to: basePath, schema: layer.schema) }
        let base = basePath.hasSuffix(".shp") ? String(basePath.dropLast(4)) : basePath
        try checkSize(shp: 100 + layer.count * 28, records: layer.count, schema: layer.schema, path: base)
        let w = try ShapefileStreamWriter(basePath: base, family: .point, schema: layer.schema)
        try w.writeAll(spools: [layer.spool!])
        return try w.finish()
    }

    /// Points, lines or polygons; nil geometries are allowed anywhere.
    public static func geometryFamily(_ features: [Feature], path: String) throws -> ShapeFamily {
        ShapeFamily(rawValue: try geometryFamilyCode(features, path: path))!
    }

    static func geometryFamilyCode(_ features: [Feature], path: String) throws -> Int32 {
        var family: Int32?
        for (i, f) in features.enumerated() {
            guard let g = f.geometry else { continue }
            let this: Int32
            switch g {
            case .point: this = SHPT_POINT
            case .multiPoint: this = SHPT_MULTIPOINT
            case .lineString, .multiLineString: this = SHPT_ARC
            case .polygon, .multiPolygon: this = SHPT_POLYGON
            case .geometryCollection(let parts):
                guard !parts.isEmpty, parts.allSatisfy(\.isAreal) else {
                    throw ShapefileWriteError.mixedGeometry(path: path, feature: i, expected: "one geometry type", found: "GeometryCollection")
                }
                this = SHPT_POLYGON
            }
            if let family, family != this {
                throw ShapefileWriteError.mixedGeometry(path: path, feature: i, expected: name(family), found: g.typeName)
            }
            family = this
        }
        return family ?? SHPT_POINT  // an empty layer: a valid, empty point shapefile
    }

    static func name(_ t: Int32) -> String {
        switch t {
        case SHPT_POINT: "points"
        case SHPT_MULTIPOINT: "multipoints"
        case SHPT_ARC: "lines"
        default: "polygons"
        }
    }

    static func makeObject(_ g: Geometry?, family: Int32, path: String) throws -> UnsafeMutablePointer<SHPObject> {
        guard let g else {
            return SHPCreateSimpleObject(SHPT_NULL, 0, nil, nil, nil)!
        }
        var parts: [[Coordinate]] = []
        switch g {
        case .point(let p): parts = [[p.coordinate]]
        case .multiPoint(let m): parts = [m.coordinates]
        case .lineString(let l): parts = [l.coordinates]
        case .multiLineString(let m): parts = m.lineStrings.map(\.coordinates)
        default: parts = g.polygons.flatMap { $0.rings.map(\.coordinates) }
        }
        var starts: [Int32] = []
        var xs: [Double] = [], ys: [Double] = []
        for part in parts {
            starts.append(Int32(xs.count))
            for c in part { xs.append(c.longitude); ys.append(c.latitude) }
        }
        let obj: UnsafeMutablePointer<SHPObject>?
        if family == SHPT_POINT || family == SHPT_MULTIPOINT {
            obj = SHPCreateSimpleObject(family, Int32(xs.count), xs, ys, nil)
        } else {
            obj = SHPCreateObject(family, -1, Int32(starts.count), starts, nil, Int32(xs.count), xs, ys, nil, nil)
        }
        guard let obj else { throw ShapefileWriteError.shapelib(path: path + ".shp", operation: "build a shape") }
        return obj
    }

    /// Refuses, before writing anything, a layer whose .shp or .dbf would pass 2 GiB.
    static func checkSize(_ features: [Feature], schema: LayerSchema, path: String) throws {
        var shp = 100
        for f in features {
            shp += 8
            guard let g = f.geometry else { shp += 4; continue }
            switch g {
            case .point: shp += 20
            default:
                let rings = g.polygons.flatMap(\.rings)
                let n = rings.isEmpty ? (g.boundingBox == nil ? 0 : 1) : rings.count
                let points = rings.reduce(0) { $0 + $1.coordinates.count }
                shp += 44 + 4 * n + 16 * max(points, 1)
            }
        }
        try checkSize(shp: shp, records: features.count, schema: schema, path: path)
    }

    /// Both files must stay under 2 GiB (the format's 32-bit offsets).
    static func checkSize(shp: Int, records: Int, schema: LayerSchema, path: String) throws {
        let record = 1 + schema.fields.reduce(0) { $0 + min(254, max(1, $1.width + $1.decimals + 1)) }
        let dbf = 33 + 32 * schema.fields.count + records * record
        let limit = Int(Int32.max)
        if shp > limit { throw ShapefileWriteError.tooLarge(path: path + ".shp", bytes: shp) }
        if dbf > limit { throw ShapefileWriteError.tooLarge(path: path + ".dbf", bytes: dbf) }
    }
}

/// The geometry family of a shapefile (shapelib's shape types, 2D).
public enum ShapeFamily: Int32, Sendable {
    case point = 1, line = 3, polygon = 5, multipoint = 8
}

/// Writes a shapefile record by record, for layers too large to hold in
/// memory; the schema (and so the DBF widths) must be known up front — read
/// the input twice, the first time through ``LayerSchema/Builder``.
public final class ShapefileStreamWriter {
    public let basePath: String
    private let shp: SHPHandle
    private let dbf: DBFHandle
    private let family: Int32
    private let schema: LayerSchema
    private let placeholder: Bool
    /// Records written to the .shp and to the .dbf (apart: ``writeAll(_:geometries:)`` writes them on two threads).
    private var shpRow: Int32 = 0
    private var dbfRow: Int32 = 0
    private var report = ShapefileWriteReport()
    private var closed = false
    private var shpBytes = 100
    /// The DBF record being built (the attributes side only).
    private var record: DBFRecordFormat

    public init(basePath: String, family: ShapeFamily, schema: LayerSchema) throws {
        let base = basePath.hasSuffix(".shp") ? String(basePath.dropLast(4)) : basePath
        self.basePath = base
        self.family = family.rawValue
        self.schema = schema
        let shortNames = FieldNameMapping.shortNames(for: schema.fields.map(\.name))
        report.fieldNames = zip(schema.fields.map(\.name), shortNames).map { ($0, $1) }
        var hooks = ShapelibFileHooks.hooks()
        for ext in [".shp", ".shx", ".dbf"] { _ = ShapelibFileHooks.takeFailure(path: base + ext) }
        guard let shp = SHPCreateLL(base, family.rawValue, &hooks) else { throw ShapefileWriteError.shapelib(path: base + ".shp", operation: "create the .shp/.shx") }
        guard let dbf = DBFCreateLL(base, "UTF-8", &hooks) else {
            SHPClose(shp)
            throw ShapefileWriteError.shapelib(path: base + ".dbf", operation: "create the .dbf")
        }
        self.shp = shp
        self.dbf = dbf
        for (f, short) in zip(schema.fields, shortNames) {
            let rc: Int32
            switch f.kind {
            case .string: rc = DBFAddField(dbf, short, FTString, Int32(min(254, max(1, f.width))), 0)
            case .integer: rc = DBFAddNativeFieldType(dbf, short, CChar(UInt8(ascii: "N")), Int32(min(18, max(1, f.width))), 0)
            case .double:
                let decimals = min(15, f.decimals)
                rc = DBFAddNativeFieldType(dbf, short, CChar(UInt8(ascii: "N")), Int32(min(24, max(3, f.width + decimals + 1))), Int32(decimals))
            case .boolean: rc = DBFAddNativeFieldType(dbf, short, CChar(UInt8(ascii: "L")), 1, 0)
            case .date: rc = DBFAddNativeFieldType(dbf, short, CChar(UInt8(ascii: "D")), 8, 0)
            }
            guard rc >= 0 else { throw ShapefileWriteError.shapelib(path: base + ".dbf", operation: "add field \(short)") }
        }
        // Some consumers refuse a DBF without fields: give empty schemas one id column.
        placeholder = schema.fields.isEmpty
        if placeholder { _ = DBFAddNativeFieldType(dbf, "id", CChar(UInt8(ascii: "N")), 10, 0) }
        record = DBFRecordFormat(dbf: dbf)
    }

    deinit { close() }

    private func close() {
        guard !closed else { return }
        closed = true
        SHPClose(shp)
        DBFClose(dbf)
    }

    public func write(_ feature: Feature) throws {
        try writeGeometry(feature.geometry)
        try writeAttributes(feature)
    }

    /// Writes every feature `features` gives: the geometries (.shp, .shx) on one thread and the attributes (.dbf)
    /// on another, at once. `features` (and `geometries`, which gives the same features' geometries alone, when the
    /// source can read them more cheaply) are called once each, possibly at the same time from two threads, and must
    /// give the same features in the same order (as an array or a flushed ``FeatureSpool`` does). Returns how many
    /// were written; the first error of either side is thrown (after both are done).
    @discardableResult
    public func writeAll(_ features: ((Feature) throws -> Void) throws -> Void,
                         geometries: (((Geometry?) throws -> Void) throws -> Void)? = nil) throws -> Int {
        try onTwoThreads(shapes: {
            var n = 0
            if let geometries {
                try geometries { g in try self.writeGeometry(g); n += 1 }
            } else {
                try features { f in try self.writeGeometry(f.geometry); n += 1 }
            }
            return n
        }, attributes: {
            var n = 0
            try features { f in try self.writeAttributes(f); n += 1 }
            return n
        })
    }

    /// Runs `shapes` (.shp, .shx) and `attributes` (.dbf) at once on two threads — they touch different handles and
    /// fields of the writer — and returns how many records each wrote, which must agree; the first error of either
    /// side is thrown, after both are done.
    private func onTwoThreads(shapes: () throws -> Int, attributes: () throws -> Int) throws -> Int {
        try withoutActuallyEscaping(shapes) { shapes in
            try withoutActuallyEscaping(attributes) { attributes in
                nonisolated(unsafe) let sides = [shapes, attributes]
                let counts = try [0, 1].parallelMap(chunk: 1) { k in Swift.Result { try sides[k]() } }.map { try $0.get() }
                guard counts[0] == counts[1] else { throw ShapefileWriteError.shapelib(path: basePath + ".dbf", operation: "write as many records as shapes") }
                return counts[0]
            }
        }
    }

    private func writeGeometry(_ geometry: Geometry?) throws {
        let base = basePath
        let obj = try ShapefileWriter.makeObject(geometry, family: family, path: base)
        defer { SHPDestroyObject(obj) }
        if geometry != nil, family == SHPT_POLYGON { SHPRewindObject(shp, obj) }
        // The 2 GiB limit: checked as records are added (the .dbf grows linearly and is checked with it).
        shpBytes += 8 + 44 + 4 * Int(obj.pointee.nParts) + 16 * Int(obj.pointee.nVertices)
        if shpBytes > Int(Int32.max) { throw ShapefileWriteError.tooLarge(path: base + ".shp", bytes: shpBytes) }
        guard SHPWriteObject(shp, -1, obj) >= 0 else { throw ShapefileWriteError.shapelib(path: base + ".shp", operation: "write record \(shpRow)") }
        shpRow += 1
    }

    private func writeAttributes(_ feature: Feature) throws {
        let r = dbfRow
        dbfRow += 1
        if placeholder { try writeRecord { try $0.setInteger(0, Int(r)) }; return }
        let props = feature.properties
        try writeRecord { record in
            for (k, field) in schema.fields.enumerated() {
                // Features usually carry their properties in schema order: look there first.
                let value = (k < props.count && props[k].name == field.name ? props[k].value : nil)
                    ?? props.first { $0.name == field.name }?.value ?? .null
                try set(value, field: k, kind: field.kind, in: &record)
            }
        }
    }

    /// Writes the DBF record `dbfRow - 1` as `fill` builds it (from a record whose every field is null).
    private func writeRecord(_ fill: (inout DBFRecordFormat) throws -> Void) throws {
        let r = dbfRow - 1
        record.clear()
        do { try fill(&record) } catch let e as DBFRecordFormat.Overflow {
            throw ShapefileWriteError.shapelib(path: basePath + ".dbf", operation: "write field \(schema.fields[e.field].name) of record \(r) (the value does not fit the field)")
        }
        guard record.write(to: dbf, row: r) else { throw ShapefileWriteError.shapelib(path: basePath + ".dbf", operation: "write record \(r)") }
    }

    /// Sets one field as shapelib's functions for the value's type would (see ``DBFRecordFormat``).
    private func set(_ value: PropertyValue, field k: Int, kind: LayerSchema.Kind, in record: inout DBFRecordFormat) throws {
        switch (value, kind) {
        case (.null, _): record.setNull(k)
        case (.string(let s), _): setText(s, field: k, in: &record)
        case (.int(let v), .integer), (.int(let v), .double): try record.setInteger(k, v)
        case (.double(let v), .integer), (.double(let v), .double):
            if v.isFinite { try record.setDouble(k, v) } else { record.setNull(k) }
        case (.bool(let b), .boolean): record.setBool(k, b)
        case (.date(let d), .date): record.setDate(k, d)
        default: setText(value.description, field: k, in: &record)
        }
    }

    /// Text cut at a character boundary to fit its field (counted), as written by `DBFWriteStringAttribute`.
    private func setText(_ s: String, field k: Int, in record: inout DBFRecordFormat) {
        let (text, cut) = UTF8Truncation.truncate(s, maxBytes: min(254, max(1, schema.fields[k].width)))
        if cut { report.truncatedValues += 1 }
        record.setText(k, text)
    }

    /// Sets one field from a spooled value, read in place: the same bytes as ``set(_:field:kind:in:)`` for the
    /// value the spool decodes to.
    private func set(_ value: FeatureSpool.RawValue, field k: Int, kind: LayerSchema.Kind, in record: inout DBFRecordFormat) throws {
        switch (value, kind) {
        case (.null, _): record.setNull(k)
        case (.text(let bytes), _):
            let limit = min(254, max(1, schema.fields[k].width))
            // Text that fits is copied as it is; longer text is cut at a character boundary as a String.
            if bytes.count <= limit { record.setText(k, bytes) } else { setText(String(decoding: bytes, as: UTF8.self), field: k, in: &record) }
        case (.int(let v), .integer), (.int(let v), .double): try record.setInteger(k, v)
        case (.double(let v), .integer), (.double(let v), .double):
            if v.isFinite { try record.setDouble(k, v) } else { record.setNull(k) }
        case (.bool(let b), .boolean): record.setBool(k, b)
        case (.date(let d), .date): record.setDate(k, CalendarDate(daysSinceEpoch: d))
        case (.int(let v), _): try set(PropertyValue.int(v), field: k, kind: kind, in: &record)
        case (.double(let v), _): try set(PropertyValue.double(v), field: k, kind: kind, in: &record)
        case (.bool(let b), _): try set(PropertyValue.bool(b), field: k, kind: kind, in: &record)
        case (.date(let d), _): try set(PropertyValue.date(CalendarDate(daysSinceEpoch: d)), field: k, kind: kind, in: &record)
        }
    }

    /// Writes the attributes of every feature of `spools`, in order, formatted from the spools' bytes.
    private func writeAttributes(spools: [FeatureSpool]) throws -> Int {
        var n = 0
        for spool in spools {
            // Spool name index → field (-1: a property the schema does not hold).
            let fieldOf = spool.propertyNames.map { name in schema.fields.firstIndex { $0.name == name } ?? -1 }
            let kinds = schema.fields.map(\.kind)
            let placeholder = self.placeholder
            try spool.forEachProperties { props in
                dbfRow += 1
                n += 1
                if placeholder { try writeRecord { try $0.setInteger(0, Int(dbfRow - 1)) }; return }
                try writeRecord { record in
                    try props.forEach { name, value in
                        let k = fieldOf[name]
                        if k >= 0 { try set(value, field: k, kind: kinds[k], in: &record) }
                    }
                }
            }
        }
        return n
    }

    /// Writes every feature of `spools`, in order: the shapes (.shp, .shx) on one thread and the attributes (.dbf)
    /// on another, each reading the spools itself (the attributes straight from their bytes). The spools' appending
    /// must be over and flushed. Returns how many were written; the first error of either side is thrown.
    @discardableResult
    public func writeAll(spools: [FeatureSpool]) throws -> Int {
        try onTwoThreads(shapes: {
            var n = 0
            for spool in spools { try spool.forEachGeometry { g in try self.writeGeometry(g); n += 1 } }
            return n
        }, attributes: { try self.writeAttributes(spools: spools) })
    }

    /// Closes the files and writes the `.prj` and `<layer>.fields.csv`.
    public func finish() throws -> ShapefileWriteReport {
        close()
        for ext in [".shp", ".shx", ".dbf"] {
            if let code = ShapelibFileHooks.takeFailure(path: basePath + ext) {
                throw ShapefileWriteError.shapelib(path: basePath + ext, operation: "write (\(String(cString: strerror(code))))")
            }
        }
        try CoordinateTransformation.esriWKT(for: "EPSG:4326").write(toFile: basePath + ".prj", atomically: false, encoding: .utf8)
        var csv = "long_name,short_name,type\n"
        for ((long, short), f) in zip(report.fieldNames, schema.fields) {
            let quoted = long.contains(",") || long.contains("\"") ? "\"" + long.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : long
            csv += "\(quoted),\(short),\(f.kind.rawValue)\n"
        }
        try csv.write(toFile: basePath + ".fields.csv", atomically: false, encoding: .utf8)
        return report
    }
}
