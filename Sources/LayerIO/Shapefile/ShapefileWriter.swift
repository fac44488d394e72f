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
