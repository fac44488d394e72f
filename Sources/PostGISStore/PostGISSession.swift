import Foundation

/// One connection to the target for a load or a summary, with errors turned into ``PostGISError``s that say what
/// to do (and never show the password). Calls block the calling thread (libpq); the writer and the tally run it
/// from the command's own task.
final class PostGISSession {
    let target: PostgresTarget
    private let connection: PGConnection

    private init(target: PostgresTarget, connection: PGConnection) {
        self.target = target
        self.connection = connection
    }

    /// Connects (within 10 s unless the URL sets `connect_timeout`).
    static func open(_ target: PostgresTarget, extra: [(String, String)] = []) throws -> PostGISSession {
        do {
            return PostGISSession(target: target, connection: try PGConnection(parameters: target.connectionParameters(extra)))
        } catch let e as PGFailure {
            throw connectionError(e, target: target)
        }
    }

    /// What a failed connection means for the user: a refused or silent server, or a password problem.
    static func connectionError(_ e: PGFailure, target: PostgresTarget) -> PostGISError {
        let lower = e.message.lowercased()
        if lower.contains("password authentication failed") || lower.contains("no password supplied")
            || lower.contains("authentication failed") || e.sqlState == "28P01" || e.sqlState == "28000" {
            return .authentication(target: target.description, reason: e.message)
        }
        if lower.contains("connection refused") {
            return .unreachable(target: target.description,
                                reason: "connection refused (is PostgreSQL running and listening on \(target.host):\(target.port)?)")
        }
        if lower.contains("timeout expired") {
            return .unreachable(target: target.description, reason: "no answer within the connect timeout from \(target.host):\(target.port)")
        }
        return .unreachable(target: target.description, reason: e.message)
    }

    private func fail(_ e: Error, during: String) -> PostGISError { Self.error(e, target: target, during: during) }

    /// A failed statement as the user reads it: a timeout, or the server's (or libpq's) message with what was being
    /// done.
    static func error(_ e: Error, target: PostgresTarget, during: String) -> PostGISError {
        if let e = e as? PostGISError { return e }
        if let p = e as? PGFailure {
            if p.sqlState == "57014" { return .timeout(during: during) }
            return .server(target: target.description, during: during, message: p.message)
        }
        return .server(target: target.description, during: during, message: String(describing: e))
    }

    func run(_ sql: String, during: String) throws {
        do { try connection.execute(sql) } catch { throw fail(error, during: during) }
    }

    /// Rows of text columns.
    func rows(_ sql: String, parameters: [String?] = [], during: String) throws -> [[String?]] {
        do { return try connection.execute(sql, parameters: parameters).map(\.values) } catch { throw fail(error, during: during) }
    }

    /// Streams the rows of a query to `body`, one at a time (nothing is collected).
    func forEachRow(_ sql: String, during: String, _ body: (PGRow) throws -> Void) throws {
        do { try connection.stream(sql, body) } catch { throw fail(error, during: during) }
    }

    func requirePostGIS() throws {
        let r = try rows("SELECT extversion FROM pg_extension WHERE extname = 'postgis'", during: "looking for PostGIS")
        guard !r.isEmpty else { throw PostGISError.noPostGIS(target: target.description) }
    }

    /// (column_name, udt_name) of a table, in order; empty when there is no such table.
    func columns(schema: String, table: String) throws -> [(String, String)] {
        let sql = "SELECT column_name::text, udt_name::text FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 "
            + "ORDER BY ordinal_position"
        return try rows(sql, parameters: [schema, table], during: "reading the columns of \(schema).\(table)").map { ($0[0] ?? "", $0[1] ?? "") }
    }

    /// `COPY table FROM STDIN` into every column of `table` (a name, quoted here), in order.
    func copy(table: String, during: String, _ body: (PGConnection.CopyWriter) throws -> Void) throws {
        do {
            try connection.copyIn("COPY \(CopyText.identifier(table)) FROM STDIN", body)
        } catch { throw fail(error, during: during) }
    }
}
