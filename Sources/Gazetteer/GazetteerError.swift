/// A gazetteer or alias file that cannot be read, naming file and line.
public enum GazetteerError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case malformed(path: String, line: Int, reason: String)
    case unknownFormat(path: String, columns: Int)
    /// More than the gazetteer holds (``Gazetteer/maxPlaces``, ``PlaceLoaders/maxFileBytes``): refused before indexing.
    case tooLarge(path: String?, reason: String)

    public var description: String {
        switch self {
        case let .cannotRead(p, r): "\(p): cannot read: \(r)"
        case let .malformed(p, l, r): "\(p):\(l): \(r)"
        case let .unknownFormat(p, c):
            "\(p): unrecognised gazetteer format (\(c) tab-separated columns; expected the GeoNames dump (19), GeoNames postal (12) or IncidentMap TSV with a header)"
        case let .tooLarge(p, r): (p.map { "\($0): " } ?? "") + r
        }
    }
}
