import GeoCore
import LayerIO

/// The SQL of one layer's table: columns from the layer's inferred schema,
/// the statements that create, load and upsert it, and its COPY rows.
struct LayerTable {
    static let staging = "incidentmap_load"

    let schema: String
    let name: String
    let fields: [LayerSchema.Field]
    /// Column names (properties renamed away from `fid` and `geom`).
    let columns: [String]

    init(schema: String, name: String, fields: [LayerSchema.Field]) {
        self.schema = schema
        self.name = name
        self.fields = fields
        columns = fields.map { ["fid", "geom"].contains($0.name.lowercased()) ? $0.name + "_property" : $0.name }
    }

    /// Stable ids, unique within the layer: the feature's id, else its
    /// 1-based position; a repeated id gets `#position` appended.
    struct IDs {
        private var seen = Set<String>()
        mutating func id(of f: Feature, position i: Int) -> String {
            var id = f.id?.description ?? String(i + 1)
            if seen.contains(id) { id = "\(id)#\(i + 1)" }
            seen.insert(id)
            return id
        }
    }

    var qualifiedName: String { CopyText.identifier(schema) + "." + CopyText.identifier(name) }

    static func sqlType(_ k: LayerSchema.Kind) -> (ddl: String, udt: String) {
        switch k {
        case .string: ("text", "text")
        case .integer: ("bigint", "int8")
        case .double: ("double precision", "float8")
        case .boolean: ("boolean", "bool")
        case .date: ("date", "date")
        }
    }

    /// (column, udt_name) as information_schema reports them, in order.
    var columnSignature: [(String, String)] {
        [("fid", "text")] + zip(columns, fields).map { ($0, Self.sqlType($1.kind).udt) } + [("geom", "geometry")]
    }

    var createTable: String {
        let cols = zip(columns, fields).map { "\(CopyText.identifier($0)) \(Self.sqlType($1.kind).ddl)" }
        return "CREATE TABLE IF NOT EXISTS \(qualifiedName) (fid text PRIMARY KEY" + cols.map { ", " + $0 }.joined()
            + ", geom geometry(Geometry, 4326))"
    }

    var createIndex: String {
        "CREATE INDEX IF NOT EXISTS \(CopyText.identifier(name + "_geom_gist")) ON \(qualifiedName) USING GIST (geom)"
    }

    /// Same columns as the table, no constraints: rows are COPYed here, then upserted.
    var createStaging: String { "CREATE TEMP TABLE \(Self.staging) (LIKE \(qualifiedName))" }

    var upsert: String {
        let names = columns.map(CopyText.identifier)
        let list = (["fid"] + names + ["geom"]).joined(separator: ", ")
        let update = (names + ["geom"]).map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(qualifiedName) (\(list)) SELECT \(list) FROM \(Self.staging) ON CONFLICT (fid) DO UPDATE SET \(update)"
    }

    /// One COPY text row: fid, the properties in column order, the geometry as hex EWKB.
    func appendRow(_ f: Feature, position i: Int, ids: inout IDs, to out: inout [UInt8]) {
        CopyText.appendEscaped(ids.id(of: f, position: i), to: &out)
        for (k, field) in fields.enumerated() {
            out.append(0x09)
            // Features of a layer usually list their properties in the schema's order.
            let value = k < f.properties.count && f.properties[k].name == field.name
                ? f.properties[k].value : (f.properties.first { $0.name == field.name }?.value ?? .null)
            switch (field.kind, value) {
            case (.string, .null): CopyText.append(.null, to: &out)
            case (.string, let v): CopyText.appendEscaped(v.description, to: &out)  // mixed columns are text
            case (.double, .int(let n)): CopyText.append(.double(Double(n)), to: &out)
            default: CopyText.append(value, to: &out)
            }
        }
        out.append(0x09)
        if let g = f.geometry { CopyText.appendHexEWKB(g, to: &out) } else { CopyText.append(.null, to: &out) }
        out.append(0x0A)
    }
}
