/// Well-Known Binary (ISO 19125 / OGC SFA), little-endian, 2D, as GeoPackage
/// geometry blobs hold it. Axis order x = longitude, y = latitude.
public enum WKB {
    public static func encode(_ g: Geometry) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        append(g, to: &out)
        return out
    }

    static func append(_ g: Geometry, to out: inout [UInt8]) {
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func f64(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        func points(_ cs: [Coordinate]) { u32(UInt32(cs.count)); for c in cs { f64(c.longitude); f64(c.latitude) } }
        func polygonBody(_ p: Polygon) { u32(UInt32(1 + p.holes.count)); for r in p.rings { points(r.coordinates) } }
        out.append(1)  // little-endian
        switch g {
        case .point(let p): u32(1); f64(p.coordinate.longitude); f64(p.coordinate.latitude)
        case .lineString(let l): u32(2); points(l.coordinates)
        case .polygon(let p): u32(3); polygonBody(p)
        case .multiPoint(let m):
            u32(4); u32(UInt32(m.coordinates.count))
            for c in m.coordinates { append(.point(Point(c)), to: &out) }
        case .multiLineString(let m):
            u32(5); u32(UInt32(m.lineStrings.count))
            for l in m.lineStrings { append(.lineString(l), to: &out) }
        case .multiPolygon(let m):
            u32(6); u32(UInt32(m.polygons.count))
            for p in m.polygons { append(.polygon(p), to: &out) }
        case .geometryCollection(let gs):
            u32(7); u32(UInt32(gs.count))
            for x in gs { append(x, to: &out) }
        }
    }

    /// The WKB / GeoPackage type name ("POINT", "MULTIPOLYGON" …).
    public static func typeName(_ g: Geometry) -> String {
        switch g {
        case .point: "POINT"
        case .lineString: "LINESTRING"
        case .polygon: "POLYGON"
        case .multiPoint: "MULTIPOINT"
        case .multiLineString: "MULTILINESTRING"
        case .multiPolygon: "MULTIPOLYGON"
        case .geometryCollection: "GEOMETRYCOLLECTION"
        }
    }
}
