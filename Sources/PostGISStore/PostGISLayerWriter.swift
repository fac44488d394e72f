import Foundation
import GeoCore
import LayerIO

/// Writes layers into PostGIS, all in one transaction (all or nothing):
/// one table per layer in `schema`, with `fid text PRIMARY KEY` (the
/// feature's stable id), typed columns (text, bigint, double precision,
/// boolean, date), `geom geometry(Geometry, 4326)` and a GiST index.
/// Rows are bulk-loaded with `COPY` into a temporary table, then upserted by
/// `fid`, so re-running the same job updates rows in place. A table of the
/// same name with other columns is refused unless `replace` (drop and
/// recreate). A load cut short (connection lost, process killed) leaves
/// nothing: the transaction never commits.
public struct PostGISLayerWriter: Sendable {
    public let target: PostgresTarget
    public let schema: String
    public let replace: Bool

    public struct Report: Sendable {
        /// Rows written per layer, in the order given.
        public var rows: [(layer: String, rows: Int)] = []
    }

    public init(target: PostgresTarget, schema: String = "public", replace: Bool = false) {
        self.target = target
        self.schema = schema
        self.replace = replace
    }

    /// A layer's rows: its column schema and a way to produce its features
    /// in order (called once). Layers held in memory use ``init(name:features:)``;
    /// streams too large for memory pass a replay of a spool.
    public struct LayerSource {
        public let name: String
        public let schema: LayerSchema
        public let forEach: ((Feature) throws -> Void) throws -> Void

        public init(name: String, schema: LayerSchema, forEach: @escaping ((Feature) throws -> Void) throws -> Void) {
            self.name = name
            self.schema = schema
            self.forEach = forEach
        }

        public init(name: String, features: [Feature]) {
            self.init(name: name, schema: LayerSchema(inferring: features)) { body in for f in features { try body(f) } }
        }
    }

    public func write(_ layers: [(name: String, features: [Feature])]) async throws -> Report {
        try await write(sources: layers.map { LayerSource(name: $0.name, features: $0.features) })
    }

    /// Writes the layers. Each layer's COPY rows are first encoded into a
    /// temporary file (so that any feature source, however large, is read
    /// once and streamed to the server in 1 MiB chunks), then loaded.
    /// The work blocks the calling thread (libpq is synchronous): call it from a command's task, not from a
    /// server's request handler.
    public func write(sources: [LayerSource]) async throws -> Report {
        for l in sources where !Self.validName(l.name) { throw PostGISError.badLayerName(l.name) }
        guard Self.validName(schema) else { throw PostGISError.badLayerName(schema) }
        let session = try PostGISSession.open(target)
        do {
            return try write(sources, session: session)
        } catch {
            try? session.run("ROLLBACK", during: "rolling back")
            throw error
        }
    }

    private func write(_ sources: [LayerSource], session: PostGISSession) throws -> Report {
        try session.requirePostGIS()
        try session.run("BEGIN", during: "starting the transaction")
        try session.run("CREATE SCHEMA IF NOT EXISTS \(CopyText.identifier(schema))", during: "creating schema \(schema)")
        var report = Report()
        let plans = sources.map { LayerTable(schema: schema, name: $0.name, fields: $0.schema.fields) }
        // Check every table before changing any. New (or recreated) tables are
        // loaded straight with COPY and indexed afterwards; existing ones through
        // a load table and an upsert by fid.
        var fresh: [Bool] = []
        for plan in plans {
            fresh.append(true)
            let existing = try session.columns(schema: schema, table: plan.name)
            if !existing.isEmpty { fresh[fresh.count - 1] = false }
            if !existing.isEmpty, existing.map({ "\($0.0) \($0.1)" }) != plan.columnSignature.map({ "\($0.0) \($0.1)" }) {
                guard replace else {
                    throw PostGISError.tableMismatch(table: plan.qualifiedName, existing: existing.map { "\($0.0) \($0.1)" },
                                                     wanted: plan.columnSignature.map { "\($0.0) \($0.1)" })
                }
                try session.run("DROP TABLE \(plan.qualifiedName)", during: "dropping \(plan.qualifiedName)")
                fresh[fresh.count - 1] = true
            }
        }
        for (k, (plan, source)) in zip(plans, sources).enumerated() {
            let rows = try CopyFile(plan: plan, source: source)
            defer { rows.remove() }
            try session.run(plan.createTable, during: "creating \(plan.qualifiedName)")
            func load(into table: String) throws {
                try session.copy(table: table, during: "loading \(plan.name)") { writer in
                    try rows.stream { chunk in
                        try writer.write(chunk)
                        CrashPoint.reached("copy")
                    }
                }
            }
            if fresh[k] {
                try session.run("SET LOCAL search_path TO \(CopyText.identifier(schema)), public", during: "choosing schema \(schema)")
                try load(into: plan.name)
                try session.run("SET LOCAL search_path TO DEFAULT", during: "resetting the search path")
            } else {
                try session.run(plan.createStaging, during: "creating the load table for \(plan.name)")
                try load(into: LayerTable.staging)
                try session.run(plan.upsert, during: "storing \(plan.name)")
                try session.run("DROP TABLE \(LayerTable.staging)", during: "dropping the load table")
            }
            try session.run(plan.createIndex, during: "indexing \(plan.qualifiedName)")
            report.rows.append((plan.name, rows.count))
        }
        CrashPoint.reached("before-commit")
        try session.run("COMMIT", during: "committing")
        return report
    }

    /// Lower-case letters, digits and `_`, not starting with a digit, ≤ 63 bytes.
    static func validName(_ s: String) -> Bool {
        guard let first = s.utf8.first, s.utf8.count <= 63, !(0x30...0x39).contains(first) else { return false }
        return s.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }
}
