import Foundation
import GeoCore

/// Reads the feature tables of an OGC GeoPackage (`.gpkg`): the layers `gpkg_contents` lists with data type
/// `features`, their geometry blobs (the "GP" header, then WKB; Z and M dropped) and their columns, typed as the
/// table declares them (INTEGER → int, REAL → double, BOOLEAN → bool, DATE → date, the rest text). Geometry in
/// another CRS than WGS 84 is reprojected with PROJ from the layer's `gpkg_spatial_ref_sys` entry. The file is
/// opened read-only. Axis order out: longitude, latitude.
public enum GeoPackageReader {
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case notAGeoPackage(path: String, reason: String)
        case noSuchLayer(path: String, layer: String, layers: [String])
        case severalLayers(path: String, layers: [String])
        case badGeometry(path: String, layer: String, feature: Int64, reason: String)
        case unreadableCRS(path: String, layer: String, srsID: Int64, reason: String)

        public var description: String {
            switch self {
            case .notAGeoPackage(let p, let r): "\(p): not a GeoPackage (\(r))"
            case .noSuchLayer(let p, let l, let ls):
                "\(p): no feature layer '\(l)'; it holds \(ls.isEmpty ? "none" : ls.joined(separator: ", "))"
            case .severalLayers(let p, let ls):
                "\(p): holds \(ls.count) feature layers (\(ls.joined(separator: ", "))); name one as \(p)|layername=\(ls[0])"
            case .badGeometry(let p, let l, let f, let r): "\(p): layer \(l), feature \(f): \(r)"
            case .unreadableCRS(let p, let l, let s, let r): "\(p): layer \(l): spatial reference \(s) cannot be used (\(r))"
            }
        }
    }

    /// One feature table as `gpkg_contents` and `gpkg_geometry_columns` describe it.
    public struct Layer: Equatable, Sendable {
        public let name: String
        public let geometryColumn: String
        public let geometryType: String
        public let srsID: Int64
    }

    /// A path with QGIS's layer suffix split off: `zones.gpkg|layername=zones` → (`zones.gpkg`, `zones`).
    public static func split(_ path: String) -> (path: String, layer: String?) {
        guard let bar = path.range(of: "|layername=", options: .backwards) else { return (path, nil) }
        return (String(path[..<bar.lowerBound]), String(path[bar.upperBound...]))
    }

    /// The feature layers, in `gpkg_contents` order (by table name).
    public static func layers(path: String) throws -> [Layer] {
        let db = try open(path)
        return try layers(db)
    }

    /// One layer's features: `layer` names it; `nil` reads the only one (several: an error naming them).
    public static func read(path: String, layer: String? = nil) throws -> FeatureCollection {
        let db = try open(path)
        let all = try layers(db)
        let chosen: Layer
        if let layer {
            guard let l = all.first(where: { $0.name == layer }) ?? all.first(where: { $0.name.lowercased() == layer.lowercased() }) else {
                throw Error.noSuchLayer(path: path, layer: layer, layers: all.map(\.name))
            }
            chosen = l
        } else {
            guard all.count == 1 else {
                if all.isEmpty { throw Error.noSuchLayer(path: path, layer: "(any)", layers: []) }
                throw Error.severalLayers(path: path, layers: all.map(\.name))
            }
            chosen = all[0]
        }
        return try features(db, chosen)
    }

    private static func open(_ path: String) throws -> SQLiteDatabase {
        guard FileManager.default.fileExists(atPath: path) else { throw LayerReader.Error.notFound(path: path) }
        let db: SQLiteDatabase
        do { db = try SQLiteDatabase(path: path, readOnly: true) } catch let e as SQLiteError {
            throw Error.notAGeoPackage(path: path, reason: e.message)
        }
        do {
            _ = try db.firstText("SELECT count(*) FROM gpkg_contents")
        } catch let e as SQLiteError {
            throw Error.notAGeoPackage(path: path, reason: e.message)
        }
        return db
    }

    private static func layers(_ db: SQLiteDatabase) throws -> [Layer] {
        let s = try db.prepare("""
            SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id FROM gpkg_contents c
            JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
            WHERE c.data_type = 'features' ORDER BY c.table_name
            """)
        return try s.rows().compactMap { row in
            guard case .text(let name) = row[0], case .text(let column) = row[1] else { return nil }
            let type = if case .text(let t) = row[2] { t } else { "GEOMETRY" }
            let srs: Int64 = if case .int(let i) = row[3] { i } else { 0 }
            return Layer(name: name, geometryColumn: column, geometryType: type, srsID: srs)
        }
    }

    private enum Kind { case int, double, bool, date, text }

    private static func features(_ db: SQLiteDatabase, _ layer: Layer) throws -> FeatureCollection {
        let q = GeoPackageWriter.quote
        // Columns in table order, typed by their declarations; the primary key is the feature id.
        var columns: [(name: String, kind: Kind)] = []
        var key: String?
        for row in try db.prepare("PRAGMA table_info(\(q(layer.name)))").rows() {
            guard case .text(let name) = row[1] else { continue }
            let declared = if case .text(let t) = row[2] { t.uppercased() } else { "" }
            if case .int(let pk) = row[5], pk == 1, declared.hasPrefix("INT"), key == nil { key = name; continue }
            if name == layer.geometryColumn { continue }
            let kind: Kind =
                if declared.hasPrefix("BOOL") { .bool }
                else if declared.contains("INT") { .int }
                else if ["REAL", "FLOAT", "DOUBLE", "NUMERIC"].contains(where: declared.hasPrefix) { .double }
                else if declared == "DATE" { .date }
                else { .text }
            columns.append((name, kind))
        }
        let transformation = try transformation(db, layer)
        let select = ([key ?? "rowid", layer.geometryColumn] + columns.map(\.name)).map(q).joined(separator: ", ")
        let s = try db.prepare("SELECT \(select) FROM \(q(layer.name)) ORDER BY \(q(key ?? "rowid"))")
        var out: [Feature] = []
        while try s.step() {
            let fid: Int64 = if case .int(let i) = s.column(0) { i } else { Int64(out.count + 1) }
            var geometry: Geometry?
            if case .blob(let b) = s.column(1) {
                do {
                    geometry = try decode(blob: b, transform: transformation.map { t in { try t.transform($0) } })
                } catch {
                    throw Error.badGeometry(path: db.path, layer: layer.name, feature: fid, reason: String(describing: error))
                }
            }
            var properties: [Property] = []
            properties.reserveCapacity(columns.count)
            for (k, c) in columns.enumerated() {
                properties.append(Property(c.name, value(s.column(Int32(k + 2)), c.kind)))
            }
            out.append(Feature(id: .int(Int(fid)), geometry: geometry, properties: properties))
        }
        return FeatureCollection(out)
    }

    private static func value(_ v: SQLiteStatement.Value, _ kind: Kind) -> PropertyValue {
        switch (v, kind) {
        case (.null, _): .null
        case (.int(let i), .bool): .bool(i != 0)
        case (.int(let i), .double): .double(Double(i))
        case (.int(let i), _): .int(Int(i))
        case (.double(let d), .int) where d == d.rounded() && abs(d) < 9e15: .int(Int(d))
        case (.double(let d), _): .double(d)
        case (.text(let t), .date): CalendarDate(iso8601: t.prefix(10)).map(PropertyValue.date) ?? .string(t)
        case (.text(let t), .int): Int(t).map(PropertyValue.int) ?? .string(t)
        case (.text(let t), .double): Double(t).map(PropertyValue.double) ?? .string(t)
        case (.text(let t), _): .string(t)
        case (.blob(let b), _): .string(b.map { String(format: "%02x", $0) }.joined())
        }
    }

    /// `nil` for WGS 84 longitude/latitude (EPSG:4326, or an undefined SRS 0 / −1, which GeoPackage readers take as
    /// geographic); otherwise the transformation from the layer's definition to EPSG:4326.
    private static func transformation(_ db: SQLiteDatabase, _ layer: Layer) throws -> CoordinateTransformation? {
        guard layer.srsID != 4326, layer.srsID > 0 else { return nil }
        let s = try db.prepare("SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = \(layer.srsID)")
        guard try s.step() else {
            throw Error.unreadableCRS(path: db.path, layer: layer.name, srsID: layer.srsID, reason: "not in gpkg_spatial_ref_sys")
        }
        var source: String?
        if case .text(let org) = s.column(0), case .int(let code) = s.column(1), org.uppercased() == "EPSG" {
            if code == 4326 { return nil }
            source = "EPSG:\(code)"
        }
        if source == nil, case .text(let wkt) = s.column(2), wkt.lowercased() != "undefined" { source = wkt }
        guard let source else {
            throw Error.unreadableCRS(path: db.path, layer: layer.name, srsID: layer.srsID, reason: "no EPSG code and no definition")
        }
        do { return try CoordinateTransformation(from: source, to: "EPSG:4326") } catch {
            throw Error.unreadableCRS(path: db.path, layer: layer.name, srsID: layer.srsID, reason: String(describing: error))
        }
    }

    /// A GeoPackage geometry blob: "GP", version, flags (byte order of the header, envelope size, empty), SRS id,
    /// envelope, then WKB. An empty geometry is `nil`.
    static func decode(blob b: [UInt8], transform: (([Coordinate]) throws -> [Coordinate])? = nil) throws -> Geometry? {
        guard b.count >= 8, b[0] == 0x47, b[1] == 0x50 else { throw WKBReader.Malformed(offset: 0, reason: "no GeoPackage 'GP' header") }
        let flags = b[3]
        let envelopeBytes: Int
        switch (flags >> 1) & 0x7 {
        case 0: envelopeBytes = 0
        case 1: envelopeBytes = 32
        case 2, 3: envelopeBytes = 48
        case 4: envelopeBytes = 64
        default: throw WKBReader.Malformed(offset: 3, reason: "bad envelope indicator")
        }
        if flags & 0x10 != 0 { return nil }  // empty
        let start = 8 + envelopeBytes
        guard b.count > start else { throw WKBReader.Malformed(offset: 8, reason: "truncated after the header") }
        return try WKBReader.decode(Array(b[start...]), transform: transform)
    }
}
