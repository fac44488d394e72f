import Foundation
import GeoCore

/// The zone layers of one run, coarsest first, with levels derived on
/// demand (arrondissements from communes, grids from an outline) and parent
/// chains across layers.
public struct ZoneSet: Sendable {
    public private(set) var layers: [ZoneLayer]

    /// Levels derived on demand from a loaded one (a country profile's `derived-level`, e.g. arrondissements).
    public var derivedLevels: [DerivedLevel]

    public init(layers: [ZoneLayer], derivedLevels: [DerivedLevel] = []) {
        self.layers = layers.sorted { $0.rank < $1.rank }
        self.derivedLevels = derivedLevels
    }

    /// Loads `path` (a file or folder of boundary layers).
    public init(path: String, options: ZoneLayerLoader.Options = .init()) throws {
        self.init(layers: try ZoneLayerLoader.load(path: path, options: options))
    }

    public var levels: [ZoneLevel] { layers.map(\.level) }

    /// The finest loaded layer.
    public var finest: ZoneLayer? { layers.last }

    /// The layer for `level`, deriving arrondissements (from `adm2`) and grids
    /// (over `outline`, or the union of the coarsest layer) when asked.
    public mutating func layer(_ requested: String, outline: Geometry? = nil) throws -> ZoneLayer {
        // Exact first, then in any case ("ADM2", "Grid:5km"): a loaded layer may differ from another only by case.
        let level = ZoneLevel(requested: requested)
        let lower = level.rawValue.lowercased()
        if let l = layers.first(where: { $0.level == level }) ?? layers.first(where: { $0.level.rawValue.lowercased() == lower }) { return l }
        if let d = derivedLevels.first(where: { $0.level.rawValue.lowercased() == lower }), let source = layers.first(where: { $0.level == d.source }) {
            let derived = try source.dissolved(byPrefix: d.prefixLength, level: d.level, naming: d.name(head:))
            layers.append(derived)
            layers.sort { $0.rank < $1.rank }
            return derived
        }
        if let spec = (try? GridSpec(level.rawValue)) ?? (try? GridSpec(lower)) {
            let shape: Geometry
            let name: String
            if let outline {
                shape = outline
                name = "the outline"
            } else if let coarsest = layers.first {
                shape = try Geometry.unaryUnion(coarsest.zones.map(\.geometry))
                name = "\(coarsest.level) of \(coarsest.source)"
            } else {
                throw ZoneError.unknownLevel(level.rawValue, available: levels.map(\.rawValue))
            }
            let grid = try GridBuilder.build(spec, outline: shape, outlineName: name)
            layers.append(grid)
            return grid
        }
        throw ZoneError.unknownLevel(requested, available: levels.map(\.rawValue) + derivedLevels.map(\.level.rawValue) + ["grid:5km", "hex:2km", "prio"])
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
            if let arr = derivedLevels.lazy.compactMap({ d in d.groupID(of: current).flatMap { id in self.layers.first { $0.level == d.level }?.zone(id: id) } }).first {
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
