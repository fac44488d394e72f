import GeoCore
import Testing

@Suite("Geodesic measures on COD-AB Haiti")
struct GeodesicTests {
    @Test("the 10 departments sum to 26,942.4 km²")
    func departmentsArea() throws {
        let departments = try CODAB.level(1)
        #expect(departments.features.count == 10)
        let km2 = departments.features.reduce(0.0) { $0 + Geodesic.area(of: $1.geometry!) } / 1e6
        #expect(abs(km2 - 26_942.4) <= 0.1, "departments sum to \(km2) km²")
    }

    @Test("Mirebalais commune HT0621 is 326.64 km²")
    func mirebalaisArea() throws {
        let communes = try CODAB.level(2)
        let mirebalais = try #require(communes.features.first { $0["ADM2_PCODE"] == .string("HT0621") })
        #expect(mirebalais["ADM2_FR"] == .string("Mirebalais"))
        let km2 = Geodesic.area(of: mirebalais.geometry!) / 1e6
        #expect(abs(km2 - 326.64) <= 0.01, "Mirebalais is \(km2) km²")
    }

    @Test("departments, communes and sections cover the same area")
    func levelsNest() throws {
        let totals = try (1...3).map { level in
            try CODAB.level(level).features.reduce(0.0) { $0 + Geodesic.area(of: $1.geometry!) } / 1e6
        }
        #expect(try CODAB.level(2).features.count == 140)
        #expect(try CODAB.level(3).features.count == 570)
        #expect(abs(totals[0] - totals[1]) < 0.05, "\(totals)")
        #expect(abs(totals[0] - totals[2]) < 0.05, "\(totals)")
    }

    @Test("one degree of longitude on the equator is 111,319.49 m")
    func equatorDegree() {
        let d = Geodesic.distance(Coordinate(longitude: 0, latitude: 0), Coordinate(longitude: 1, latitude: 0))
        // a · π / 180 on the equator, a = 6 378 137 m.
        #expect(abs(d - 111_319.490_793_273_57) < 1e-6)
        let inv = Geodesic.inverse(Coordinate(longitude: 0, latitude: 0), Coordinate(longitude: 1, latitude: 0))
        #expect(abs(inv.initialAzimuth - 90) < 1e-9)
    }

    @Test("direct and inverse problems agree")
    func directInverse() {
        let pap = Coordinate(longitude: -72.3388, latitude: 18.5392)
        let there = Geodesic.destination(from: pap, azimuth: 37.5, distance: 52_345.6)
        let back = Geodesic.inverse(pap, there)
        #expect(abs(back.distance - 52_345.6) < 1e-6)
        #expect(abs(back.initialAzimuth - 37.5) < 1e-9)
    }

    @Test("a 1° square at the equator: area, orientation sign, holes")
    func squareArea() throws {
        let ccw = try LinearRing([
            Coordinate(longitude: 0, latitude: 0), Coordinate(longitude: 1, latitude: 0),
            Coordinate(longitude: 1, latitude: 1), Coordinate(longitude: 0, latitude: 1), Coordinate(longitude: 0, latitude: 0),
        ])
        let a = Geodesic.signedArea(of: ccw)
        // GeographicLib's value for this square (Planimeter), m².
        #expect(abs(a - 12_308_778_361.469) < 1)
        #expect(abs(Geodesic.signedArea(of: ccw.reversed) + a) < 1e-3)
        let hole = try LinearRing([
            Coordinate(longitude: 0.25, latitude: 0.25), Coordinate(longitude: 0.75, latitude: 0.25),
            Coordinate(longitude: 0.75, latitude: 0.75), Coordinate(longitude: 0.25, latitude: 0.75), Coordinate(longitude: 0.25, latitude: 0.25),
        ])
        let withHole = Polygon(exterior: ccw.reversed, holes: [hole])
        #expect(abs(Geodesic.area(of: withHole) - (a - abs(Geodesic.signedArea(of: hole)))) < 1e-3)
        #expect(Geodesic.perimeter(of: Polygon(exterior: ccw)) > 4 * 110_000)
    }
}
