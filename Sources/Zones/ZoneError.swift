/// Problems with zone layers, naming the file and the feature.
public enum ZoneError: Error, Equatable, Sendable, CustomStringConvertible {
    case noLayers(path: String)
    case notAreal(path: String, feature: Int, type: String)
    case missingField(path: String, field: String, available: [String])
    case missingID(path: String, feature: Int, field: String)
    case duplicateID(path: String, id: String)
    case invalidGeometry(path: String, feature: Int, id: String, reason: String)
    case unknownLevel(String, available: [String])
    case badGridSpec(String)
    case populationFile(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .noLayers(let p): "\(p): no zone layers found (expected .shp, .geojson or .json files)"
        case let .notAreal(p, f, t): "\(p): feature \(f) is a \(t); zone layers need polygons"
        case let .missingField(p, f, a): "\(p): no field '\(f)' (fields: \(a.joined(separator: ", ")))"
        case let .missingID(p, f, field): "\(p): feature \(f) has no value in the id field '\(field)'"
        case let .duplicateID(p, id): "\(p): the id '\(id)' appears more than once"
        case let .invalidGeometry(p, f, id, r):
            "\(p): feature \(f) (\(id)) has invalid geometry: \(r); rerun with --repair to fix it with GEOS make-valid"
        case let .unknownLevel(l, a): "unknown level '\(l)' (available: \(a.joined(separator: ", ")))"
        case .badGridSpec(let s): "bad grid level '\(s)': use grid:5km, hex:2km or prio (0.5° PRIO-GRID cells)"
        case let .populationFile(p, l, r): "\(p):\(l): \(r)"
        }
    }
}
