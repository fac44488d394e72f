/// What went wrong talking to PostgreSQL/PostGIS, with what the user can do.
/// Messages name the target without its password.
public enum PostGISError: Error, CustomStringConvertible, Equatable {
    case badTarget(reason: String)
    case unreachable(target: String, reason: String)
    case authentication(target: String, reason: String)
    case noPostGIS(target: String)
    case tableMismatch(table: String, existing: [String], wanted: [String])
    case badLayerName(String)
    case server(target: String, during: String, message: String)
    case missingTable(table: String, target: String)
    case timeout(during: String)
    case missingColumns(table: String, columns: [String])

    public var description: String {
        switch self {
        case .badTarget(let reason): "bad PostgreSQL target: \(reason)"
        case let .unreachable(target, reason): "\(target): cannot connect: \(reason)"
        case let .authentication(target, reason):
            "\(target): \(reason) (the password comes from PGPASSWORD or ~/.pgpass; it is never printed)"
        case .noPostGIS(let target):
            "\(target): PostGIS is not enabled in this database; as a superuser run: CREATE EXTENSION postgis;"
        case let .tableMismatch(table, existing, wanted):
            "table \(table) exists with other columns (\(existing.joined(separator: ", "))) than this layer's (\(wanted.joined(separator: ", "))); "
                + "nothing was changed: use --replace to drop and recreate it, or another --schema"
        case .badLayerName(let n): "layer name '\(n)' is not a valid table name"
        case let .server(target, during, message): "\(target): \(during): \(message)"
        case .timeout(let during): "\(during): the statement took longer than allowed"
        case let .missingTable(table, target):
            "\(target): no table \(table) (load incidents with `incidentmap map … --to` or `export … --to`, or name another with --table/--schema)"
        case let .missingColumns(table, columns):
            "table \(table) lacks the columns \(columns.joined(separator: ", ")) (reload it with this version: `incidentmap map … --to … --replace`)"
        }
    }
}
