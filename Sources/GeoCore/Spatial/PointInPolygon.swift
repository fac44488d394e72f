/// Exact point-in-polygon tests (crossing number, no tolerance).
///
/// # The edge rule
/// A point lying exactly on an edge or vertex is decided as if it were
/// moved an infinitesimal step east (and, on an east–west edge, north): it
/// belongs to the polygon on that side. Two zones sharing an edge therefore
/// never both claim a point on it, and never both miss it, so every point of
/// a tiling lands in exactly one zone. Each edge is evaluated with its
/// endpoints in a canonical order (lower latitude first), so both polygons
/// that share it compute the same orientation sign bit for bit.
///
/// Holes follow the same rule, so a point on the boundary between a hole and
/// the island filling it goes to exactly one of them.
public enum PointInPolygon {
    /// `true` when `c` is inside the ring by the edge rule above.
    @inlinable
    public static func ringContains(_ ring: [Coordinate], _ c: Coordinate) -> Bool {
        let x = c.longitude, y = c.latitude
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let p = ring[i], q = ring[j]
            j = i
            // Half-open in latitude: the edge counts when it straddles y with one end strictly above.
            if (p.latitude > y) != (q.latitude > y) {
                let (a, b) = p.latitude < q.latitude ? (p, q) : (q, p)
                // > 0: point strictly left of the upward edge a→b, so a ray east crosses it.
                let cross = (b.longitude - a.longitude) * (y - a.latitude) - (b.latitude - a.latitude) * (x - a.longitude)
                if cross > 0 { inside.toggle() }
            }
        }
        return inside
    }

    /// `true` when `c` is inside the exterior and outside every hole.
    @inlinable
    public static func contains(_ polygon: Polygon, _ c: Coordinate) -> Bool {
        guard ringContains(polygon.exterior.coordinates, c) else { return false }
        for h in polygon.holes where ringContains(h.coordinates, c) { return false }
        return true
    }
}

extension Polygon {
    /// Exact containment by the edge rule of ``PointInPolygon``.
    public func contains(_ c: Coordinate) -> Bool {
        guard boundingBox.contains(c) else { return false }
        return PointInPolygon.contains(self, c)
    }
}

extension MultiPolygon {
    /// `true` when any part contains `c` (parts of a valid multipolygon do not overlap).
    public func contains(_ c: Coordinate) -> Bool {
        polygons.contains { $0.contains(c) }
    }
}

extension Geometry {
    /// Point containment for areal geometries; `false` for points and lines.
    public func contains(_ c: Coordinate) -> Bool {
        polygons.contains { $0.contains(c) }
    }
}
