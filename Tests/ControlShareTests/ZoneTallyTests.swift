@testable import ControlShare
import GeoCore
import Gazetteer
import Incidents
import Testing
import TestSupport
import Zones

@Suite("Zone tally and the summary sharing its point locator")
struct ZoneTallyTests {
    /// Incidents over three Port-au-Prince communes: inside, just off the coast (snapped), far away (unplaced) and
    /// without a point but with a zone chain.
    static func incidents() -> [Incident] {
        var out: [Incident] = []
        for (k, (lon, lat)) in [(-72.335, 18.545), (-72.30, 18.52), (-72.29, 18.48), (-72.36, 18.56), (-70.0, 19.0)].enumerated() {
            var i = Incident(id: "t\(k)")
            i.longitude = lon
            i.latitude = lat
            i.fatalities = k
            out.append(i)
        }
        var chained = Incident(id: "chain")
        chained.zoneChain = ["HT0113"]
        out.append(chained)
        return out
    }

    @Test("a tally given a locator counts as one that builds its own; the summary reusing it reports the same")
    func sharedLocator() throws {
        let zones = try SyntheticMaps.papCommunes().filter { ["HT0111", "HT0117", "HT0113"].contains($0.id) }
        var own = ZoneTally(zones: zones, level: .adm2)
        #expect(own.builtLocator == nil, "nothing placed yet: no locator built")
        for i in Self.incidents() { own.add(i) }
        #expect(own.builtLocator != nil)
        let locator = PointLocator(layer: ZoneLayer(level: .adm2, source: "test", zones: zones))
        var shared = ZoneTally(zones: zones, level: .adm2, locator: locator)
        for i in Self.incidents() { shared.add(i) }
        let (a, b) = (own.result(), shared.result())
        #expect(a.unplaced == b.unplaced && a.unplaced >= 1, "the point in the Dominican Republic is unplaced")
        #expect(a.rows.map(\.incidents) == b.rows.map(\.incidents))
        #expect(a.rows.map(\.incidents).reduce(0, +) + a.unplaced == 6
                && a.rows[zones.firstIndex { $0.id == "HT0113" }!].incidents >= 1, "every incident counted once; the chained one in HT0113")
        #expect(a.rows.map(\.fatalities) == b.rows.map(\.fatalities))
        // The summary built with the tally's locator equals the one that builds its own.
        var builder = ZoneSummaryBuilder(classifier: try IncidentSurfaceTests.classifier.get(), evidence: try IncidentSurfaceTests.evidence.get())
        builder.places = [(-72.335, 18.545, 400_000), (-72.29, 18.48, 300_000), (-72.36, 18.56, 250_000)].enumerated().map { k, p in
            Place(id: "p\(k)", name: "place \(k)", kind: .populatedPlace, source: "test", coordinate: Coordinate(longitude: p.0, latitude: p.1), population: p.2)
        }
        let withOwn = try builder.build(zones: zones, level: .adm2, tallied: a.rows, unplaced: a.unplaced, surface: nil, controlAreas: nil,
                                        reported: [], counts: ReadReport(), sources: [])
        let reusing = try builder.build(zones: zones, level: .adm2, tallied: b.rows, unplaced: b.unplaced, surface: nil, controlAreas: nil,
                                        reported: [], counts: ReadReport(), sources: [], locator: shared.builtLocator)
        #expect(withOwn.rows.map(\.incidents) == reusing.rows.map(\.incidents))
        // Both placed the populated places in the same zones (no surface or overlay: the population columns stay empty).
        #expect(withOwn.rows.map(\.zone.id) == reusing.rows.map(\.zone.id))
        // From incidents, handed a locator (as the placing's is) or not: the same counts.
        let fromIncidents = try builder.build(zones: zones, level: .adm2, incidents: Self.incidents(), controlAreas: nil, reported: [],
                                              counts: ReadReport(), sources: [])
        let fromIncidentsReusing = try builder.build(zones: zones, level: .adm2, incidents: Self.incidents(), controlAreas: nil, reported: [],
                                                     counts: ReadReport(), sources: [], locator: locator)
        #expect(fromIncidents.rows.map(\.incidents) == fromIncidentsReusing.rows.map(\.incidents))
        #expect(fromIncidents.rows.map(\.incidents) == a.rows.map(\.incidents) && fromIncidents.unplaced == a.unplaced)
    }
}
