/// Several polygons taken as one geometry (GeoJSON `MultiPolygon`).
public struct MultiPolygon: Hashable, Sendable {
    public let polygons: [Polygon]

    public init(_ polygons: [Polygon]) { self.polygons = polygons }

    /// `nil` when there are no polygons.
    public var boundingBox: BoundingBox? {
        guard var box = polygons.first?.boundingBox else { return nil }
        for p in polygons.dropFirst() { box.expand(toInclude: p.boundingBox) }
        return box
    }
}
