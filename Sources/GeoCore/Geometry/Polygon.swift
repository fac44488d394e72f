/// A polygon: one exterior ring and zero or more holes.
public struct Polygon: Hashable, Sendable {
    public let exterior: LinearRing
    public let holes: [LinearRing]

    public init(exterior: LinearRing, holes: [LinearRing] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// A polygon from raw rings (first = exterior), naming the bad ring.
    public init(rings: [[Coordinate]]) throws {
        guard !rings.isEmpty else { throw GeometryError.tooFewPositions(count: 0, minimum: 4) }
        var built: [LinearRing] = []
        built.reserveCapacity(rings.count)
        for (i, r) in rings.enumerated() {
            do { built.append(try LinearRing(r)) } catch let e as GeometryError { throw GeometryError.inRing(i, e) }
        }
        self.init(exterior: built[0], holes: Array(built.dropFirst()))
    }

    /// Exterior first, then holes.
    public var rings: [LinearRing] { [exterior] + holes }

    public var boundingBox: BoundingBox { exterior.boundingBox }
}
