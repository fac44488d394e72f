import GeoCore

/// Groups the rings of a shapefile polygon record into polygons with holes.
///
/// The format says outer rings run clockwise and holes counter-clockwise,
/// but files in the wild get this wrong. Rings are therefore assembled by
/// containment, which does not depend on orientation: rings are taken from
/// the largest to the smallest, each is placed inside the smallest ring
/// already seen that contains it, and its nesting depth decides its role
/// (even depth: an outer ring; odd: a hole of its parent). For files that
/// follow the rule this gives the same result as orientation.
enum RingAssembly {
    static func polygons(from rings: [LinearRing]) -> [Polygon] {
        if rings.count == 1 { return [Polygon(exterior: rings[0])] }
        let areas = rings.map { abs($0.signedPlanarArea2) }
        let boxes = rings.map(\.boundingBox)
        let order = rings.indices.sorted { areas[$0] > areas[$1] }
        var depth = [Int](repeating: 0, count: rings.count)
        var parent = [Int?](repeating: nil, count: rings.count)
        var placed: [Int] = []
        for r in order {
            // The smallest placed ring that contains r: scan placed rings from the smallest.
            for cand in placed.reversed() where boxes[cand].intersects(boxes[r]) {
                if contains(rings[cand], rings[r]) {
                    parent[r] = cand
                    depth[r] = depth[cand] + 1
                    break
                }
            }
            placed.append(r)
        }
        var holes: [Int: [LinearRing]] = [:]
        for r in rings.indices where depth[r] % 2 == 1 { holes[parent[r]!, default: []].append(rings[r]) }
        // Outer rings in file order.
        return rings.indices.filter { depth[$0] % 2 == 0 }.map { Polygon(exterior: rings[$0], holes: holes[$0] ?? []) }
    }

    /// `true` when most of the first few vertices of `inner` lie inside `outer`
    /// (a hole may touch its shell at a vertex, so one vertex is not enough).
    private static func contains(_ outer: LinearRing, _ inner: LinearRing) -> Bool {
        guard outer.boundingBox.intersects(inner.boundingBox) else { return false }
        let probe = min(5, inner.coordinates.count - 1)
        var yes = 0
        for k in 0..<probe where PointInPolygon.ringContains(outer.coordinates, inner.coordinates[k]) { yes += 1 }
        return yes * 2 > probe
    }
}
