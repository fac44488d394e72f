/// One row of a result, every column as PostgreSQL's text form (`nil` for NULL), read by position with the
/// type the query gives it (`float8` text is the shortest form that reads back to the same double).
struct PGRow: Sendable {
    let values: [String?]

    var count: Int { values.count }

    subscript(_ k: Int) -> String? { k < values.count ? values[k] : nil }

    func string(_ k: Int) throws -> String {
        guard let v = self[k] else { throw Self.unexpected(k, "NULL", "text") }
        return v
    }

    func int(_ k: Int) throws -> Int {
        guard let v = self[k] else { throw Self.unexpected(k, "NULL", "an integer") }
        guard let i = Int(v) else { throw Self.unexpected(k, v, "an integer") }
        return i
    }

    func optionalInt(_ k: Int) throws -> Int? { self[k] == nil ? nil : try int(k) }

    func double(_ k: Int) throws -> Double {
        guard let v = self[k] else { throw Self.unexpected(k, "NULL", "a number") }
        guard let d = Double(v) ?? Self.special(v) else { throw Self.unexpected(k, v, "a number") }
        return d
    }

    func optionalDouble(_ k: Int) throws -> Double? { self[k] == nil ? nil : try double(k) }

    /// `Infinity`, `-Infinity`, `NaN` as PostgreSQL writes them.
    private static func special(_ v: String) -> Double? {
        switch v {
        case "Infinity": .infinity
        case "-Infinity": -.infinity
        case "NaN": .nan
        default: nil
        }
    }

    private static func unexpected(_ k: Int, _ value: String, _ wanted: String) -> PGFailure {
        PGFailure(message: "column \(k + 1) holds '\(value.prefix(40))' where \(wanted) was expected", sqlState: nil, connectionLost: false)
    }
}
