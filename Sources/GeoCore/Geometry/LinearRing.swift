/// A closed ring: at least 4 positions, the last equal to the first.
///
/// Orientation is not normalised on construction; writers orient rings as
/// their format requires (GeoJSON: exterior counter-clockwise; Shapefile:
/// exterior clockwise).
public struct LinearRing: Hashable, Sendable {
    public let coordinates: [Coordinate]

    /// - Throws: ``GeometryError/tooFewPositions(count:minimum:)``,
    ///   ``GeometryError/ringNotClosed(first:last:)`` or
    ///   ``GeometryError/invalidCoordinate(longitude:latitude:position:)``.
    public init(_ coordinates: [Coordinate]) throws {
        guard coordinates.count >= 4 else { throw GeometryError.tooFewPositions(count: coordinates.count, minimum: 4) }
        guard coordinates.first == coordinates.last else {
            throw GeometryError.ringNotClosed(first: coordinates[0], last: coordinates[coordinates.count - 1])
        }
        try validatePositions(coordinates)
        self.coordinates = coordinates
    }

    /// Builds a ring from trusted coordinates (already closed and checked).
    @usableFromInline
    init(trusted coordinates: [Coordinate]) {
        self.coordinates = coordinates
    }

    /// Twice the planar signed area in degrees² (shoelace): positive when the
    /// ring runs counter-clockwise with longitude east and latitude north.
    /// Used for orientation only; geodesic areas come from ``Geodesic``.
    public var signedPlanarArea2: Double {
        let c = coordinates
        guard c.count >= 4 else { return 0 }
        // Shift to the first vertex to keep the sums well conditioned.
        let x0 = c[0].longitude, y0 = c[0].latitude
        var sum = 0.0
        for i in 0..<(c.count - 1) {
            let a = c[i], b = c[i + 1]
            sum += (a.longitude - x0) * (b.latitude - y0) - (b.longitude - x0) * (a.latitude - y0)
        }
        return sum
    }

    public var isCounterClockwise: Bool { signedPlanarArea2 > 0 }

    /// The same ring run the other way.
    public var reversed: LinearRing { LinearRing(trusted: coordinates.reversed()) }

    /// This ring oriented counter-clockwise (`true`) or clockwise (`false`).
    public func oriented(counterClockwise: Bool) -> LinearRing {
        isCounterClockwise == counterClockwise ? self : reversed
    }

    public var boundingBox: BoundingBox { BoundingBox(enclosing: coordinates)! }
}
