/// An axis-aligned box in longitude/latitude degrees (west, south, east, north).
///
/// Boxes never cross the antimeridian here (`minLongitude <= maxLongitude`);
/// a layer that crosses it is split before it gets here.
public struct BoundingBox: Hashable, Sendable, CustomStringConvertible {
    public var minLongitude: Double
    public var minLatitude: Double
    public var maxLongitude: Double
    public var maxLatitude: Double

    public init(minLongitude: Double, minLatitude: Double, maxLongitude: Double, maxLatitude: Double) {
        self.minLongitude = minLongitude
        self.minLatitude = minLatitude
        self.maxLongitude = maxLongitude
        self.maxLatitude = maxLatitude
    }

    /// The smallest box holding every coordinate, or `nil` when there is none.
    public init?<S: Sequence>(enclosing coordinates: S) where S.Element == Coordinate {
        var it = coordinates.makeIterator()
        guard let first = it.next() else { return nil }
        var box = BoundingBox(minLongitude: first.longitude, minLatitude: first.latitude,
                              maxLongitude: first.longitude, maxLatitude: first.latitude)
        while let c = it.next() { box.expand(toInclude: c) }
        self = box
    }

    public mutating func expand(toInclude c: Coordinate) {
        if c.longitude < minLongitude { minLongitude = c.longitude }
        if c.longitude > maxLongitude { maxLongitude = c.longitude }
        if c.latitude < minLatitude { minLatitude = c.latitude }
        if c.latitude > maxLatitude { maxLatitude = c.latitude }
    }

    public mutating func expand(toInclude other: BoundingBox) {
        minLongitude = Swift.min(minLongitude, other.minLongitude)
        minLatitude = Swift.min(minLatitude, other.minLatitude)
        maxLongitude = Swift.max(maxLongitude, other.maxLongitude)
        maxLatitude = Swift.max(maxLatitude, other.maxLatitude)
    }

    public func union(_ other: BoundingBox) -> BoundingBox {
        var b = self
        b.expand(toInclude: other)
        return b
    }

    /// Closed containment: points on the box edge are inside.
    @inlinable
    public func contains(_ c: Coordinate) -> Bool {
        c.longitude >= minLongitude && c.longitude <= maxLongitude
            && c.latitude >= minLatitude && c.latitude <= maxLatitude
    }

    @inlinable
    public func intersects(_ o: BoundingBox) -> Bool {
        minLongitude <= o.maxLongitude && o.minLongitude <= maxLongitude
            && minLatitude <= o.maxLatitude && o.minLatitude <= maxLatitude
    }

    /// The box grown by `degrees` on every side.
    public func expanded(by degrees: Double) -> BoundingBox {
        BoundingBox(minLongitude: minLongitude - degrees, minLatitude: minLatitude - degrees,
                    maxLongitude: maxLongitude + degrees, maxLatitude: maxLatitude + degrees)
    }

    public var center: Coordinate {
        Coordinate(longitude: (minLongitude + maxLongitude) / 2, latitude: (minLatitude + maxLatitude) / 2)
    }

    public var description: String { "[\(minLongitude), \(minLatitude), \(maxLongitude), \(maxLatitude)]" }
}
