/// A single position (GeoJSON `Point`).
public struct Point: Hashable, Sendable {
    public var coordinate: Coordinate

    public init(_ coordinate: Coordinate) { self.coordinate = coordinate }

    /// A point with checked coordinates.
    public init(validating coordinate: Coordinate) throws {
        guard coordinate.isValid else {
            throw GeometryError.invalidCoordinate(longitude: coordinate.longitude, latitude: coordinate.latitude, position: nil)
        }
        self.coordinate = coordinate
    }

    public init(longitude: Double, latitude: Double) {
        self.coordinate = Coordinate(longitude: longitude, latitude: latitude)
    }
}
