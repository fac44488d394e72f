/// A position on the WGS 84 ellipsoid: longitude then latitude, in degrees.
///
/// Axis order is always (longitude, latitude), as in GeoJSON (RFC 7946) and
/// WKT with EPSG:4326 normalised for visualisation. The plain initialiser does
/// not check ranges (hot paths build millions of these); use
/// ``Coordinate/validated(longitude:latitude:)`` at input edges.
public struct Coordinate: Hashable, Sendable, CustomStringConvertible {
    /// Longitude in degrees east, -180 … 180.
    public var longitude: Double
    /// Latitude in degrees north, -90 … 90.
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }

    /// `true` when both values are finite and within the WGS 84 ranges.
    public var isValid: Bool {
        longitude.isFinite && latitude.isFinite
            && longitude >= -180 && longitude <= 180
            && latitude >= -90 && latitude <= 90
    }

    /// A coordinate checked for finite, in-range values.
    ///
    /// - Throws: ``GeometryError/invalidCoordinate(longitude:latitude:position:)``
    ///   for NaN, infinite, or out-of-range values.
    public static func validated(longitude: Double, latitude: Double, position: Int? = nil) throws -> Coordinate {
        let c = Coordinate(longitude: longitude, latitude: latitude)
        guard c.isValid else {
            throw GeometryError.invalidCoordinate(longitude: longitude, latitude: latitude, position: position)
        }
        return c
    }

    public var description: String { "(\(longitude), \(latitude))" }
}
