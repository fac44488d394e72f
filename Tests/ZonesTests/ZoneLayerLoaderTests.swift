import Foundation
import GeoCore
import Testing
import TestSupport
import Zones

@Suite("Zone layers from COD-AB")
struct ZoneLayerLoaderTests {
    @Test("three levels load with detected levels, names, parents and areas")
    func levels() throws {
        let set = try CODABZones.set()
        #expect(set.levels == [ZoneLevel("adm1"), ZoneLevel("adm2"), ZoneLevel("adm3")])
        #expect(set.layers.map(\.zones.count) == [10, 140, 570])
        let mirebalais = try #require(set.layers[1].zone(id: "HT0621"))
        #expect(mirebalais.name == "Mirebalais")
        #expect(mirebalais.parentID == "HT06")
        #expect(abs(mirebalais.areaKm2 - 326.64) < 0.01)
        #expect(mirebalais.geometry.contains(mirebalais.representativePoint))
        let ouest = try #require(set.layers[0].zone(id: "HT01"))
        #expect(ouest.names["fr"] == "Ouest" && ouest.names["en"] == "West" && ouest.names["ht"] == "Lwès")
    }

    @Test("hierarchy links every section to its commune and department")
    func hierarchy() throws {
        let set = try CODABZones.set()
        for section in set.layers[2].zones {
            let chain = set.chain(of: section)
            #expect(chain.map(\.level) == [.adm1, .adm2, .adm3], "\(section.id)")
            #expect(chain[1].id == String(section.id.prefix(6)))
            #expect(chain[0].id == String(section.id.prefix(4)))
        }
    }

    @Test("42 dissolved arrondissements cover the same 26,942.4 km²")
    func arrondissements() throws {
        var set = try CODABZones.set()
        let arr = try set.layer("arrondissement")
        #expect(arr.zones.count == 42)
        #expect(abs(arr.areaKm2 - 26_942.4) < 0.1, "\(arr.areaKm2)")
        let pap = try #require(arr.zone(id: "HT011"))
        #expect(pap.name == "Arrondissement de Port-au-Prince")
        #expect(pap.parentID == "HT01")
        for z in arr.zones { #expect(try z.geometry.validity() == .valid, "\(z.id)") }
        // The chain of a commune now passes through its arrondissement.
        let delmas = try #require(set.layer("adm2").zone(id: "HT0112"))
        #expect(set.chain(of: delmas).map(\.id) == ["HT01", "HT011", "HT0112"])
    }

    @Test("level names in any case: ADM2, Arrondissement, GRID:25KM; an unknown one lists what there is")
    func levelCase() throws {
        var set = try CODABZones.set()
        #expect(try set.layer("ADM2").level == ZoneLevel("adm2"))
        #expect(try set.layer("Adm3").zones.count == 570)
        #expect(try set.layer("Arrondissement").zones.count == 42)
        #expect(try set.layer("GRID:25KM").zones.count == (try set.layer("grid:25km").zones.count))
        #expect(throws: ZoneError.self) { try set.layer("adm9") }
    }

    @Test("arrondissements come from a profile's derived level, not from the code: without one the level is unknown")
    func derivedLevelOnlyFromProfile() throws {
        var bare = ZoneSet(layers: try CODABZones.set().layers.filter { $0.level != .arrondissement })
        #expect(bare.derivedLevels.isEmpty)
        #expect(throws: ZoneError.self) { try bare.layer("arrondissement") }
        // Any level can be derived the same way: departments again from the communes' 4-character prefix.
        bare.derivedLevels = [DerivedLevel(level: ZoneLevel("dept-from-communes"), source: .adm2, prefixLength: 4)]
        let derived = try bare.layer("dept-from-communes")
        let departments = try bare.layer("adm1")
        #expect(Set(derived.zones.map(\.id)) == Set(departments.zones.map(\.id)))
        #expect(abs(derived.areaKm2 - departments.areaKm2) < 0.1)
        #expect(derived.zone(id: "HT01")?.name == "Port-au-Prince", "no title: the head commune's name")
    }

    @Test("a GeoPackage of several COD-AB layers (lower-case fields, one in UTM 18N) loads one level per layer")
    func geoPackageLevels() throws {
        let dir = try SharedData.temporaryDirectory("gpkg-zones")
        defer { try? FileManager.default.removeItem(at: dir) }
        let gpkg = try SharedData.codABGeoPackage(in: dir)
        let layers = try ZoneLayerLoader.load(path: gpkg)
        #expect(layers.map(\.level.rawValue) == ["adm1", "adm2"])
        #expect(layers.map(\.zones.count) == [10, 140])
        let mirebalais = try #require(layers[1].zone(id: "HT0621"))
        #expect(mirebalais.name == "Mirebalais" && mirebalais.parentID == "HT06")
        // One layer by name, as QGIS names it.
        #expect(try ZoneLayerLoader.load(path: gpkg + "|layername=hti_adm1").map(\.zones.count) == [10])
        let shp = try ZoneLayerLoader.loadFile(SharedData.codABLevel(1))
        let total = layers[0].zones.reduce(0) { $0 + $1.areaKm2 }, want = shp.zones.reduce(0) { $0 + $1.areaKm2 }
        #expect(abs(total - want) / want < 1e-3)
    }

    @Test("generic layers need an id field; errors name the file and the fields")
    func genericLayer() throws {
        let dir = try SharedData.temporaryDirectory("zones")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("areas.geojson").path
        let square = Geometry.polygon(try Polygon(rings: [[
            Coordinate(longitude: -72.35, latitude: 18.5), Coordinate(longitude: -72.3, latitude: 18.5),
            Coordinate(longitude: -72.3, latitude: 18.55), Coordinate(longitude: -72.35, latitude: 18.55), Coordinate(longitude: -72.35, latitude: 18.5),
        ]]))
        try GeoJSONWriter.write(FeatureCollection([Feature(geometry: square, properties: [Property("code", .string("A1")), Property("label", .string("Zone A"))])]), to: path)
        #expect(throws: ZoneError.self) { try ZoneLayerLoader.loadFile(path) }
        let layer = try ZoneLayerLoader.loadFile(path, options: .init(idField: "code", nameField: "label"))
        #expect(layer.level == ZoneLevel("areas"))
        #expect(layer.zones.first?.name == "Zone A")
        do { _ = try ZoneLayerLoader.loadFile(path, options: .init(idField: "nope")) } catch let e as ZoneError {
            #expect(e.description.contains(path) && e.description.contains("nope") && e.description.contains("code"))
        }
    }

    @Test("a folder's files are read side by side, yet the error is the first file's by name, every time")
    func folderErrorOrder() throws {
        let dir = try SharedData.temporaryDirectory("zones-folder")
        defer { try? FileManager.default.removeItem(at: dir) }
        let square = Geometry.polygon(try Polygon(rings: [[
            Coordinate(longitude: -72.35, latitude: 18.5), Coordinate(longitude: -72.3, latitude: 18.5),
            Coordinate(longitude: -72.3, latitude: 18.55), Coordinate(longitude: -72.35, latitude: 18.55), Coordinate(longitude: -72.35, latitude: 18.5),
        ]]))
        let bowTie = Geometry.polygon(try Polygon(rings: [[
            Coordinate(longitude: 0, latitude: 0), Coordinate(longitude: 1, latitude: 1),
            Coordinate(longitude: 1, latitude: 0), Coordinate(longitude: 0, latitude: 1), Coordinate(longitude: 0, latitude: 0),
        ]]))
        // b: valid; c: invalid geometry (slow to find: GEOS); d: no id (found at once). "c" comes first by name.
        for (name, geometry, id) in [("b", square, "B1"), ("c", bowTie, "C1"), ("d", square, "")] {
            try GeoJSONWriter.write(FeatureCollection([Feature(geometry: geometry, properties: [Property("id", .string(id))])]),
                                    to: dir.appendingPathComponent("\(name).geojson").path)
        }
        for _ in 0..<20 {
            do { _ = try ZoneLayerLoader.load(path: dir.path, options: .init(idField: "id")); Issue.record("accepted a bad folder") } catch let e as ZoneError {
                #expect(e.description.contains("c.geojson") && e.description.contains("Self-intersection"), "\(e)")
            }
        }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("c.geojson"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("d.geojson"))
        try GeoJSONWriter.write(FeatureCollection([Feature(geometry: square, properties: [Property("id", .string("A1"))])]),
                                to: dir.appendingPathComponent("a.geojson").path)
        let layers = try ZoneLayerLoader.load(path: dir.path, options: .init(idField: "id"))
        #expect(layers.map(\.level).sorted() == [ZoneLevel("a"), ZoneLevel("b")] && layers.allSatisfy { $0.zones.count == 1 })
    }

    @Test("self-intersecting polygons fail unless --repair")
    func invalidNeedsRepair() throws {
        let dir = try SharedData.temporaryDirectory("bowtie")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bowtie.geojson").path
        let bowTie = Geometry.polygon(try Polygon(rings: [[
            Coordinate(longitude: 0, latitude: 0), Coordinate(longitude: 1, latitude: 1),
            Coordinate(longitude: 1, latitude: 0), Coordinate(longitude: 0, latitude: 1), Coordinate(longitude: 0, latitude: 0),
        ]]))
        try GeoJSONWriter.write(FeatureCollection([Feature(geometry: bowTie, properties: [Property("id", .string("b"))])]), to: path)
        do { _ = try ZoneLayerLoader.loadFile(path, options: .init(idField: "id")); Issue.record("accepted a bow-tie") } catch let e as ZoneError {
            #expect(e.description.contains("Self-intersection") && e.description.contains("--repair"))
        }
        let repaired = try ZoneLayerLoader.loadFile(path, options: .init(idField: "id", repair: true))
        #expect(try repaired.zones[0].geometry.validity() == .valid)
    }

    @Test("population from a pcode,population CSV")
    func population() throws {
        let dir = try SharedData.temporaryDirectory("pop")
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("pop.csv").path
        try "pcode,population\nHT01,4000000\nHT06,750000\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let pops = try PopulationTable.read(path: csv)
        let layer = try ZoneLayerLoader.loadFile(SharedData.codABLevel(1), options: .init(populations: pops))
        #expect(layer.zone(id: "HT01")?.population == 4_000_000)
        #expect(layer.zone(id: "HT02")?.population == nil)
        try "pcode,population\nHT01,many\n".write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(throws: ZoneError.populationFile(path: csv, line: 2, reason: "'many' is not a number")) { try PopulationTable.read(path: csv) }
    }
}
