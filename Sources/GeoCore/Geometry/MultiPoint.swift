/// Several positions taken as one geometry (GeoJSON `MultiPoint`).
public struct MultiPoint: Hashable, Sendable {
    public let coordinates: [Coordinate]

    public init(_ coordinates: [Coordinate]) throws {
        try validatePositions(coordinates)
        self.coordinates = coordinates
    }

    public var boundingBox: BoundingBox? { BoundingBox(enclosing: coordinates) }
}
