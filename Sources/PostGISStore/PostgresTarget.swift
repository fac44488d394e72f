import Foundation

/// Where to connect: `postgresql://USER@HOST:PORT/DB` (also `postgres://`), with libpq's connection parameters as
/// query items where needed (`?sslmode=require&sslrootcert=…`, `application_name`, `connect_timeout`).
/// The password comes from `PGPASSWORD` or `~/.pgpass` (`PGPASSFILE`), as for
/// psql; one written in the URL is accepted but never printed.
public struct PostgresTarget: Sendable, CustomStringConvertible {
    public let user: String
    public let host: String
    public let port: Int
    public let database: String
    /// Never printed (see `description`).
    let password: String?
    /// libpq parameters given as query items (`sslmode=require`), in order.
    public let parameters: [(String, String)]

    /// The target without the password: `postgresql://user@host:port/db`.
    public var description: String { "postgresql://\(user)@\(host):\(port)/\(database)" }

    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isURL(text), let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw PostGISError.badTarget(reason: "expected postgresql://USER@HOST:PORT/DB")
        }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw PostGISError.badTarget(reason: "no database name: expected postgresql://USER@HOST:PORT/DB")
        }
        self.user = url.user ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        self.host = host
        self.port = url.port ?? 5432
        self.database = database
        var parameters: [(String, String)] = []
        for item in url.queryItems ?? [] {
            guard Self.libpqKeywords.contains(item.name), let value = item.value else {
                throw PostGISError.badTarget(reason: "unknown connection parameter '\(item.name)' (libpq's are: \(Self.libpqKeywords.sorted().joined(separator: ", ")))")
            }
            parameters.append((item.name, value))
        }
        self.parameters = parameters
        self.password = url.password ?? environment["PGPASSWORD"]
            ?? Self.pgpass(host: host, port: url.port ?? 5432, database: database, user: url.user ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres",
                           path: environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" }))
    }

    /// The libpq connection parameters of the URL's query string that may be passed on (not host, port, user,
    /// password or dbname, which the URL itself gives).
    static let libpqKeywords: Set<String> = [
        "application_name", "connect_timeout", "sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "sslcompression",
        "sslsni", "ssl_min_protocol_version", "ssl_max_protocol_version", "gssencmode", "krbsrvname", "target_session_attrs",
        "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout", "channel_binding",
        "requirepeer", "service", "passfile", "options",
    ]

    /// libpq's keyword/value parameters for this target; `extra` (e.g. `options`) after the URL's own, so that the
    /// program's settings win; a `connect_timeout` of 10 s unless the URL gives one.
    func connectionParameters(_ extra: [(String, String)] = []) -> [(String, String)] {
        var out: [(String, String)] = [("host", host), ("port", String(port)), ("user", user), ("dbname", database)]
        if let password { out.append(("password", password)) }
        if !parameters.contains(where: { $0.0 == "connect_timeout" }) { out.append(("connect_timeout", "10")) }
        if !parameters.contains(where: { $0.0 == "application_name" }) { out.append(("application_name", "incidentmap")) }
        let overridden = Set(extra.map(\.0))
        out += parameters.filter { !overridden.contains($0.0) } + extra
        return out
    }

    /// The first matching `host:port:database:user:password` line (`*` matches anything; `\:` and `\\` escaped).
    static func pgpass(host: String, port: Int, database: String, user: String, path: String?) -> String? {
        guard let path, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = [], current = "", escaped = false
            for ch in line {
                if escaped { current.append(ch); escaped = false } else if ch == "\\" { escaped = true }
                else if ch == ":" { fields.append(current); current = "" } else { current.append(ch) }
            }
            fields.append(current)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}
