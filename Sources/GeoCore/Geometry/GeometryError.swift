/// Bad geometric input, with where it was found.
///
/// Positions and ring indexes are zero-based. Library failures (GEOS, PROJ)
/// are reported by ``GeoLibraryError`` instead.
public enum GeometryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// NaN, infinite, or outside -180…180 / -90…90.
    case invalidCoordinate(longitude: Double, latitude: Double, position: Int?)
    /// A ring whose first and last positions differ.
    case ringNotClosed(first: Coordinate, last: Coordinate)
    /// Too few positions for the geometry (a ring needs 4, a line 2).
    case tooFewPositions(count: Int, minimum: Int)
    /// An error inside ring `ring` of a polygon (0 = exterior).
    indirect case inRing(Int, GeometryError)
    /// An error inside part `part` of a multi-geometry.
    indirect case inPart(Int, GeometryError)

    public var description: String {
        switch self {
        case let .invalidCoordinate(lon, lat, position):
            let at = position.map { " at position \($0)" } ?? ""
            return "invalid coordinate (\(lon), \(lat))\(at): longitude must be finite in -180…180 and latitude in -90…90"
        case let .ringNotClosed(first, last):
            return "ring is not closed: first position \(first) differs from last \(last)"
        case let .tooFewPositions(count, minimum):
            return "\(count) positions where at least \(minimum) are needed"
        case let .inRing(index, error):
            return "ring \(index): \(error)"
        case let .inPart(index, error):
            return "part \(index): \(error)"
        }
    }
}
