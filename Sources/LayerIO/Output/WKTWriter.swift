import GeoCore

/// Well-Known Text (ISO 19125), x = longitude, y = latitude, 7 decimals.
public enum WKTWriter {
    public static func encode(_ g: Geometry) -> String {
        func xy(_ c: Coordinate) -> String {
            var s: [UInt8] = []
            JSONText.appendFixed(c.longitude, precision: 7, to: &s)
            s.append(UInt8(ascii: " "))
            JSONText.appendFixed(c.latitude, precision: 7, to: &s)
            return String(decoding: s, as: UTF8.self)
        }
        func list(_ cs: [Coordinate]) -> String { "(" + cs.map(xy).joined(separator: ", ") + ")" }
        func poly(_ p: Polygon) -> String { "(" + p.rings.map { list($0.coordinates) }.joined(separator: ", ") + ")" }
        switch g {
        case .point(let p): return "POINT (\(xy(p.coordinate)))"
        case .lineString(let l): return "LINESTRING " + list(l.coordinates)
        case .polygon(let p): return "POLYGON " + poly(p)
        case .multiPoint(let m): return "MULTIPOINT (" + m.coordinates.map { "(\(xy($0)))" }.joined(separator: ", ") + ")"
        case .multiLineString(let m): return "MULTILINESTRING (" + m.lineStrings.map { list($0.coordinates) }.joined(separator: ", ") + ")"
        case .multiPolygon(let m): return "MULTIPOLYGON (" + m.polygons.map(poly).joined(separator: ", ") + ")"
        case .geometryCollection(let gs): return gs.isEmpty ? "GEOMETRYCOLLECTION EMPTY" : "GEOMETRYCOLLECTION (" + gs.map(encode).joined(separator: ", ") + ")"
        }
    }
}
