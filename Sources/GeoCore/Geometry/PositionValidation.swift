/// Checks every position of a coordinate list, naming the first bad one.
@usableFromInline
func validatePositions(_ coordinates: [Coordinate]) throws {
    for (i, c) in coordinates.enumerated() where !c.isValid {
        throw GeometryError.invalidCoordinate(longitude: c.longitude, latitude: c.latitude, position: i)
    }
}
