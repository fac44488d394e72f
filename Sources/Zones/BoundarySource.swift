import Foundation
import GeoCore

/// Where a run's zones come from: boundary files (or the country profile's when none are given), the level asked
/// for, and how attributes are read. Resolves to the zone set and the layer of the level.
public struct BoundarySource: Sendable {
    /// A .shp, .geojson or a folder of them; nil: the profile's boundaries.
    public var path: String?
    /// `adm1|adm2|adm3|arrondissement|grid:5km|hex:2km|prio` or a loaded layer's name, as asked for (any case, a
    /// synonym such as `commune` read as its level); nil: the profile's summary level, else the finest loaded level.
    public var level: ZoneLevel?
    public var options = ZoneLayerLoader.Options()
    /// A CSV `pcode,population` of zone populations.
    public var populationTable: String?

    public init(path: String? = nil, level: ZoneLevel? = nil) {
        self.path = path
        self.level = level
    }

    /// The zone set and the layer of the requested level; `preferLevel` is used when no level was asked for and
    /// the boundaries have it.
    public func resolve(profile: CountryProfile?, preferLevel: ZoneLevel? = nil) throws -> (set: ZoneSet, layer: ZoneLayer) {
        var options = self.options
        let source: String
        if let path {
            source = path
        } else {
            guard let given = profile?.boundaries else {
                // A profile with an outline only (made from the registries' data): the country is the one zone of
                // level adm0, and grids are cut to it.
                guard let profile, let outline = try profile.outlineGeometry() else { throw BoundarySourceError.noBoundaries(profile: profile?.iso3) }
                let country = try Zone(id: profile.iso3, name: profile.name, level: .adm0, geometry: outline)
                var set = ZoneSet(layers: [ZoneLayer(level: .adm0, source: profile.outline ?? profile.iso3, zones: [country])],
                                  derivedLevels: profile.derivedLevels)
                let layer = try level.map { try set.layer($0.rawValue, outline: outline) } ?? set.layers[0]
                return (set, layer)
            }
            source = given
            // A profile's own layers are read by their own field rules (COD-AB detection): the id, name and parent
            // fields do not apply to them.
            options.idField = nil
            options.nameField = nil
            options.parentField = nil
        }
        if let populationTable { options.populations = try PopulationTable.read(path: populationTable) }
        var set = try ZoneSet(path: source, options: options)
        set.derivedLevels = profile?.derivedLevels ?? []
        // The outline is read only for a grid cut to it (every other level comes from the files).
        let outline: Geometry? = path == nil && level?.isGrid == true ? try profile?.outlineGeometry() : nil
        // The layer first: deriving it (arrondissements, grids) adds it to the set returned.
        if let level {
            let layer = try set.layer(level.rawValue, outline: outline)
            return (set, layer)
        }
        if let preferLevel, let l = set.layers.first(where: { $0.level == preferLevel }) { return (set, l) }
        guard let finest = set.finest else { throw BoundarySourceError.empty(source) }
        return (set, finest)
    }

    /// The credits of the profile's data this source uses: the place names always (the profile's gazetteer places
    /// every run), the population surface when the profile has one, the boundaries when no path replaced them, the outline for grids cut to it.
    public func credits(profile: CountryProfile?) -> [String] {
        guard let profile else { return [] }
        var keys = ["gazetteer"]
        if profile.population != nil { keys.append("population") }
        if path == nil {
            keys.append("boundaries")
            if level?.isGrid == true { keys.append("outline") }
        }
        return profile.credits(keys)
    }
}

public enum BoundarySourceError: Error, CustomStringConvertible, Equatable {
    case noBoundaries(profile: String?)
    case empty(String)

    public var description: String {
        switch self {
        case .noBoundaries(let p): "no boundaries given and the country profile \(p ?? "(none)") has none: give --boundaries"
        case .empty(let s): "\(s): no boundary layer was read"
        }
    }
}
