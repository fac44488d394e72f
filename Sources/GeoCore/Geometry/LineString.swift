/// An open path of at least two positions (GeoJSON `LineString`).
public struct LineString: Hashable, Sendable {
    public let coordinates: [Coordinate]

    /// - Throws: ``GeometryError`` for fewer than 2 positions or bad coordinates.
    public init(_ coordinates: [Coordinate]) throws {
        guard coordinates.count >= 2 else { throw GeometryError.tooFewPositions(count: coordinates.count, minimum: 2) }
        try validatePositions(coordinates)
        self.coordinates = coordinates
    }

    public var boundingBox: BoundingBox? { BoundingBox(enclosing: coordinates) }
}
