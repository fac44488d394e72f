import Foundation
import Logging
import NIOCore
import PostgresNIO

/// One connection to the target, with errors turned into ``PostGISError``s
/// that say what to do (and never show the password).
final class PostGISSession: Sendable {
    let target: PostgresTarget
    let connection: PostgresConnection
    static let logger = Logger(label: "incidentmap.postgis")

    private init(target: PostgresTarget, connection: PostgresConnection) {
        self.target = target
        self.connection = connection
    }

    static func open(_ target: PostgresTarget) async throws -> PostGISSession {
        var configuration = PostgresConnection.Configuration(host: target.host, port: target.port, username: target.user,
                                                             password: target.password, database: target.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(10)
        do {
            let c = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return PostGISSession(target: target, connection: c)
        } catch let e as PSQLError {
            let code = e.serverInfo?[.sqlState] ?? ""
            var message = e.serverInfo?[.message] ?? Self.describe(e)
            if e.serverInfo == nil, message.contains("connectionRefused") || message.contains("refused") {
                message = "connection refused (is PostgreSQL running and listening on \(target.host):\(target.port)?)"
            } else if e.serverInfo == nil, message.lowercased().contains("timeout") || message.contains("timedOut") {
                message = "no answer within 10 s from \(target.host):\(target.port)"
            }
            if code == "28P01" || code == "28000" { throw PostGISError.authentication(target: target.description, reason: message) }
            throw PostGISError.unreachable(target: target.description, reason: message)
        } catch {
            throw PostGISError.unreachable(target: target.description, reason: String(describing: error))
        }
    }

    func close() async throws { try await connection.close() }

    static func describe(_ e: PSQLError) -> String {
        if let m = e.serverInfo?[.message] { return m }
        if let u = e.underlying { return String(describing: u) }
        return "\(e.code)"
    }

    private func fail(_ e: Error, during: String) -> PostGISError {
        if let e = e as? PostGISError { return e }
        if let p = e as? PSQLError { return .server(target: target.description, during: during, message: Self.describe(p)) }
        return .server(target: target.description, during: during, message: String(describing: e))
    }

    func run(_ sql: String, during: String) async throws {
        do { try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger) } catch { throw fail(error, during: during) }
    }

    /// Rows of text columns.
    func rows(_ sql: String, during: String) async throws -> [[String?]] {
        do {
            var out: [[String?]] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger) {
                out.append(try row.map { cell in try cell.decode(String?.self) })
            }
            return out
        } catch { throw fail(error, during: during) }
    }

    /// Streams the rows of a query to `body`, one at a time (nothing is collected).
    func forEachRow(_ sql: String, during: String, _ body: (PostgresRow) throws -> Void) async throws {
        do {
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger) { try body(row) }
        } catch { throw fail(error, during: during) }
    }

    func requirePostGIS() async throws {
        let r = try await rows("SELECT extversion FROM pg_extension WHERE extname = 'postgis'", during: "looking for PostGIS")
        guard !r.isEmpty else { throw PostGISError.noPostGIS(target: target.description) }
    }

    /// (column_name, udt_name) of a table, in order; empty when there is no such table.
    func columns(schema: String, table: String) async throws -> [(String, String)] {
        let sql = "SELECT column_name::text, udt_name::text FROM information_schema.columns WHERE table_schema = "
            + CopyText.literal(schema) + " AND table_name = " + CopyText.literal(table) + " ORDER BY ordinal_position"
        return try await rows(sql, during: "reading the columns of \(schema).\(table)").map { ($0[0] ?? "", $0[1] ?? "") }
    }

    /// `COPY table FROM STDIN` into every column of `table`, in order. (postgres-nio quotes the
    /// names it is given without escaping them, so column lists are never passed.)
    func copy(table: String, during: String, _ body: (PostgresCopyFromWriter) async throws -> Void) async throws {
        do {
            try await connection.copyFrom(table: table, logger: Self.logger, writeData: body)
        } catch { throw fail(error, during: during) }
    }
}
