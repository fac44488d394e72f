import GeoCore

/// Builds grid zone layers clipped to an outline.
///
/// Square and hexagonal cells are laid out in a Lambert azimuthal equal-area
/// projection centred on the outline (PROJ `+proj=laea` on the WGS 84
/// ellipsoid), so every whole cell has the same area on the ellipsoid; cell
/// edges are densified before being brought back to longitude/latitude.
/// PRIO-GRID cells are the global 0.5° grid, numbered as PRIO-GRID does
/// (`gid = row × 720 + column + 1`, from (-180°, -90°) eastwards then north).
///
/// Cells are clipped to the outline with GEOS; cells that do not touch it are
/// dropped. Each cell carries `full_area_km2` (unclipped) and `clipped`.
public enum GridBuilder {
    public static func build(_ spec: GridSpec, outline: Geometry, outlineName: String = "outline") throws -> ZoneLayer {
        let level = spec.description
        let cells: [(id: String, ring: [Coordinate])]
        switch spec {
        case .prio: cells = prioCells(over: outline.boundingBox!)
        case .square(let km): cells = try projectedCells(over: outline, sizeKm: km, hexagonal: false)
        case .hexagon(let km): cells = try projectedCells(over: outline, sizeKm: km, hexagonal: true)
        }
        let prepared = PreparedZone(outline)
        let outlineBox = outline.boundingBox!
        var zones: [Zone] = []
        for cell in cells {
            let polygon = Geometry.polygon(Polygon(exterior: try LinearRing(cell.ring)))
            guard let box = polygon.boundingBox, box.intersects(outlineBox) else { continue }
            let fullArea = Geodesic.area(of: polygon) / 1e6
            // Whole cell inside when every vertex is inside and no outline vertex falls in the cell.
            let allInside = cell.ring.allSatisfy { prepared.contains($0.longitude, $0.latitude) }
            let outlineVertexInside = allInside && outline.polygons.contains { p in
                p.rings.contains { r in r.coordinates.contains { box.contains($0) } }
            }
            var geometry = polygon
            var clipped = false
            if !allInside || outlineVertexInside {
                let clippedGeometry = try polygon.intersection(outline)
                let parts = clippedGeometry.polygons
                if parts.isEmpty { continue }
                geometry = parts.count == 1 ? .polygon(parts[0]) : .multiPolygon(MultiPolygon(parts))
                clipped = abs(Geodesic.area(of: geometry) / 1e6 - fullArea) > fullArea * 1e-9
            }
            zones.append(try Zone(id: cell.id, name: cell.id, level: ZoneLevel(level), geometry: geometry, properties: [
                Property("full_area_km2", .double(fullArea)), Property("clipped", .bool(clipped)),
            ]))
        }
        return ZoneLayer(level: ZoneLevel(level), source: "\(level) over \(outlineName)", zones: zones)
    }

    private static func prioCells(over box: BoundingBox) -> [(id: String, ring: [Coordinate])] {
        let c0 = Int(((box.minLongitude + 180) / 0.5).rounded(.down)), c1 = Int(((box.maxLongitude + 180) / 0.5).rounded(.down))
        let r0 = Int(((box.minLatitude + 90) / 0.5).rounded(.down)), r1 = Int(((box.maxLatitude + 90) / 0.5).rounded(.down))
        var out: [(String, [Coordinate])] = []
        for r in r0...r1 {
            for c in c0...c1 {
                let x = Double(c) * 0.5 - 180, y = Double(r) * 0.5 - 90
                let ring = densified([Coordinate(longitude: x, latitude: y), Coordinate(longitude: x + 0.5, latitude: y),
                                      Coordinate(longitude: x + 0.5, latitude: y + 0.5), Coordinate(longitude: x, latitude: y + 0.5)], steps: 1)
                out.append(("prio-\(r * 720 + c + 1)", ring))
            }
        }
        return out
    }

    /// Cells laid out in a local equal-area projection, returned in lon/lat.
    private static func projectedCells(over outline: Geometry, sizeKm: Double, hexagonal: Bool) throws -> [(id: String, ring: [Coordinate])] {
        let centre = outline.boundingBox!.center
        let laea = "+proj=laea +lat_0=\(centre.latitude) +lon_0=\(centre.longitude) +datum=WGS84 +units=m +no_defs +type=crs"
        let forward = try CoordinateTransformation(from: CoordinateTransformation.wgs84, to: laea)
        let inverse = try CoordinateTransformation(from: laea, to: CoordinateTransformation.wgs84)
        // Projected bounding box of the outline.
        let projected = try forward.transform(outline.polygons.flatMap { $0.exterior.coordinates })
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for p in projected {
            minX = min(minX, p.longitude); maxX = max(maxX, p.longitude)
            minY = min(minY, p.latitude); maxY = max(maxY, p.latitude)
        }
        let s = sizeKm * 1000
        var rings: [(String, [Coordinate])] = []
        let prefix = hexagonal ? "hex\(label(sizeKm))km" : "sq\(label(sizeKm))km"
        if !hexagonal {
            let c0 = Int((minX / s).rounded(.down)), c1 = Int((maxX / s).rounded(.down))
            let r0 = Int((minY / s).rounded(.down)), r1 = Int((maxY / s).rounded(.down))
            for r in r0...r1 {
                for c in c0...c1 {
                    let x = Double(c) * s, y = Double(r) * s
                    let corners = [Coordinate(longitude: x, latitude: y), Coordinate(longitude: x + s, latitude: y),
                                   Coordinate(longitude: x + s, latitude: y + s), Coordinate(longitude: x, latitude: y + s)]
                    rings.append(("\(prefix)-r\(r - r0)-c\(c - c0)", try inverse.transform(densified(corners, steps: 4))))
                }
            }
        } else {
            // Pointy-top hexagons: centres `s` apart along rows, rows √3/2·s apart, odd rows offset by s/2.
            let radius = s / 3.0.squareRoot()  // centre to vertex
            let dy = s * 3.0.squareRoot() / 2
            let r0 = Int(((minY - radius) / dy).rounded(.down)), r1 = Int(((maxY + radius) / dy).rounded(.up))
            let c0 = Int(((minX - s) / s).rounded(.down)), c1 = Int(((maxX + s) / s).rounded(.up))
            for r in r0...r1 {
                for c in c0...c1 {
                    let cx = Double(c) * s + (r & 1 == 0 ? 0 : s / 2), cy = Double(r) * dy
                    let corners = (0..<6).map { k -> Coordinate in
                        let a = (Double(k) * 60 + 30) * .pi / 180
                        return Coordinate(longitude: cx + radius * cos(a), latitude: cy + radius * sin(a))
                    }
                    rings.append(("\(prefix)-r\(r - r0)-c\(c - c0)", try inverse.transform(densified(corners, steps: 2))))
                }
            }
        }
        return rings
    }

    /// Closes a ring of corners, adding `steps - 1` points along each edge.
    private static func densified(_ corners: [Coordinate], steps: Int) -> [Coordinate] {
        var out: [Coordinate] = []
        for i in 0..<corners.count {
            let a = corners[i], b = corners[(i + 1) % corners.count]
            for k in 0..<steps {
                let t = Double(k) / Double(steps)
                out.append(Coordinate(longitude: a.longitude + (b.longitude - a.longitude) * t, latitude: a.latitude + (b.latitude - a.latitude) * t))
            }
        }
        out.append(out[0])
        return out
    }

    private static func label(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
