import GeoCore
import Testing
import TestSupport
import Zones

@Suite("Point-in-zone assignment")
struct PointLocatorTests {
    @Test("assignment agrees with GEOS contains on 100,000 seeded points over the sections")
    func agreesWithGEOS() throws {
        let sections = try CODABZones.set().layers[2]
        let locator = PointLocator(layer: sections)
        var rng = SeededGenerator(seed: 4_2025)
        var disagreements: [String] = []
        var assigned = 0
        for _ in 0..<100_000 {
            let c = Coordinate(longitude: Double.random(in: -74.5 ... -71.6, using: &rng), latitude: Double.random(in: 18.0 ... 20.1, using: &rng))
            let ours = locator.zoneIndex(containing: c)
            var geos: [Int] = []
            sections.index.forEachCandidate(containing: c) { i in
                if (try? sections.zones[i].geometry.geosContains(.point(Point(c)))) == true { geos.append(i) }
            }
            if ours != nil { assigned += 1 }
            if geos.count > 1 || (geos.first != ours) {
                // Allowed only within 1e-9° of an edge.
                let near = ([ours].compactMap { $0 } + geos).contains { i in
                    sections.zones[i].geometry.polygons.contains { p in p.rings.contains { r in Self.distance(c, r.coordinates) < 1e-9 } }
                }
                if !near { disagreements.append("\(c): ours \(String(describing: ours)), GEOS \(geos)") }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        #expect(assigned > 30_000)
    }

    @Test("exact agreement with the plain point-in-polygon rule, edges included")
    func agreesWithPlainRule() throws {
        let communes = try CODABZones.set().layers[1]
        let locator = PointLocator(layer: communes)
        var rng = SeededGenerator(seed: 99)
        // Points on vertices and edge midpoints are the hard cases.
        for z in communes.zones.prefix(40) {
            let ring = z.geometry.polygons[0].exterior.coordinates
            for k in stride(from: 0, to: ring.count - 1, by: max(1, ring.count / 25)) {
                let a = ring[k], b = ring[k + 1]
                let t = Double.random(in: 0...1, using: &rng)
                for c in [a, Coordinate(longitude: a.longitude + t * (b.longitude - a.longitude), latitude: a.latitude + t * (b.latitude - a.latitude))] {
                    let plain = communes.zones.indices.filter { communes.zones[$0].geometry.contains(c) }
                    #expect(plain.count <= 1, "\(c) in \(plain)")
                    #expect(locator.zoneIndex(containing: c) == plain.first, "\(c)")
                }
            }
        }
    }

    @Test("without its grid the locator gives the gridded answers (seeded points, edges and vertices of the sections)")
    func ungriddedAgrees() throws {
        let sections = try CODABZones.set().layers[2]
        let gridded = PointLocator(layer: sections)
        let plain = PointLocator(layer: sections, gridded: false)
        var rng = SeededGenerator(seed: 7_2026)
        var points = (0..<20_000).map { _ in
            Coordinate(longitude: Double.random(in: -74.5 ... -71.6, using: &rng), latitude: Double.random(in: 18.0 ... 20.1, using: &rng))
        }
        for z in sections.zones.prefix(60) {
            let ring = z.geometry.polygons[0].exterior.coordinates
            for k in stride(from: 0, to: ring.count - 1, by: max(1, ring.count / 10)) {
                points.append(ring[k])
                points.append(Coordinate(longitude: (ring[k].longitude + ring[k + 1].longitude) / 2, latitude: (ring[k].latitude + ring[k + 1].latitude) / 2))
            }
        }
        var inside = 0
        for c in points {
            let a = gridded.zoneIndex(containing: c)
            #expect(plain.zoneIndex(containing: c) == a, "\(c)")
            if a != nil { inside += 1 }
        }
        #expect(inside > 5_000)
        // Snapping goes through the same boundary index either way.
        let bay = Coordinate(longitude: -72.356, latitude: 18.572)
        #expect(plain.place(bay, snapKm: 2) == gridded.place(bay, snapKm: 2))
    }

    @Test("offshore points snap within 2 km, farther ones are outside")
    func snapping() throws {
        let communes = try CODABZones.set().layers[1]
        let locator = PointLocator(layer: communes)
        // In the bay just off Cité Soleil / Port-au-Prince's waterfront.
        let bay = Coordinate(longitude: -72.356, latitude: 18.572)
        #expect(locator.zoneIndex(containing: bay) == nil)
        let p = locator.place(bay, snapKm: 2)
        #expect(p.snapped)
        #expect(p.distanceKm > 0 && p.distanceKm <= 2)
        let id = communes.zones[p.zoneIndex!].id
        #expect(["HT0117", "HT0111"].contains(id), "\(id)")
        // Mid-channel between Haiti and Gonâve: far from land.
        let sea = Coordinate(longitude: -72.75, latitude: 18.70)
        #expect(locator.place(sea, snapKm: 2).outside)
        // Inside points are not snapped.
        let mirebalais = Coordinate(longitude: -72.1048, latitude: 18.8345)
        let q = locator.place(mirebalais)
        #expect(!q.snapped && communes.zones[q.zoneIndex!].id == "HT0621")
    }

    static func distance(_ c: Coordinate, _ r: [Coordinate]) -> Double {
        var best = Double.infinity
        for i in 1..<r.count {
            let ax = r[i - 1].longitude, ay = r[i - 1].latitude, dx = r[i].longitude - ax, dy = r[i].latitude - ay
            let len2 = dx * dx + dy * dy
            let t = len2 > 0 ? max(0, min(1, ((c.longitude - ax) * dx + (c.latitude - ay) * dy) / len2)) : 0
            let ex = ax + t * dx - c.longitude, ey = ay + t * dy - c.latitude
            best = min(best, (ex * ex + ey * ey).squareRoot())
        }
        return best
    }
}
