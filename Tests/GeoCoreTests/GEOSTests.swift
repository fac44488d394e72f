import GeoCore
import Testing

@Suite("GEOS bridge")
struct GEOSTests {
    @Test("every COD-AB polygon is valid")
    func codABValid() throws {
        for level in 1...3 {
            for f in try CODAB.level(level).features {
                let v = try f.geometry!.validity()
                #expect(v == .valid, "level \(level) feature \(f.id!): \(v)")
            }
        }
    }

    @Test("a bow-tie is invalid, with its reason and location; make-valid repairs it")
    func bowTie() throws {
        let bowTie = Geometry.polygon(try Polygon(rings: [[
            Coordinate(longitude: 0, latitude: 0), Coordinate(longitude: 1, latitude: 1),
            Coordinate(longitude: 1, latitude: 0), Coordinate(longitude: 0, latitude: 1), Coordinate(longitude: 0, latitude: 0),
        ]]))
        guard case let .invalid(reason, location) = try bowTie.validity() else {
            Issue.record("bow-tie reported valid")
            return
        }
        #expect(reason.contains("Self-intersection"))
        #expect(location == Coordinate(longitude: 0.5, latitude: 0.5))
        let repaired = try bowTie.makeValid()
        #expect(try repaired.validity() == .valid)
        #expect(repaired.polygons.count == 2)
    }

    @Test("overlay: intersection, union and difference areas add up")
    func overlayAreas() throws {
        // Small squares near Port-au-Prince. Overlay splits edges at new
        // vertices on the parallel, and a geodesic through a vertex on the
        // parallel differs from one that skips it: for 2 km east–west edges at
        // 18.5°N the sagitta is L²·tan φ / 8R ≈ 3 cm, i.e. ~35 m² over a
        // 3.7 km² piece (≈1e-5). Hence a relative tolerance of 1e-4.
        let a = Geometry.polygon(try square(-72.4, 18.5, 0.02))
        let b = Geometry.polygon(try square(-72.39, 18.51, 0.02))
        let i = try a.intersection(b), u = try a.union(b), d = try a.difference(b)
        let area = { (g: Geometry) in Geodesic.area(of: g) }
        #expect(abs(area(u) - (area(a) + area(b) - area(i))) / area(u) < 1e-4)
        #expect(abs(area(d) - (area(a) - area(i))) / area(d) < 1e-4)
        #expect(abs(area(i) / area(a) - 0.25) < 1e-3)
        let box = try #require(i.boundingBox)
        #expect(abs(box.minLongitude + 72.39) < 1e-12 && abs(box.maxLatitude - 18.52) < 1e-12)
        let empty = try a.intersection(.polygon(try square(5, 5, 1)))
        #expect(Geodesic.area(of: empty) == 0)
    }

    @Test("unary union of Port-au-Prince arrondissement communes keeps their area")
    func unaryUnionArrondissement() throws {
        let communes = try CODAB.level(2).features.filter { $0["ADM2_PCODE"]?.stringValue?.hasPrefix("HT011") == true }
        #expect(communes.count == 8)
        let merged = try Geometry.unaryUnion(communes.map { $0.geometry! })
        let sum = communes.reduce(0.0) { $0 + Geodesic.area(of: $1.geometry!) }
        #expect(abs(Geodesic.area(of: merged) - sum) / sum < 1e-6)
        #expect(try merged.validity() == .valid)
    }

    @Test("representative point lies inside; simplification keeps validity")
    func representativeAndSimplify() throws {
        for f in try CODAB.level(2).features.prefix(30) {
            let g = f.geometry!
            let p = try g.representativePoint()
            #expect(g.contains(p), "representative point of \(f["ADM2_PCODE"]!) not inside")
            let s = try g.simplified(tolerance: 0.001)
            #expect(try s.validity() == .valid)
        }
    }

    @Test("contexts are per thread: parallel overlay calls do not interfere")
    func parallelContexts() async throws {
        let communes = try CODAB.level(2).features.map { $0.geometry! }
        let areas = try await withThrowingTaskGroup(of: Double.self) { group in
            for g in communes.prefix(16) {
                group.addTask { Geodesic.area(of: try g.intersection(g)) }
            }
            return try await group.reduce(0, +)
        }
        let direct = communes.prefix(16).reduce(0.0) { $0 + Geodesic.area(of: $1) }
        #expect(abs(areas - direct) / direct < 1e-9)
    }

    private func square(_ x: Double, _ y: Double, _ size: Double) throws -> Polygon {
        try Polygon(rings: [[
            Coordinate(longitude: x, latitude: y), Coordinate(longitude: x + size, latitude: y),
            Coordinate(longitude: x + size, latitude: y + size), Coordinate(longitude: x, latitude: y + size),
            Coordinate(longitude: x, latitude: y),
        ]])
    }
}
