import Foundation
import GeoCore
import LayerIO

/// Reads features out of PostGIS tables with indexed SQL, for serving them
/// (`serve --from postgresql://…`): a pool of connections, tables described
/// once (columns, count, extent, date range), pages selected with a bounding
/// box (`&&`, the GiST index), a date range, property equalities, and keyset
/// paging on `fid` (no `OFFSET` scans through skipped rows).
public final class PostGISFeatureReader: Sendable {
    public let target: PostgresTarget
    public let schema: String
    private let pool: PGConnectionPool

    /// One table as a layer.
    public struct Table: Sendable {
        public let name: String
        /// Property columns (besides fid and geom), in table order.
        public let columns: [(name: String, kind: LayerSchema.Kind)]
        public let count: Int
        /// Extent of the geometries (lon/lat), nil when empty.
        public let extent: BoundingBox?
        /// The date column filtered by `datetime` (event_date, date, as_of or last_date), and its range.
        public let temporalColumn: String?
        public let interval: (CalendarDate, CalendarDate)?
    }

    /// What a page asks for. `bbox` is (west, south, east, north); west > east crosses the antimeridian.
    public struct Query: Sendable {
        public var bbox: (west: Double, south: Double, east: Double, north: Double)?
        public var dates: (start: CalendarDate?, end: CalendarDate?)?
        public var equals: [String: String] = [:]
        /// Keyset: features whose fid sorts after this one (byte order).
        public var after: String?
        /// Only for the first 10,000 rows; beyond, keyset paging.
        public var offset = 0
        public var limit = 100
        public init() {}
    }

    public static let maximumOffset = 10_000

    /// Connects lazily (a pool of up to `connections`; each statement limited to `statementTimeout` seconds, every
    /// transaction read-only).
    public init(target: PostgresTarget, schema: String = "public", connections: Int = 4, statementTimeout: Double = 10) {
        self.target = target
        self.schema = schema
        let settings = [("options", "-c statement_timeout=\(Int(statementTimeout * 1000)) -c default_transaction_read_only=on")]
        pool = PGConnectionPool(maximum: connections) { try PGConnection(parameters: target.connectionParameters(settings)) }
    }

    deinit { pool.close() }

    public func close() { pool.close() }

    private func rows(_ sql: String, _ parameters: [String?] = [], during: String) async throws -> [[String?]] {
        do {
            return try await pool.withConnection { try $0.execute(sql, parameters: parameters).map(\.values) }
        } catch {
            // The pool connects on first use: a server that cannot be reached is said as when connecting.
            if let p = error as? PGFailure, p.sqlState == nil, p.connectionLost { throw PostGISSession.connectionError(p, target: target) }
            throw PostGISSession.error(error, target: target, during: during)
        }
    }

    /// The tables of the schema that have a `geom` geometry column and a `fid` column, described.
    public func tables() async throws -> [Table] {
        // One plain connection first: the pool retries an unreachable server forever, this one fails
        // within 10 s with what to do (server down, wrong password, no PostGIS).
        try PostGISSession.open(target).requirePostGIS()
        let cols = try await rows("""
            SELECT table_name::text, column_name::text, udt_name::text FROM information_schema.columns
            WHERE table_schema = $1 ORDER BY table_name, ordinal_position
            """, [schema], during: "listing the tables of \(schema)")
        var byTable: [(String, [(String, String)])] = []
        for r in cols {
            guard let t = r[0], let c = r[1], let u = r[2] else { continue }
            if byTable.last?.0 != t { byTable.append((t, [])) }
            byTable[byTable.count - 1].1.append((c, u))
        }
        var out: [Table] = []
        for (name, columns) in byTable where columns.contains(where: { $0 == ("geom", "geometry") }) && columns.contains(where: { $0.0 == "fid" }) {
            let props: [(String, LayerSchema.Kind)] = columns.filter { $0.0 != "fid" && $0.0 != "geom" }.compactMap { c in
                switch c.1 {
                case "text", "varchar", "bpchar": (c.0, .string)
                case "int8", "int4", "int2": (c.0, .integer)
                case "float8", "float4", "numeric": (c.0, .double)
                case "bool": (c.0, .boolean)
                case "date": (c.0, .date)
                default: nil
                }
            }
            let temporal = ["event_date", "date", "as_of", "last_date"].first { t in props.contains { $0.0 == t && $0.1 == .date } }
            let q = qualified(name)
            let dateSQL = temporal.map { "min(\(CopyText.identifier($0)))::text AS lo, max(\(CopyText.identifier($0)))::text AS hi" } ?? "NULL AS lo, NULL AS hi"
            let stats = try await rows("SELECT n::text, ST_XMin(e)::text, ST_YMin(e)::text, ST_XMax(e)::text, ST_YMax(e)::text, lo, hi "
                                       + "FROM (SELECT count(*) AS n, ST_Extent(geom) AS e, \(dateSQL) FROM \(q)) x", during: "describing \(schema).\(name)")
            let s = stats.first ?? []
            let box: BoundingBox? = s.count >= 5 ? zip4(s[1], s[2], s[3], s[4]).map {
                BoundingBox(minLongitude: $0, minLatitude: $1, maxLongitude: $2, maxLatitude: $3)
            } : nil
            let interval: (CalendarDate, CalendarDate)? = s.count >= 7
                ? s[5].flatMap(CalendarDate.init(iso8601:)).flatMap { lo in s[6].flatMap(CalendarDate.init(iso8601:)).map { (lo, $0) } } : nil
            out.append(Table(name: name, columns: props, count: Int(s.first.flatMap { $0 } ?? "0") ?? 0, extent: box,
                             temporalColumn: temporal, interval: interval))
        }
        return out
    }

    private func zip4(_ a: String?, _ b: String?, _ c: String?, _ d: String?) -> (Double, Double, Double, Double)? {
        guard let a = a.flatMap(Double.init), let b = b.flatMap(Double.init), let c = c.flatMap(Double.init), let d = d.flatMap(Double.init) else { return nil }
        return (a, b, c, d)
    }

    private func qualified(_ table: String) -> String { CopyText.identifier(schema) + "." + CopyText.identifier(table) }

    /// A page of features in fid order (byte order) and how many match in all.
    public func page(_ table: Table, _ q: Query) async throws -> (features: [Feature], matched: Int) {
        var binds: [String?] = []
        var terms: [String] = []
        // Parameters go as text, cast by the server where the column needs it ($1::float8).
        func bind(_ v: String) -> String { binds.append(v); return "$\(binds.count)" }
        func bind(_ v: Double) -> String { binds.append(String(v)); return "$\(binds.count)::float8" }
        if let b = q.bbox {
            // `&&` finds candidates with the GiST index (its boxes are float4, rounded outwards); the
            // exact test is the feature's bounding box against the query box, as for layers in memory.
            let (w, s, e, n) = (bind(b.west), bind(b.south), bind(b.east), bind(b.north))
            if b.west <= b.east {
                terms.append("geom && ST_MakeEnvelope(\(w), \(s), \(e), \(n), 4326) AND ST_XMax(geom) >= \(w) AND ST_XMin(geom) <= \(e)")
            } else {
                terms.append("(geom && ST_MakeEnvelope(\(w), \(s), 180, \(n), 4326) OR geom && ST_MakeEnvelope(-180, \(s), \(e), \(n), 4326))"
                             + " AND (ST_XMax(geom) >= \(w) OR ST_XMin(geom) <= \(e))")
            }
            terms.append("ST_YMax(geom) >= \(s) AND ST_YMin(geom) <= \(n)")
        }
        if let d = q.dates, let column = table.temporalColumn {
            let c = CopyText.identifier(column)
            terms.append("\(c) IS NOT NULL")
            if let s = d.start { terms.append("\(c) >= \(bind(s.description))::date") }
            if let e = d.end { terms.append("\(c) <= \(bind(e.description))::date") }
        }
        for (name, value) in q.equals.sorted(by: { $0.key < $1.key }) {
            guard let column = table.columns.first(where: { $0.name == name }) else { continue }
            let c = CopyText.identifier(name)
            switch column.kind {
            case .boolean: terms.append("(CASE WHEN \(c) THEN 'true' ELSE 'false' END) = \(bind(value))")
            case .double:
                if let v = Double(value) { terms.append("\(c) = \(bind(v))") } else { terms.append("FALSE") }
            default: terms.append("\(c)::text = \(bind(value))")
            }
        }
        let filter = terms.isEmpty ? "TRUE" : terms.joined(separator: " AND ")
        let countBinds = binds
        var pageFilter = filter
        if let after = q.after { pageFilter += " AND fid > \(bind(after))" }
        let select = (["fid", "encode(ST_AsBinary(geom), 'hex')"] + table.columns.map { CopyText.identifier($0.name) + "::text" }).joined(separator: ", ")
        let sql = "SELECT \(select) FROM \(qualified(table.name)) WHERE \(pageFilter) ORDER BY fid "
            + "LIMIT \(max(0, q.limit)) OFFSET \(max(0, q.offset))"
        let features = try await rows(sql, binds, during: "reading \(schema).\(table.name)").map { try Self.feature($0, table) }
        let matched: Int
        if terms.isEmpty {
            matched = table.count
        } else {
            matched = Int(try await rows("SELECT count(*)::text FROM \(qualified(table.name)) WHERE \(filter)", countBinds,
                                         during: "counting \(schema).\(table.name)").first?.first??.description ?? "0") ?? 0
        }
        return (features, matched)
    }

    /// One feature by its fid.
    public func feature(_ table: Table, id: String) async throws -> Feature? {
        let binds: [String?] = [id]
        let select = (["fid", "encode(ST_AsBinary(geom), 'hex')"] + table.columns.map { CopyText.identifier($0.name) + "::text" }).joined(separator: ", ")
        return try await rows("SELECT \(select) FROM \(qualified(table.name)) WHERE fid = $1", binds, during: "reading \(schema).\(table.name)")
            .first.map { try Self.feature($0, table) }
    }

    static func feature(_ row: [String?], _ table: Table) throws -> Feature {
        let geometry = try row[1].map { hex in try WKBReader.decode(Self.bytes(hex: hex)) }
        var props: [Property] = []
        for (k, c) in table.columns.enumerated() {
            guard let text = row[k + 2] else { props.append(Property(c.name, .null)); continue }
            let value: PropertyValue
            switch c.kind {
            case .string: value = .string(text)
            case .integer: value = Int(text).map { .int($0) } ?? .string(text)
            case .double: value = Double(text).map { .double($0) } ?? .string(text)
            case .boolean: value = .bool(text == "t" || text == "true")
            case .date: value = CalendarDate(iso8601: text).map { .date($0) } ?? .string(text)
            }
            props.append(Property(c.name, value))
        }
        return Feature(id: .string(row[0] ?? ""), geometry: geometry, properties: props)
    }

    static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for c in hex.utf8 {
            let v: UInt8 = c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        return out
    }
}
