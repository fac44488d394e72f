import GeoCore

/// A bounding box filter in CRS84 (longitude, latitude). West greater than
/// east means the box crosses the antimeridian (OGC API – Features, RFC 7946).
public struct BBoxFilter: Sendable, Equatable {
    public let west: Double, south: Double, east: Double, north: Double

    func intersects(_ b: BoundingBox) -> Bool {
        guard b.maxLatitude >= south, b.minLatitude <= north else { return false }
        if west <= east { return b.maxLongitude >= west && b.minLongitude <= east }
        return b.maxLongitude >= west || b.minLongitude <= east
    }
}

/// A `datetime` filter at day resolution: an instant or a closed or open
/// interval (`..` or empty for an open end), inclusive.
public struct DateRange: Sendable, Equatable {
    public let start: CalendarDate?
    public let end: CalendarDate?
    func contains(_ d: CalendarDate) -> Bool { (start.map { d >= $0 } ?? true) && (end.map { d <= $0 } ?? true) }
}

/// A 400 answer: which parameter, and why.
public struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    public let parameter: String
    public let reason: String
    public var description: String { "\(parameter): \(reason)" }
}

/// The parameters of `/collections/{id}/items`, parsed and checked.
public struct ItemsQuery: Sendable, Equatable {
    public static let defaultLimit = 100
    public static let maximumLimit = 10_000
    /// Parameters every items request may carry besides property filters.
    public static let standard: Set<String> = ["bbox", "bbox-crs", "datetime", "limit", "offset", "after", "f"]

    public var bbox: BBoxFilter?
    public var datetime: DateRange?
    public var limit = defaultLimit
    public var offset = 0
    /// Keyset paging: start after the feature with this id (the `next` links of database-backed collections use it).
    public var after: String?
    public var propertyFilters: [String: String] = [:]

    public init() {}

    /// Parses the query string's parameters (decoded name/value pairs).
    /// Unknown parameters are a 400, as OGC API – Features requires;
    /// `queryables` are the property names that may be filtered on.
    public init(parameters: [(String, String)], queryables: Set<String>) throws {
        var seen = Set<String>()
        for (name, value) in parameters {
            guard seen.insert(name).inserted else { throw QueryError(parameter: name, reason: "given more than once") }
            switch name {
            case "bbox": bbox = try Self.parseBBox(value)
            case "bbox-crs":
                guard value == "http://www.opengis.net/def/crs/OGC/1.3/CRS84" else {
                    throw QueryError(parameter: name, reason: "only http://www.opengis.net/def/crs/OGC/1.3/CRS84 is supported")
                }
            case "datetime": datetime = try Self.parseDatetime(value)
            case "limit":
                guard let n = Int(value), n >= 1 else { throw QueryError(parameter: name, reason: "'\(value)' is not a whole number from 1 to \(Self.maximumLimit)") }
                limit = min(n, Self.maximumLimit)  // larger values are served as the maximum (OGC API – Features /req/core/fc-limit-response-1)
            case "offset":
                guard let n = Int(value), n >= 0 else { throw QueryError(parameter: name, reason: "'\(value)' is not a whole number ≥ 0") }
                offset = n
            case "after":
                guard !value.isEmpty else { throw QueryError(parameter: name, reason: "needs a feature id") }
                after = value
            case "f": break
            default:
                guard queryables.contains(name) else {
                    throw QueryError(parameter: name, reason: "unknown parameter (bbox, datetime, limit, offset, after, f, or a property: \(queryables.sorted().joined(separator: ", ")))")
                }
                propertyFilters[name] = value
            }
        }
    }

    static func parseBBox(_ text: String) throws -> BBoxFilter {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4 || parts.count == 6, parts.allSatisfy({ $0 != nil && $0!.isFinite }) else {
            throw QueryError(parameter: "bbox", reason: "'\(text)' is not 4 or 6 comma-separated numbers (west,south,east,north)")
        }
        let v = parts.map { $0! }
        let (w, s, e, n) = v.count == 4 ? (v[0], v[1], v[2], v[3]) : (v[0], v[1], v[3], v[4])
        guard (-180...180).contains(w), (-180...180).contains(e) else { throw QueryError(parameter: "bbox", reason: "longitudes must be within -180…180") }
        guard (-90...90).contains(s), (-90...90).contains(n) else { throw QueryError(parameter: "bbox", reason: "latitudes must be within -90…90") }
        guard s <= n else { throw QueryError(parameter: "bbox", reason: "south (\(s)) is greater than north (\(n))") }
        if v.count == 6, v[2] > v[5] { throw QueryError(parameter: "bbox", reason: "minimum height is greater than maximum height") }
        return BBoxFilter(west: w, south: s, east: e, north: n)
    }

    static func parseDatetime(_ text: String) throws -> DateRange {
        func instant(_ s: Substring) throws -> CalendarDate? {
            if s.isEmpty || s == ".." { return nil }
            // Dates or RFC 3339 date-times; filtering is by day.
            guard s.count >= 10, let d = CalendarDate(iso8601: s.prefix(10)),
                  s.count == 10 || (s.count > 11 && (s[s.index(s.startIndex, offsetBy: 10)] == "T" || s[s.index(s.startIndex, offsetBy: 10)] == "t")) else {
                throw QueryError(parameter: "datetime", reason: "'\(s)' is not an RFC 3339 date or date-time (2025-03-31 or 2025-03-31T12:00:00Z)")
            }
            return d
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let d = try instant(parts[0]) else { throw QueryError(parameter: "datetime", reason: "an instant cannot be open ('..')") }
            return DateRange(start: d, end: d)
        case 2:
            let a = try instant(parts[0]), b = try instant(parts[1])
            if a == nil && b == nil { throw QueryError(parameter: "datetime", reason: "both ends of the interval are open") }
            if let a, let b, a > b { throw QueryError(parameter: "datetime", reason: "the interval starts after it ends") }
            return DateRange(start: a, end: b)
        default:
            throw QueryError(parameter: "datetime", reason: "'\(text)' is not an instant or an interval start/end")
        }
    }
}
