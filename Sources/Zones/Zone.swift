import Foundation
import GeoCore

/// One zone: a department, commune, section communale, arrondissement, grid
/// cell or analyst-drawn area.
///
/// Geometry is WGS 84 longitude/latitude; ``areaKm2`` is geodesic.
public struct Zone: Sendable, Identifiable {
    /// The zone's stable id: a p-code (`HT0621`), a cell id, or the layer's id field.
    public let id: String
    /// The display name (French for COD-AB).
    public var name: String
    /// Names by language code (`fr`, `en`, `ht`) where the source has them.
    public var names: [String: String]
    /// Alternative names (COD-AB `ADMnALT…` fields).
    public var alternateNames: [String]
    /// The level this zone belongs to (`adm1`, `adm2`, `adm3`, `arrondissement`, `grid:5km` …).
    public let level: ZoneLevel
    /// The id of the zone one level up, when known.
    public var parentID: String?
    public let geometry: Geometry
    /// Geodesic area in km² (WGS 84 ellipsoid), computed on first use
    /// (GeographicLib's polygon area is the costliest part of loading a
    /// layer, and point assignment never needs it).
    public var areaKm2: Double { areaCache.value(for: geometry) }
    private let areaCache: AreaCache
    /// A point guaranteed to lie inside the zone (GEOS point-on-surface).
    public let representativePoint: Coordinate
    /// People living in the zone, when a population source was given.
    public var population: Double?
    /// The source attributes, kept for exports.
    public var properties: [Property]

    public init(id: String, name: String, names: [String: String] = [:], alternateNames: [String] = [],
                level: ZoneLevel, parentID: String? = nil, geometry: Geometry, population: Double? = nil,
                properties: [Property] = []) throws {
        self.id = id
        self.name = name
        self.names = names
        self.alternateNames = alternateNames
        self.level = level
        self.parentID = parentID
        self.geometry = geometry
        self.areaCache = AreaCache()
        self.representativePoint = try geometry.representativePoint()
        self.population = population
        self.properties = properties
    }

    /// The geometry's bounding box (zones always have areal geometry).
    public var boundingBox: BoundingBox { geometry.boundingBox! }
}

/// Computes a zone's geodesic area once, safely from any thread.
final class AreaCache: Sendable {
    private let km2 = Locked<Double?>(nil)

    func value(for geometry: Geometry) -> Double {
        km2.withLock { v in
            if let v { return v }
            let area = Geodesic.area(of: geometry) / 1e6
            v = area
            return area
        }
    }
}
