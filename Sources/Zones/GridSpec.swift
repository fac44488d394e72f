/// A grid level as written on the command line: `grid:5km` (square cells of
/// 5 km side), `hex:2km` (hexagons 2 km across flats, i.e. 2 km between the
/// centres of neighbouring cells) or `prio` (PRIO-GRID 0.5° cells).
public enum GridSpec: Hashable, Sendable, CustomStringConvertible {
    case square(km: Double)
    case hexagon(km: Double)
    case prio

    public init(_ text: String) throws {
        let t = text.lowercased()
        if t == "prio" || t == "prio-grid" || t == "prio:0.5" { self = .prio; return }
        let parts = t.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[1].hasSuffix("km"), let km = Double(parts[1].dropLast(2)), km > 0, km.isFinite else {
            throw ZoneError.badGridSpec(text)
        }
        switch parts[0] {
        case "grid", "square": self = .square(km: km)
        case "hex", "hexagon": self = .hexagon(km: km)
        default: throw ZoneError.badGridSpec(text)
        }
    }

    public static func isGridLevel(_ text: String) -> Bool { (try? GridSpec(text)) != nil }

    public var description: String {
        switch self {
        case .square(let km): "grid:\(Self.format(km))km"
        case .hexagon(let km): "hex:\(Self.format(km))km"
        case .prio: "prio"
        }
    }

    private static func format(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}
