@testable import ControlShare
import Foundation
import GeoCore
import Incidents
import Testing
import TestSupport
import Zones

@Suite("Incident surface: control polygons")
struct ControlPolygonsTests {
    @Test("each class's dissolved polygon covers the area its shares give (Σ share × zone area), within 0.1%")
    func areasMatchShares() throws {
        let (surface, input) = try SurfaceBootstrapTests.setting(bootstrap: 0)
        let estimates = try surface.estimate(input)
        let polygons = try surface.controlPolygons(input)
        let zoneKm2 = surface.zoneAreas
        var compared = 0
        for c in surface.classes + [ControlClass("contested")] {
            let expected = zip(estimates, zoneKm2).reduce(0.0) { sum, e in
                sum + (c == ControlClass("contested") ? e.0.contested : (e.0.shares[c] ?? 0)) * e.1
            }
            let got = polygons[c.rawValue].map { Geodesic.area(of: $0) / 1e6 } ?? 0
            #expect(abs(got - expected) <= 1e-3 * max(expected, 1), "\(c): polygons \(got) km² against shares \(expected) km²")
            if expected > 1 { compared += 1 }
        }
        #expect(compared >= 2, "at least two classes hold ground in the setting")
        #expect(polygons["gang"].map { $0.polygons.count } ?? 0 >= 1)
    }

    @Test("row runs cover exactly the cells they stand for")
    func rowRuns() throws {
        let zones = try SyntheticMaps.papCommunes().filter { $0.id == "HT0111" }
        let grid = try SurfaceGrid(zones: zones, cellKm: 1, cache: nil)
        let cells = grid.zoneCells[0].map(\.cell).filter { $0 % 3 != 0 }   // runs broken every third column
        let runs = grid.rowRuns(cells: cells)
        #expect(runs.count < cells.count && runs.count > 1)
        let a = runs.reduce(0.0) { $0 + Geodesic.area(of: $1) }
        let b = cells.reduce(0.0) { $0 + Geodesic.area(of: grid.polygon(cell: $1)) }
        #expect(abs(a - b) / b < 1e-6, "\(a) against \(b) m²")
    }
}
