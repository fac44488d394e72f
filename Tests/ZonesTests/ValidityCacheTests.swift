import Foundation
import GeoCore
import Testing
import TestSupport
import Zones

/// A square in Port-au-Prince and a bow-tie (self-intersecting), as one-feature GeoJSON layers with an `id` field.
private enum ValidityFixtures {
    static func square() throws -> Geometry {
        .polygon(try Polygon(rings: [[
            Coordinate(longitude: -72.35, latitude: 18.5), Coordinate(longitude: -72.3, latitude: 18.5),
            Coordinate(longitude: -72.3, latitude: 18.55), Coordinate(longitude: -72.35, latitude: 18.55), Coordinate(longitude: -72.35, latitude: 18.5),
        ]]))
    }

    static func bowTie() throws -> Geometry {
        .polygon(try Polygon(rings: [[
            Coordinate(longitude: 0, latitude: 0), Coordinate(longitude: 1, latitude: 1),
            Coordinate(longitude: 1, latitude: 0), Coordinate(longitude: 0, latitude: 1), Coordinate(longitude: 0, latitude: 0),
        ]]))
    }

    static func write(_ geometry: Geometry, to path: String) throws {
        try GeoJSONWriter.write(FeatureCollection([Feature(geometry: geometry, properties: [Property("id", .string("z1"))])]), to: path)
    }

    static func options(_ cache: ValidityCache?, repair: Bool = false) -> ZoneLayerLoader.Options {
        var o = ZoneLayerLoader.Options(idField: "id", repair: repair)
        o.validityCache = cache
        return o
    }
}

@Suite("Boundary files found valid are remembered between runs")
struct ValidityCacheTests {
    @Test("a valid file is remembered; rewritten, or replaced by an invalid one with the old time, it is checked again")
    func remembered() throws {
        let dir = try SharedData.temporaryDirectory("validity-cache")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = ValidityCache(folder: dir.appendingPathComponent("cache/valid-layers").path)
        let path = dir.appendingPathComponent("zones.geojson").path
        try ValidityFixtures.write(try ValidityFixtures.square(), to: path)
        #expect(!cache.isKnownValid(try #require(ValidityCache.identity(of: path))))
        _ = try ZoneLayerLoader.loadFile(path, options: ValidityFixtures.options(cache))
        #expect(cache.isKnownValid(try #require(ValidityCache.identity(of: path))))

        // The same bytes written again: another file as far as the cache knows.
        let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date
        try ValidityFixtures.write(try ValidityFixtures.square(), to: path)
        #expect(!cache.isKnownValid(try #require(ValidityCache.identity(of: path))))
        _ = try ZoneLayerLoader.loadFile(path, options: ValidityFixtures.options(cache))
        #expect(cache.isKnownValid(try #require(ValidityCache.identity(of: path))))

        // A bow-tie in its place, its modification time set back: still checked, still refused, never remembered.
        try ValidityFixtures.write(try ValidityFixtures.bowTie(), to: path)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        #expect(!cache.isKnownValid(try #require(ValidityCache.identity(of: path))))
        #expect(throws: ZoneError.self) { try ZoneLayerLoader.loadFile(path, options: ValidityFixtures.options(cache)) }
        let repaired = try ZoneLayerLoader.loadFile(path, options: ValidityFixtures.options(cache, repair: true))
        #expect(try repaired.zones[0].geometry.validity() == .valid)
        #expect(!cache.isKnownValid(try #require(ValidityCache.identity(of: path))))
    }

    @Test("a file remembered as valid is not checked again (without the cache it is)")
    func skipsTheCheck() throws {
        let dir = try SharedData.temporaryDirectory("validity-skip")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = ValidityCache(folder: dir.appendingPathComponent("cache").path)
        let path = dir.appendingPathComponent("bowtie.geojson").path
        try ValidityFixtures.write(try ValidityFixtures.bowTie(), to: path)
        // Recorded by hand: only a check that is skipped lets the bow-tie through.
        cache.rememberValid(try #require(ValidityCache.identity(of: path)))
        let layer = try ZoneLayerLoader.loadFile(path, options: ValidityFixtures.options(cache))
        #expect(layer.zones.count == 1)
        #expect(throws: ZoneError.self) { try ZoneLayerLoader.loadFile(path, options: ValidityFixtures.options(nil)) }
    }

    @Test("a cache folder that cannot be made is not used, and loading still works")
    func unwritable() throws {
        let dir = try SharedData.temporaryDirectory("validity-unwritable")
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocker = dir.appendingPathComponent("not-a-folder").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        let cache = ValidityCache(folder: blocker + "/valid-layers")
        let path = dir.appendingPathComponent("zones.geojson").path
        try ValidityFixtures.write(try ValidityFixtures.square(), to: path)
        let layer = try ZoneLayerLoader.loadFile(path, options: ValidityFixtures.options(cache))
        #expect(layer.zones.count == 1)
        #expect(!cache.isKnownValid(try #require(ValidityCache.identity(of: path))))
    }

    @Test("past the limit, the records of files gone or changed are dropped; the others stay")
    func prune() throws {
        let dir = try SharedData.temporaryDirectory("validity-prune")
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("cache").path
        let cache = ValidityCache(folder: folder)
        var paths: [String] = []
        for k in 0..<5 {
            let path = dir.appendingPathComponent("z\(k).geojson").path
            try ValidityFixtures.write(try ValidityFixtures.square(), to: path)
            _ = try ZoneLayerLoader.loadFile(path, options: ValidityFixtures.options(cache))
            paths.append(path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 5)
        try FileManager.default.removeItem(atPath: paths[0])
        try ValidityFixtures.write(try ValidityFixtures.square(), to: paths[1])  // changed (a new file)
        cache.prune(limit: 10)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 5)
        cache.prune(limit: 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 3)
        for k in 2..<5 { #expect(cache.isKnownValid(try #require(ValidityCache.identity(of: paths[k])))) }
    }

    @Test("a Shapefile is known by its .shp and .shx (COD-AB), and the GEOS version")
    func shapefileIdentity() throws {
        let shp = try #require(try FileManager.default.contentsOfDirectory(atPath: SharedData.codAB.path).first { $0.hasSuffix("adm1_cnigs_20181129.shp") })
        let identity = try #require(ValidityCache.identity(of: SharedData.codAB.path + "/" + shp))
        let lines = identity.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[1] == "geos \(GEOSLibrary.version)")
        #expect(lines[2].hasSuffix(".shp") == false && lines[2].contains(".shp\t") && lines[3].contains(".shx\t"))
        #expect(ValidityCache.identity(of: SharedData.codAB.path + "/no-such.shp") == nil)
    }
}
