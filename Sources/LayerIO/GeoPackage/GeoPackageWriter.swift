import CSQLite
import Foundation
import GeoCore

/// Writes OGC GeoPackage 1.3 files: several feature layers in one SQLite
/// file, each with its `gpkg_contents` extent, `gpkg_geometry_columns`
/// entry, standard GeoPackage binary geometries (header with envelope,
/// little-endian WKB, SRS 4326), an R-tree spatial index registered in
/// `gpkg_extensions` (with the specification's triggers), and, when given,
/// a QGIS style in `layer_styles` so QGIS opens the layer styled.
///
/// The file is created fresh at `path` (an existing file there is replaced);
/// run it inside an ``AtomicFolder`` for all-or-nothing output.
public final class GeoPackageWriter {
    public let path: String
    private let db: SQLiteDatabase
    private var hasStyles = false

    public init(path: String) throws {
        self.path = path
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        db = try SQLiteDatabase(path: path)
        try db.execute("PRAGMA application_id = 1196444487; PRAGMA user_version = 10300; PRAGMA journal_mode = DELETE;")
        try db.execute("""
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
              organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
              description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
              CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
              CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name),
              CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
              CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
            CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
              scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
            """)
        let insert = try db.prepare("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)")
        try insert.run([.text("Undefined cartesian SRS"), .int(-1), .text("NONE"), .int(-1), .text("undefined"), .text("undefined cartesian coordinate reference system")])
        try insert.run([.text("Undefined geographic SRS"), .int(0), .text("NONE"), .int(0), .text("undefined"), .text("undefined geographic coordinate reference system")])
        try insert.run([.text("WGS 84 geodetic"), .int(4326), .text("EPSG"), .int(4326), .text(try CoordinateTransformation.ogcWKT(for: "EPSG:4326")),
                        .text("longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid")])
    }

    /// Adds a feature layer. Polygons are promoted to multipolygons (and
    /// lines to multilines, points to multipoints) when the layer mixes single
    /// and multi forms, so the column has one declared type.
    public func addLayer(name: String, features: [Feature], schema: LayerSchema? = nil, description: String = "",
                         qml: String? = nil, sld: String? = nil) throws {
        let schema = schema ?? LayerSchema(inferring: features)
        let geometries = Self.harmonised(features.map(\.geometry))
        let typeName = geometries.compactMap { $0.map(WKB.typeName) }.first ?? "GEOMETRY"
        try addLayer(name: name, typeName: typeName, schema: schema, description: description, qml: qml, sld: sld) { row in
            for (i, f) in features.enumerated() { try row(geometries[i], f) }
        }
    }

    /// Adds a layer; a spooled one (points) is streamed from its spool, never held whole.
    public func addLayer(name: String, layer: LayerFeatures, description: String = "", qml: String? = nil, sld: String? = nil) throws {
        guard layer.isSpooled else {
            return try addLayer(name: name, features: layer.all(), schema: layer.schema, description: description, qml: qml, sld: sld)
        }
        try addLayer(name: name, typeName: "POINT", schema: layer.schema, description: description, qml: qml, sld: sld) { row in
            try layer.forEach { try row($0.geometry, $0) }
        }
    }

    /// The table, its rows (geometry as given, then the feature's properties
    /// by the schema), its R-tree, contents and geometry-column entries, in one transaction.
    private func addLayer(name: String, typeName: String, schema: LayerSchema, description: String, qml: String?, sld: String?,
                          rows: ((Geometry?, Feature) throws -> Void) throws -> Void) throws {
        let table = Self.quote(name)
        var columns = ["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL", "geom \(typeName)"]
        for f in schema.fields {
            let sqlType: String
            switch f.kind {
            case .string: sqlType = "TEXT"
            case .integer: sqlType = "INTEGER"
            case .double: sqlType = "REAL"
            case .boolean: sqlType = "BOOLEAN"
            case .date: sqlType = "DATE"
            }
            columns.append("\(Self.quote(f.name)) \(sqlType)")
        }
        try db.execute("BEGIN")
        try db.execute("CREATE TABLE \(table) (\(columns.joined(separator: ", ")))")
        // R-tree spatial index (GeoPackage extension gpkg_rtree_index), filled with the rows.
        let rtree = Self.quote("rtree_\(name)_geom")
        try db.execute("CREATE VIRTUAL TABLE \(rtree) USING rtree(id, minx, maxx, miny, maxy)")
        // The index is filled after the rows, packed at once (``RTreeBulkLoad``).
        var boxes: [RTreeEntry] = []
        let placeholders = Array(repeating: "?", count: schema.fields.count + 1).joined(separator: ", ")
        let names = (["geom"] + schema.fields.map { Self.quote($0.name) }).joined(separator: ", ")
        let insert = try db.prepare("INSERT INTO \(table) (\(names)) VALUES (\(placeholders))")
        var extent: BoundingBox?
        var fid: Int64 = 0
        var values: [SQLiteStatement.Value] = []
        try rows { geometry, f in
            fid += 1
            values.removeAll(keepingCapacity: true)
            var box: BoundingBox?
            if let g = geometry, let b = g.boundingBox {
                values.append(.blob(Self.blob(g, b)))
                box = b
                extent = extent.map { $0.union(b) } ?? b
            } else {
                values.append(.null)
            }
            for (k, field) in schema.fields.enumerated() {
                let props = f.properties
                let value = (k < props.count && props[k].name == field.name ? props[k].value : nil)
                    ?? props.first(where: { $0.name == field.name })?.value ?? .null
                switch value {
                case .null: values.append(.null)
                case .string(let s): values.append(.text(s))
                case .int(let v): values.append(field.kind == .double ? .double(Double(v)) : .int(Int64(v)))
                case .double(let v): values.append(v.isFinite ? .double(v) : .null)
                case .bool(let b): values.append(.int(b ? 1 : 0))
                case .date(let d): values.append(.text(d.description))
                }
            }
            try insert.run(values)
            if let b = box { boxes.append(RTreeEntry(fid: fid, box: b)) }
        }
        if let extent { try RTreeBulkLoad.fill(db, rtree: "rtree_\(name)_geom", entries: boxes, extent: extent) }
        let contents = try db.prepare("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, 4326)")
        try contents.run([.text(name), .text(name), .text(description),
                          extent.map { .double($0.minLongitude) } ?? .null, extent.map { .double($0.minLatitude) } ?? .null,
                          extent.map { .double($0.maxLongitude) } ?? .null, extent.map { .double($0.maxLatitude) } ?? .null])
        try db.prepare("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)").run([.text(name), .text(typeName)])
        try db.prepare("INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')").run([.text(name)])
        try db.execute(Self.rtreeTriggers(table: name))
        try db.execute("COMMIT")
        if let qml { try addStyle(layer: name, qml: qml, sld: sld) }
    }

    private func addStyle(layer: String, qml: String, sld: String?) throws {
        if !hasStyles {
            // QGIS's own layer_styles table, plus an always-NULL `geom`
            // column registered as a features table. Why registered: GDAL
            // 3.6 (what QGIS 3.22 on Debian 12 opens GeoPackages with) only
            // finds tables listed in gpkg_contents, and QGIS looks the style
            // table up through GDAL, so an unregistered table leaves the
            // GeoPackage unstyled. Why a features table rather than
            // 'attributes': readers that count the features of registered
            // feature tables (as strict checkers do) then count what GDAL
            // counts. QGIS loads and saves styles in it as usual.
            try db.execute("""
                CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256),
                  f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT,
                  useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
                  update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), geom GEOMETRY);
                INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
                  VALUES ('layer_styles', 'features', 'layer_styles', 'QGIS styles of the layers (no geometry)', 4326);
                INSERT INTO gpkg_geometry_columns VALUES ('layer_styles', 'geom', 'GEOMETRY', 4326, 0, 0);
                """)
            hasStyles = true
        }
        try db.prepare("INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, ui) VALUES ('', '', ?, 'geom', ?, ?, ?, 1, 'IncidentMap default style', '', NULL)")
            .run([.text(layer), .text(layer), .text(qml), .text(sld ?? "")])
    }

    /// Closes the file.
    public func finish() throws {
        try db.execute("PRAGMA foreign_keys = ON; ANALYZE;")
        db.close()
    }

    // MARK: Encoding

    static func quote(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// GeoPackage binary: "GP", version 0, flags (envelope [minx,maxx,miny,maxy], little-endian), srs_id 4326, envelope, WKB.
    static func blob(_ g: Geometry, _ box: BoundingBox) -> [UInt8] {
        var out: [UInt8] = [0x47, 0x50, 0x00, 0b0000_0011]
        withUnsafeBytes(of: Int32(4326).littleEndian) { out.append(contentsOf: $0) }
        for v in [box.minLongitude, box.maxLongitude, box.minLatitude, box.maxLatitude] {
            withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        }
        out.append(contentsOf: WKB.encode(g))
        return out
    }

    static func harmonised(_ gs: [Geometry?]) -> [Geometry?] {
        let hasMultiPolygon = gs.contains { if case .multiPolygon? = $0 { true } else { false } }
        let hasMultiLine = gs.contains { if case .multiLineString? = $0 { true } else { false } }
        let hasMultiPoint = gs.contains { if case .multiPoint? = $0 { true } else { false } }
        return gs.map { g in
            switch g {
            case .polygon(let p)? where hasMultiPolygon: .multiPolygon(MultiPolygon([p]))
            case .lineString(let l)? where hasMultiLine: .multiLineString(MultiLineString([l]))
            case .point(let p)? where hasMultiPoint: (try? MultiPoint([p.coordinate])).map { .multiPoint($0) } ?? g
            case .geometryCollection(let parts)? where parts.allSatisfy(\.isAreal): .multiPolygon(MultiPolygon(parts.flatMap(\.polygons)))
            default: g
            }
        }
    }

    /// The R-tree triggers of the GeoPackage 1.3 specification (Annex F.3).
    static func rtreeTriggers(table t: String) -> String {
        let T = quote(t), R = quote("rtree_\(t)_geom")
        func name(_ suffix: String) -> String { quote("rtree_\(t)_geom_\(suffix)") }
        return """
            CREATE TRIGGER \(name("insert")) AFTER INSERT ON \(T) WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
            BEGIN INSERT OR REPLACE INTO \(R) VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)); END;
            CREATE TRIGGER \(name("update1")) AFTER UPDATE OF geom ON \(T) WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
            BEGIN INSERT OR REPLACE INTO \(R) VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)); END;
            CREATE TRIGGER \(name("update2")) AFTER UPDATE OF geom ON \(T) WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
            BEGIN DELETE FROM \(R) WHERE id = OLD.fid; END;
            CREATE TRIGGER \(name("update3")) AFTER UPDATE ON \(T) WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
            BEGIN DELETE FROM \(R) WHERE id = OLD.fid; INSERT OR REPLACE INTO \(R) VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)); END;
            CREATE TRIGGER \(name("update4")) AFTER UPDATE ON \(T) WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
            BEGIN DELETE FROM \(R) WHERE id IN (OLD.fid, NEW.fid); END;
            CREATE TRIGGER \(name("delete")) AFTER DELETE ON \(T) WHEN old.geom NOT NULL
            BEGIN DELETE FROM \(R) WHERE id = OLD.fid; END;
            """
    }
}
