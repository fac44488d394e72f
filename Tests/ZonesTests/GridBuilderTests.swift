import GeoCore
import Testing
import TestSupport
import Zones

@Suite("Grids over Haiti's outline")
struct GridBuilderTests {
    static let outline: Result<Geometry, any Error> = Result {
        try GeoJSONReader.read(path: SharedData.repositoryRoot.appendingPathComponent("Geo/outline/haiti-outline.geojson").path)
            .features[0].geometry!
    }

    @Test("5 km squares and 2 km hexagons have equal areas within 0.5% (clipped cells aside)",
          arguments: [("grid:5km", 25.0), ("hex:2km", 2.0 * 2.0 * 3.0.squareRoot() / 2)])
    func equalArea(level: String, expectedKm2: Double) throws {
        let outline = try Self.outline.get()
        let grid = try GridBuilder.build(try GridSpec(level), outline: outline)
        let whole = grid.zones.filter { $0.properties.contains(Property("clipped", .bool(false))) }
        #expect(whole.count > 100)
        for z in whole {
            #expect(abs(z.areaKm2 - expectedKm2) / expectedKm2 < 0.005, "\(z.id): \(z.areaKm2) km²")
        }
        // Cells tile the outline: their areas add up to it.
        let outlineKm2 = Geodesic.area(of: outline) / 1e6
        #expect(abs(grid.areaKm2 - outlineKm2) / outlineKm2 < 1e-3, "\(grid.areaKm2) vs \(outlineKm2)")
    }

    @Test("PRIO-GRID cells use PRIO-GRID numbering")
    func prio() throws {
        let grid = try GridBuilder.build(.prio, outline: try Self.outline.get())
        // Port-au-Prince (18.54 N, -72.34 E): row floor(108.54/0.5)=217, col floor(107.66/0.5)=215.
        let gid = 217 * 720 + 215 + 1
        let cell = try #require(grid.zone(id: "prio-\(gid)"))
        #expect(cell.geometry.contains(Coordinate(longitude: -72.34, latitude: 18.54)))
        #expect(grid.zones.count > 10 && grid.zones.count < 40)
    }

    @Test("grid specs parse and reject nonsense")
    func specs() throws {
        #expect(try GridSpec("grid:5km") == .square(km: 5))
        #expect(try GridSpec("hex:2.5km") == .hexagon(km: 2.5))
        #expect(try GridSpec("prio") == .prio)
        #expect(throws: ZoneError.self) { try GridSpec("grid:-5km") }
        #expect(throws: ZoneError.self) { try GridSpec("tri:5km") }
    }
}
