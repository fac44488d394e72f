import ControlShare
import Foundation
import GeoCore
import Incidents
import MapJob
import Testing
import TestSupport
import Zones

@Suite("Any country from the registries' data: Burkina Faso on 10 km hexagons")
struct CountryRunTests {
    static let fixture = SharedData.repositoryRoot.appendingPathComponent("Tests/MapJobTests/Fixtures/acled-burkina-faso.csv").path

    /// A request for `country`'s profile (the repository's Geo/), no bootstrap.
    static func request(_ inputs: [String], country: String) -> MapRequest {
        var request = MapRequest(inputs: inputs)
        request.geoFolder = MapJobFixture.geo
        request.cacheFolder = HaitiFixture.cache
        request.country = country
        request.parameters.bootstrap = 0
        return request
    }

    @Test("an ACLED-layout file summarised on hex:10km cells cut to Natural Earth's outline, towns placed by name from GeoNames")
    func burkinaFaso() throws {
        var request = Self.request([Self.fixture], country: "BFA")
        request.boundaries = BoundarySource(level: ZoneLevel("hex:10km"))
        let run = try MapRun(request)
        #expect(run.resources.profile.name == "Burkina Faso" && run.resources.zones.levels.first == ZoneLevel("adm0"))
        let result = try run.compute()
        let report = result.report
        #expect(report.level == ZoneLevel("hex:10km"))
        #expect(report.counts.kept == 8 && report.counts.rejected == 0)
        // Fada N'gourma and Gorom-Gorom have no coordinates in the file: the GeoNames towns place them.
        #expect(report.counts.geocoded == 2, "\(report.counts)")
        let cells = report.rows.filter { $0.zone.level == ZoneLevel("hex:10km") }
        let outlineKm2 = try #require(run.resources.zones.layers.first?.zones.first?.areaKm2)
        let cellsKm2 = cells.reduce(0) { $0 + $1.zone.areaKm2 }
        #expect(abs(cellsKm2 / outlineKm2 - 1) < 0.005, "cells cover the outline: \(cellsKm2) of \(outlineKm2) km²")
        #expect(outlineKm2 > 270_000 && outlineKm2 < 280_000, "Burkina Faso is about 274,000 km²: \(outlineKm2)")
        #expect(cells.reduce(0) { $0 + $1.incidents } == 8 && report.unplaced == 0)
        // The three Djibo events share the town's cell; Ouagadougou's protest sits in the capital's.
        let hexagons = try #require(run.resources.zones.layers.first { $0.level == ZoneLevel("hex:10km") })
        let locator = PointLocator(layer: hexagons)
        func cell(at c: Coordinate) throws -> ZoneSummaryRow {
            let i = try #require(locator.zoneIndex(containing: c))
            return try #require(cells.first { $0.zone.id == hexagons.zones[i].id })
        }
        #expect(try cell(at: Coordinate(longitude: -1.6267, latitude: 14.0986)).incidents == 3)
        #expect(try cell(at: Coordinate(longitude: -1.5339, latitude: 12.3657)).incidents == 1)
        // ACLED's naming rules class the actors without a country table.
        let actors = try #require(try run.summarize(try run.load()).actors)
        #expect(actors.unknown == 0 && actors.mentions[ControlClass("gang")] == 7 && actors.mentions[ControlClass("state")] == 3, "\(actors)")
        #expect(result.extent.map { $0.minLongitude > -6 && $0.maxLongitude < 3 } == true)
    }

    @Test("events read from text are written in the profile's country (ACLED's country and iso), placed at its towns")
    func articleInBurkinaFaso() throws {
        var request = Self.request([SharedData.repositoryRoot.appendingPathComponent("Tests/MapJobTests/Fixtures/djibo-article.txt").path], country: "BFA")
        request.articleDate = CalendarDate(iso8601: "2025-03-12")
        let ctx = try MapRun(request).load()
        let attack = try #require(ctx.loaded.incidents.first { $0.location == "Djibo" }, "\(ctx.loaded.incidents.map(\.location))")
        #expect(attack.country == "Burkina Faso" && attack.iso == 854)
        #expect(attack.fatalities == 12)
        #expect(abs((attack.latitude ?? 0) - 14.1) < 0.05 && abs((attack.longitude ?? 0) + 1.63) < 0.05)
    }

    @Test("a country without a profile is said plainly, with the profiles there are")
    func unknownCountry() throws {
        let request = Self.request([Self.fixture], country: "ATL")
        let e = try #require(throws: CountryProfileError.self) { try MapRun(request) }
        #expect("\(e)".contains("no country profile 'ATL'") && "\(e)".contains("BFA, HTI, SDN"), "\(e)")
    }
}
