import ControlShare
import Foundation
import GeoCore
import Incidents
import Testing
import TestSupport
import Zones

@Suite("Overlay shares")
struct OverlayShareTests {
    static func area(_ c: String, _ g: Geometry, since: String? = nil, until: String? = nil) -> ControlArea {
        ControlArea(id: c, geometry: g, controller: c, controlClass: ControlClass(c), since: since.flatMap { CalendarDate(iso8601: $0) },
                    until: until.flatMap { CalendarDate(iso8601: $0) }, source: "test", confidence: nil)
    }

    /// Planar area (m²) of a ring in projected metres (shoelace).
    static func planar(_ g: Geometry) -> Double {
        g.polygons.reduce(0) { acc, p in
            func ring(_ r: [Coordinate]) -> Double {
                var s = 0.0
                for i in 1..<r.count { s += r[i - 1].longitude * r[i].latitude - r[i].longitude * r[i - 1].latitude }
                return abs(s) / 2
            }
            return acc + ring(p.exterior.coordinates) - p.holes.reduce(0) { $0 + ring($1.coordinates) }
        }
    }

    @Test("overlay shares match an independent equal-area planar computation to 1e-6 on the capital's communes")
    func independent() throws {
        let communes = try SyntheticMaps.papCommunes()
        let result = try OverlayShare.compute(zones: communes, areas: [Self.area("gang", SyntheticMaps.gangArea), Self.area("state", SyntheticMaps.stateArea)], asOf: nil)
        // Independent route: project everything to Lambert equal-area, clip there, measure with the shoelace formula.
        let laea = "+proj=laea +lat_0=18.55 +lon_0=-72.3 +datum=WGS84 +units=m +no_defs +type=crs"
        let proj = try CoordinateTransformation(from: "EPSG:4326", to: laea)
        let gangP = try proj.transform(SyntheticMaps.gangArea)
        var checked = 0
        for z in communes {
            let zp = try proj.transform(z.geometry)
            let expected = Self.planar(try zp.intersection(gangP)) / Self.planar(zp)
            let ours = try #require(result.shares[z.id]?[ControlClass("gang")])
            #expect(abs(ours - expected) < 1e-6, "\(z.id) \(z.name): \(ours) vs \(expected)")
            if expected > 0 { checked += 1 }
        }
        #expect(checked >= 4)
        // Shares within a zone never exceed 1.
        for (_, row) in result.shares { #expect(row.values.reduce(0, +) <= 1 + 1e-9) }
    }

    @Test("overlapping classes: overlap reported, precedence state > gang, dates honoured")
    func overlapAndDates() throws {
        let communes = try SyntheticMaps.papCommunes()
        let gang = Self.area("gang", SyntheticMaps.box(-72.40, 18.50, -72.28, 18.58))
        let state = Self.area("state", SyntheticMaps.box(-72.32, 18.50, -72.25, 18.58))
        let r = try OverlayShare.compute(zones: communes, areas: [gang, state], asOf: nil)
        #expect(r.classes == [ControlClass("state"), ControlClass("gang")])
        #expect(!r.overlapKm2.isEmpty)
        let total = r.overlapKm2.values.reduce(0, +)
        let overlapGeodesic = Geodesic.area(of: try SyntheticMaps.box(-72.32, 18.50, -72.28, 18.58).intersection(.multiPolygon(MultiPolygon(communes.flatMap(\.geometry.polygons))))) / 1e6
        #expect(abs(total - overlapGeodesic) / overlapGeodesic < 1e-3, "\(total) vs \(overlapGeodesic)")
        // An area valid only before the as-of date is ignored.
        let old = Self.area("gang", SyntheticMaps.gangArea, since: "2024-01-01", until: "2024-12-31")
        let later = try OverlayShare.compute(zones: communes, areas: [old], asOf: CalendarDate(iso8601: "2025-04-04"))
        #expect(later.classes.isEmpty)
        let during = try OverlayShare.compute(zones: communes, areas: [old], asOf: CalendarDate(iso8601: "2024-06-01"))
        #expect(during.classes == [ControlClass("gang")])
    }

    @Test("roll-up: a department's share is the area-weighted mean of its communes' (1e-9), and agrees with direct overlay")
    func rollUp() throws {
        let set = try SyntheticMaps.codAB.get()
        let communes = set.layers[1].zones.filter { $0.parentID == "HT01" }
        let areas = [Self.area("gang", SyntheticMaps.gangArea), Self.area("state", SyntheticMaps.stateArea)]
        let byCommune = try OverlayShare.compute(zones: communes, areas: areas, asOf: nil)
        var rows = communes.map { ZoneSummaryRow(zone: $0) }
        for k in rows.indices { rows[k].overlay = byCommune.shares[rows[k].zone.id] }
        let ouest = try #require(set.layers[0].zone(id: "HT01"))
        let parent = try #require(RollUp.rows(parents: [ouest], children: rows).first)
        let totalArea = communes.reduce(0) { $0 + $1.areaKm2 }
        for c: ControlClass in [.gang, .state] {
            let expected = communes.reduce(0) { $0 + (byCommune.shares[$1.id]?[c] ?? 0) * $1.areaKm2 } / totalArea
            #expect(abs((parent.overlay?[c] ?? -1) - expected) < 1e-9)
            // Direct overlay on the department agrees to the precision areas add up (COD-AB levels nest to ~1e-6).
            let direct = try OverlayShare.compute(zones: [ouest], areas: areas, asOf: nil).shares["HT01"]?[c] ?? -1
            #expect(abs(direct - expected) < 1e-5, "\(c): direct \(direct) vs rolled up \(expected)")
        }
        #expect(parent.rolledUp)
    }
}
