import GeoCore
import Testing

@Suite("Point-in-polygon and the STR-tree")
struct SpatialTests {
    @Test("point-in-polygon agrees with GEOS on 100,000 seeded points over the communes")
    func agreesWithGEOS() throws {
        let communes = try CODAB.level(2).features.map { $0.geometry! }
        let tree = STRTree(boxes: communes.map { $0.boundingBox! })
        var rng = SeededGenerator(seed: 20_250_331)
        var disagreements = 0, inside = 0, nearEdge = 0
        // GEOS contains() excludes the boundary; compare on points off edges.
        for _ in 0..<100_000 {
            let c = Coordinate(longitude: Double.random(in: -74.5 ... -71.6, using: &rng),
                               latitude: Double.random(in: 18.0 ... 20.1, using: &rng))
            var ours: [Int] = []
            tree.forEachCandidate(containing: c) { i in if communes[i].contains(c) { ours.append(i) } }
            var theirs: [Int] = []
            let point = Geometry.point(Point(c))
            tree.forEachCandidate(containing: c) { i in if (try? communes[i].geosContains(point)) == true { theirs.append(i) } }
            if ours != theirs {
                // Allowed only within 1e-9° of an edge.
                let d = (ours + theirs).map { Self.distanceToBoundary(c, communes[$0]) }.min()!
                if d < 1e-9 { nearEdge += 1 } else { disagreements += 1 }
            }
            #expect(ours.count <= 1, "communes overlap at \(c)")
            if !ours.isEmpty { inside += 1 }
        }
        #expect(disagreements == 0)
        #expect(inside > 30_000, "only \(inside) points fell in a commune")
    }

    @Test("a point on a shared edge or vertex belongs to exactly one of two tiles")
    func sharedEdges() throws {
        let west = try Polygon(rings: [[c(0, 0), c(1, 0), c(1, 1), c(0, 1), c(0, 0)]])
        let east = try Polygon(rings: [[c(1, 0), c(2, 0), c(2, 1), c(1, 1), c(1, 0)]])
        let north = try Polygon(rings: [[c(0, 1), c(2, 1), c(2, 2), c(0, 2), c(0, 1)]])
        for p in [c(1, 0.5), c(1, 1), c(0.5, 1), c(1.5, 1), c(1, 0.3333333333)] {
            let owners = [west, east, north].filter { $0.contains(p) }
            #expect(owners.count == 1, "\(p) owned by \(owners.count)")
        }
        // East of a north–south edge wins; north of an east–west edge wins.
        #expect(east.contains(c(1, 0.5)))
        #expect(north.contains(c(0.5, 1)))
        // A slanted shared edge, traversed in opposite directions by the two polygons.
        let left = try Polygon(rings: [[c(0, 0), c(0.3, 0), c(0.7, 1), c(0, 1), c(0, 0)]])
        let right = try Polygon(rings: [[c(0.3, 0), c(1, 0), c(1, 1), c(0.7, 1), c(0.3, 0)]])
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<10_000 {
            let t = Double.random(in: 0.001..<0.999, using: &rng)
            let p = c(0.3 + 0.4 * t, t)
            #expect([left, right].filter { $0.contains(p) }.count == 1)
        }
    }

    @Test("holes exclude, islands in holes include")
    func holes() throws {
        let outer = try Polygon(rings: [[c(0, 0), c(4, 0), c(4, 4), c(0, 4), c(0, 0)], [c(1, 1), c(3, 1), c(3, 3), c(1, 3), c(1, 1)]])
        let island = try Polygon(rings: [[c(1, 1), c(3, 1), c(3, 3), c(1, 3), c(1, 1)]])
        #expect(outer.contains(c(0.5, 0.5)))
        #expect(!outer.contains(c(2, 2)))
        #expect(island.contains(c(2, 2)))
        #expect([outer, island].filter { $0.contains(c(1, 2)) }.count == 1)
        #expect(MultiPolygon([outer, island]).contains(c(2, 2)))
    }

    @Test("STR-tree queries equal a brute-force scan")
    func strTree() {
        var rng = SeededGenerator(seed: 42)
        let boxes = (0..<5_000).map { _ -> BoundingBox in
            let x = Double.random(in: -74...(-71), using: &rng), y = Double.random(in: 18...20, using: &rng)
            return BoundingBox(minLongitude: x, minLatitude: y, maxLongitude: x + Double.random(in: 0...0.2, using: &rng),
                               maxLatitude: y + Double.random(in: 0...0.2, using: &rng))
        }
        let tree = STRTree(boxes: boxes, nodeCapacity: 8)
        #expect(tree.count == 5_000)
        for _ in 0..<500 {
            let x = Double.random(in: -74.2...(-71), using: &rng), y = Double.random(in: 17.8...20, using: &rng)
            let q = BoundingBox(minLongitude: x, minLatitude: y, maxLongitude: x + 0.3, maxLatitude: y + 0.1)
            let expected = boxes.indices.filter { boxes[$0].intersects(q) }
            #expect(tree.query(q) == expected)
        }
        #expect(STRTree(boxes: []).query(boxes[0]).isEmpty)
    }

    private func c(_ x: Double, _ y: Double) -> Coordinate { Coordinate(longitude: x, latitude: y) }

    /// Planar distance in degrees from `c` to the nearest ring edge of `g`.
    static func distanceToBoundary(_ c: Coordinate, _ g: Geometry) -> Double {
        var best = Double.infinity
        for p in g.polygons {
            for ring in p.rings {
                let r = ring.coordinates
                for i in 1..<r.count {
                    let ax = r[i - 1].longitude, ay = r[i - 1].latitude, bx = r[i].longitude, by = r[i].latitude
                    let dx = bx - ax, dy = by - ay
                    let len2 = dx * dx + dy * dy
                    let t = len2 > 0 ? max(0, min(1, ((c.longitude - ax) * dx + (c.latitude - ay) * dy) / len2)) : 0
                    let ex = ax + t * dx - c.longitude, ey = ay + t * dy - c.latitude
                    best = min(best, (ex * ex + ey * ey).squareRoot())
                }
            }
        }
        return best
    }
}
