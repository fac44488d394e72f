import Foundation
import GeoCore
import Testing
import TestSupport
import Zones

/// Geo/boundaries (derived by Geo/scripts/make-boundaries) against the COD-AB originals in ../shared.
@Suite("Embedded boundaries agree with COD-AB")
struct EmbeddedBoundariesTests {
    static let embedded: Result<ZoneSet, any Error> = Result {
        try ZoneSet(path: SharedData.repositoryRoot.appendingPathComponent("Geo/boundaries").path)
    }

    @Test("same zones, p-codes, names and parents; every geodesic area within 0.5% (measured: within 0.01%)")
    func areas() throws {
        let e = try Self.embedded.get(), o = try CODABZones.set()
        var worst = 0.0
        for level: ZoneLevel in [.adm1, .adm2, .adm3] {
            let a = try #require(e.layers.first { $0.level == level }), b = try #require(o.layers.first { $0.level == level })
            #expect(a.zones.count == b.zones.count, "\(level)")
            for z in b.zones {
                let mine = try #require(a.zone(id: z.id), "\(z.id) missing")
                #expect(mine.name == z.name && mine.parentID == z.parentID, "\(z.id)")
                let rel = abs(mine.areaKm2 - z.areaKm2) / z.areaKm2
                worst = max(worst, rel)
                #expect(rel <= 0.005, "\(z.id): \(mine.areaKm2) km² vs \(z.areaKm2) km²")
            }
        }
        print("embedded boundaries: largest relative area difference \(String(format: "%.6f", worst))")
        let country = try #require(e.layers.first { $0.level == ZoneLevel("adm0") }?.zones.first)
        #expect(country.id == "HT" && abs(country.areaKm2 - 26_942) < 5)
    }

    @Test("100,000 random points over Haiti fall in the same section (and commune) in ≥ 99.9% of cases")
    func pointAssignment() throws {
        let e = try Self.embedded.get(), o = try CODABZones.set()
        var rng = SeededGenerator(seed: 22)
        for level: ZoneLevel in [.adm2, .adm3] {
            let a = PointLocator(layer: try #require(e.layers.first { $0.level == level }))
            let b = PointLocator(layer: try #require(o.layers.first { $0.level == level }))
            var inside = 0, same = 0
            while inside < 100_000 {
                let c = Coordinate(longitude: Double.random(in: -74.4804 ... -71.6222, using: &rng), latitude: Double.random(in: 18.0221...20.0892, using: &rng))
                guard let zb = b.zoneIndex(containing: c) else { continue }
                inside += 1
                if let za = a.zoneIndex(containing: c), a.layer.zones[za].id == b.layer.zones[zb].id { same += 1 }
            }
            print("embedded boundaries: \(level): \(same) of \(inside) points in the same zone")
            #expect(Double(same) / Double(inside) >= 0.999, "\(level): \(same) of \(inside)")
        }
    }
}
