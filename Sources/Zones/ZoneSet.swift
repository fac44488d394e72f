import Foundation
import GeoCore

/// The zone layers of one run, coarsest first, with levels derived on
/// demand (arrondissements from communes, grids from an outline) and parent
/// chains across layers.
public struct ZoneSet: Sendable {
    public private(set) var layers: [ZoneLayer]

    public init(layers: [ZoneLayer]) {
        self.layers = layers.sorted { $0.rank < $1.rank }
    }

    /// Loads `path` (a file or folder of boundary layers).
    public init(path: String, options: ZoneLayerLoader.Options = .init()) throws {
        self.init(layers: try ZoneLayerLoader.load(path: path, options: options))
    }

    /// Level names accepted on the command line, beside the loaded ones.
    public static let levelAliases: [String: String] = [
        "department": "adm1", "departement": "adm1", "departments": "adm1",
        "commune": "adm2", "communes": "adm2",
        "section": "adm3", "sections": "adm3", "section-communale": "adm3",
        "arr": "arrondissement", "arrondissements": "arrondissement",
    ]

    public var levels: [String] { layers.map(\.level) }

    /// The finest loaded layer.
    public var finest: ZoneLayer? { layers.last }

    /// The layer for `level`, deriving arrondissements (from `adm2`) and grids
    /// (over `outline`, or the union of the coarsest layer) when asked.
    public mutating func layer(_ requested: String, outline: Geometry? = nil) throws -> ZoneLayer {
        // Exact first, then in any case ("ADM2", "Grid:5km"): a loaded layer may differ from another only by case.
        let level = Self.levelAliases[requested.lowercased()] ?? requested
        if let l = layers.first(where: { $0.level == level }) ?? layers.first(where: { $0.level.lowercased() == level.lowercased() }) { return l }
        if level.lowercased() == "arrondissement", let communes = layers.first(where: { $0.level == "adm2" }) {
            let derived = try communes.dissolved(byPrefix: 5, level: "arrondissement", naming: ZoneLayer.arrondissementName)
            layers.append(derived)
            layers.sort { $0.rank < $1.rank }
            return derived
        }
        if let spec = (try? GridSpec(level)) ?? (try? GridSpec(level.lowercased())) {
            let shape: Geometry
            let name: String
            if let outline {
                shape = outline
                name = "the outline"
            } else if let coarsest = layers.first {
                shape = try Geometry.unaryUnion(coarsest.zones.map(\.geometry))
                name = "\(coarsest.level) of \(coarsest.source)"
            } else {
                throw ZoneError.unknownLevel(level, available: levels)
            }
            let grid = try GridBuilder.build(spec, outline: shape, outlineName: name)
            layers.append(grid)
            return grid
        }
        throw ZoneError.unknownLevel(requested, available: levels + ["arrondissement", "grid:5km", "hex:2km", "prio"])
    }

    /// The zone and its ancestors, coarsest first, following parent ids
    /// through the loaded layers (an arrondissement, when derived, sits
    /// between department and commune).
    public func chain(of zone: Zone) -> [Zone] {
        var out = [zone]
        var current = zone
        var guardCount = 0
        while guardCount < 16 {
            guardCount += 1
            var next: Zone?
            if current.level == "adm2", let arr = layers.first(where: { $0.level == "arrondissement" })?.zone(id: String(current.id.prefix(5))) {
                next = arr
            } else if let pid = current.parentID {
                next = layers.lazy.compactMap { $0.zone(id: pid) }.first
            }
            guard let n = next, n.id != current.id else { break }
            out.append(n)
            current = n
        }
        return out.reversed()
    }
}
