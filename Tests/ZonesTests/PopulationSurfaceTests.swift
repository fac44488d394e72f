import Foundation
import GeoCore
import Testing
import TestSupport
import Zones

/// The population surface: Haiti's embedded one against the IHSI/UNFPA tables it was made from, and the generic
/// reader on the shapes other countries bring (tables in any delimiter, GeoJSON points and polygons, bad rows).
@Suite("Population surface")
struct PopulationSurfaceTests {
    static let embedded = HaitiFixture.geo + "/population/hti-population.tsv"

    /// `pcode → population` of one of the IHSI/UNFPA 2019 tables in ../shared.
    static func table(_ level: Int) throws -> [String: Double] {
        let path = SharedData.sharedRoot.appendingPathComponent("data/haiti/population/hti_pop2019_adm\(level).csv").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let code = try #require(header.firstIndex(of: "adm\(level)code")), pop = try #require(header.firstIndex(of: "IHSI_UNFPA_2019"))
        var out: [String: Double] = [:]
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if f.count > pop, let v = Double(f[pop]) { out[f[code]] = v }
        }
        return out
    }

    @Test("Haiti's surface holds the IHSI/UNFPA population of every commune and department, located in COD-AB's polygons")
    func embeddedTotals() throws {
        let surface = try PopulationSurface.read(path: Self.embedded)
        #expect(surface.points.count > 20_000)
        #expect(abs(surface.total - 12_893_402) < 5)
        let set = try HaitiFixture.codAB.get()
        for (level, layer) in [(1, set.layers[0]), (2, set.layers[1])] {
            let expected = try Self.table(level)
            let got = surface.zonePopulations(layer)
            #expect(expected.count == layer.zones.count)
            var worst = 0.0
            for (i, z) in layer.zones.enumerated() {
                let want = try #require(expected[z.id], "\(z.id) not in the table")
                worst = max(worst, abs(got[i] - want) / want)
            }
            print("population surface: adm\(level) largest relative difference from the IHSI table \(worst)")
            // Points near a border located in COD-AB's own polygons (the embedded ones are rounded to 1e-5°).
            #expect(worst < 0.01, "adm\(level): \(worst)")
        }
    }

    @Test("a semicolon table, a CSV with other names, GeoJSON points and polygons read alike; zero rows kept out")
    func shapes() throws {
        let dir = try SharedData.temporaryDirectory("population")
        let semicolon = dir.appendingPathComponent("pop.csv").path
        try "lat;lon;pop\n18.5;-72.3;100\n18.6;-72.4;0\n".write(toFile: semicolon, atomically: true, encoding: .utf8)
        let a = try PopulationSurface.read(path: semicolon)
        #expect(a.points == [.init(coordinate: Coordinate(longitude: -72.3, latitude: 18.5), people: 100)])
        let csv = dir.appendingPathComponent("xyz.csv").path
        try "X,Y,Z\n-72.3,18.5,100\n".write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try PopulationSurface.read(path: csv).points == a.points)
        let json = dir.appendingPathComponent("hex.geojson").path
        try """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"population":100},"geometry":{"type":"Point","coordinates":[-72.3,18.5]}},
         {"type":"Feature","properties":{"population":50},"geometry":{"type":"Polygon","coordinates":[[[-72.41,18.59],[-72.39,18.59],[-72.39,18.61],[-72.41,18.61],[-72.41,18.59]]]}}]}
        """.write(toFile: json, atomically: true, encoding: .utf8)
        let b = try PopulationSurface.read(path: json)
        #expect(b.points.count == 2 && b.total == 150)
        #expect(abs(b.points[1].coordinate.longitude + 72.4) < 1e-6 && abs(b.points[1].coordinate.latitude - 18.6) < 1e-6)
    }

    @Test("bad input names the file, the line and what is wrong")
    func errors() throws {
        let dir = try SharedData.temporaryDirectory("population-bad")
        func message(_ text: String, _ name: String = "bad.tsv") throws -> String {
            let path = dir.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            do { _ = try PopulationSurface.read(path: path); return "" } catch { return "\(error)" }
        }
        #expect(try message("longitude\tlatitude\tpopulation\n-72.3\t18.5\tmany\n").contains("bad.tsv:2: 'many' in column 'population' is not a number"))
        #expect(try message("longitude\tlatitude\tpopulation\n-72.3\t18.5\t-4\n").contains(":2: population must be ≥ 0"))
        #expect(try message("longitude\tlatitude\tpopulation\n18.5\t-272.3\t4\n").contains(":2: (18.5, -272.3) is not a longitude, latitude"))
        #expect(try message("a\tb\n1\t2\n").contains(":1: no longitude and latitude columns (found: a, b)"))
        #expect(try message("lon\tlat\n1\t2\n").contains(":1: no population column"))
        #expect(try message(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#, "p.geojson")
            .contains("feature 1 has no field 'population'"))
    }
}
