import GeoCore

/// The zones of one level, with a spatial index for lookups.
public struct ZoneLayer: Sendable {
    /// `adm1`, `adm2`, `adm3`, `arrondissement`, `grid:5km`, a file stem …
    public let level: ZoneLevel
    /// Where the layer came from (a path, or how it was derived).
    public let source: String
    public let zones: [Zone]
    /// Bounding-box index over ``zones`` (item i = zones[i]).
    public let index: STRTree
    private let positions: [String: Int]

    public init(level: ZoneLevel, source: String, zones: [Zone]) {
        self.level = level
        self.source = source
        self.zones = zones
        self.index = STRTree(boxes: zones.map(\.boundingBox))
        var positions: [String: Int] = [:]
        for (i, z) in zones.enumerated() { positions[z.id] = i }
        self.positions = positions
    }

    public func zone(id: String) -> Zone? { positions[id].map { zones[$0] } }

    /// Total geodesic area in km².
    public var areaKm2: Double { zones.reduce(0) { $0 + $1.areaKm2 } }

    /// How deep the level sits: departments 1, arrondissements 1.5, communes 2,
    /// sections 3; grids and custom layers 10 (finest, no parents).
    public var rank: Double { level.rank }
}
