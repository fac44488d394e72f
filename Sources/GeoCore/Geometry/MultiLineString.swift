/// Several paths taken as one geometry (GeoJSON `MultiLineString`).
public struct MultiLineString: Hashable, Sendable {
    public let lineStrings: [LineString]

    public init(_ lineStrings: [LineString]) { self.lineStrings = lineStrings }

    public var boundingBox: BoundingBox? {
        BoundingBox(enclosing: lineStrings.lazy.flatMap(\.coordinates))
    }
}
