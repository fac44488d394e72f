import Foundation
import Gazetteer
import Incidents
import Testing
import TestSupport
import Zones

/// Issue 41, item 4: an event its source places only at the whole country (ACLED: `location` the country's name,
/// geo_precision 3, the country's centre as coordinates) is no point in a commune that had nothing to do with it.
/// Rows made up for the test.
@Suite("Country-level events have no point")
struct CountryLevelPointTests {
    static let header = "event_id_cnty,event_date,event_type,sub_event_type,actor1,country,admin1,admin2,location,latitude,longitude,geo_precision,fatalities"
    static let rows = """
        X1,2025-03-01,Battles,Armed clash,Gran Grif,Haiti,Artibonite,Saint-Marc,Saint-Marc,19.1081,-72.6939,1,2
        X2,2025-03-02,Battles,Armed clash,Unidentified Gang (Haiti),Haiti,,,Haiti,18.9712,-72.2852,3,1
        X3,2025-03-03,Battles,Armed clash,Unidentified Gang (Haiti),Haiti,Ouest,,Ouest,18.5,-72.3,3,0
        X4,2025-03-04,Battles,Armed clash,Unidentified Gang (Haïti),HAITI,,,Haïti,18.9712,-72.2852,,0
        """

    @Test("CSV and GeoJSON: the country's centre is dropped (kept, counted, flagged); an admin1-level point is kept")
    func dropped() throws {
        let dir = try SharedData.temporaryDirectory("country-level")
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("events.csv").path
        try (Self.header + "\n" + Self.rows + "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        var events: [Incident] = []
        let r = try IncidentSource.read(path: csv) { events.append($0) }
        #expect(r.kept == 4 && r.countryLevel == 2, "\(r)")
        #expect(events.map(\.countryLevel) == [false, true, false, true])
        #expect(events[1].coordinate == nil && events[1].geoPrecision == 3 && events[3].coordinate == nil && events[3].geoPrecision == 3)
        #expect(events[0].coordinate != nil && events[2].coordinate != nil)
        #expect(r.allWarnings.contains { $0.hasPrefix("2 events placed by their source at the whole country") })
        // The same rows as GeoJSON points.
        let names = Self.header.split(separator: ",").map(String.init)
        let features = Self.rows.split(separator: "\n").map { line -> String in
            let v = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let props = zip(names, v).filter { !$0.1.isEmpty && !["latitude", "longitude"].contains($0.0) }.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",")
            return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(v[10]),\(v[9])]},\"properties\":{\(props)}}"
        }
        let geojson = dir.appendingPathComponent("events.geojson").path
        try "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}".write(toFile: geojson, atomically: true, encoding: .utf8)
        var fromJSON: [Incident] = []
        let g = try IncidentSource.read(path: geojson) { fromJSON.append($0) }
        #expect(g.kept == 4 && g.countryLevel == 2 && fromJSON.map(\.countryLevel) == [false, true, false, true], "\(g)")
    }

    @Test("placed: in the country's zone and no zone below it, even with no adm0 layer")
    func placed() throws {
        var inc = Incident(id: "X2")
        inc.country = "Haiti"
        inc.location = "Haiti"
        inc.latitude = 18.9712
        inc.longitude = -72.2852
        inc.geoPrecision = 3
        #expect(ACLEDLocationPrecision.dropCountryPoint(&inc))
        let placer = IncidentPlacer(gazetteer: try HaitiFixture.gazetteer.get(), zones: try HaitiFixture.codAB.get())
        var report = ReadReport()
        #expect(placer.place(&inc, report: &report, where: "test"))
        #expect(inc.coordinate == nil && !inc.zoneChain.contains { $0.count > 2 }, "\(inc.zoneChain)")
    }
}
