/// Any geometry IncidentMap reads or writes, in WGS 84 longitude/latitude.
public indirect enum Geometry: Hashable, Sendable {
    case point(Point)
    case multiPoint(MultiPoint)
    case lineString(LineString)
    case multiLineString(MultiLineString)
    case polygon(Polygon)
    case multiPolygon(MultiPolygon)
    case geometryCollection([Geometry])

    /// The GeoJSON `type` member.
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .multiPoint: "MultiPoint"
        case .lineString: "LineString"
        case .multiLineString: "MultiLineString"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }

    /// `nil` for empty multi-geometries and collections.
    public var boundingBox: BoundingBox? {
        switch self {
        case .point(let p): BoundingBox(enclosing: [p.coordinate])
        case .multiPoint(let m): m.boundingBox
        case .lineString(let l): l.boundingBox
        case .multiLineString(let m): m.boundingBox
        case .polygon(let p): p.boundingBox
        case .multiPolygon(let m): m.boundingBox
        case .geometryCollection(let g):
            g.compactMap(\.boundingBox).reduce(nil as BoundingBox?) { acc, b in acc.map { $0.union(b) } ?? b }
        }
    }

    /// Every polygon in the geometry (a polygon, the parts of a multipolygon,
    /// and polygons inside collections); empty for points and lines.
    public var polygons: [Polygon] {
        switch self {
        case .polygon(let p): [p]
        case .multiPolygon(let m): m.polygons
        case .geometryCollection(let g): g.flatMap(\.polygons)
        default: []
        }
    }

    /// `true` for polygons and multipolygons (areal geometry).
    public var isAreal: Bool {
        switch self {
        case .polygon, .multiPolygon: true
        default: false
        }
    }
}
