import Foundation
import GeoCore
import LayerIO
import Testing
import TestSupport

/// A spooled layer (the main job's incidents, never held whole) must give the
/// writers exactly what the same features in memory give them.
@Suite("Spooled layers (LayerFeatures)")
struct LayerFeaturesTests {
    /// 3,000 incident-like points: accents, a text over the DBF's 254 bytes, nulls, dates, booleans, a column appearing late.
    static func points() -> [Feature] {
        (0..<3_000).map { i in
            var props: [Property] = [
                Property("id", .string("HTI\(i)")), Property("event_date", .date(CalendarDate(daysSinceEpoch: 20_000 + i % 700))),
                Property("location", .string(["Cité Soleil", "Pétion-Ville", "Mibalè", "Grand'Anse"][i % 4])),
                Property("fatalities", i % 5 == 0 ? .null : .int(i % 13)), Property("confidence", .double(Double(i % 100) / 100)),
                Property("geocoded", .bool(i % 3 == 0)),
                Property("notes", .string(i % 97 == 0 ? String(repeating: "è", count: 200) : "note \(i)")),
            ]
            if i > 2_000 { props.append(Property("geocode_match", .string("HT01\(i % 10)"))) }
            return Feature(id: .string("HTI\(i)"), geometry: .point(Point(longitude: -72.34 + Double(i) * 1e-5, latitude: 18.54 + Double(i % 50) * 1e-4)),
                           properties: props)
        }
    }

    static func spooled(_ features: [Feature], in dir: URL) throws -> LayerFeatures {
        let spool = try FeatureSpool(path: dir.appendingPathComponent("incidents.spool").path)
        var schema = LayerSchema.Builder()
        for f in features { schema.add(f); try spool.append(f) }
        return try LayerFeatures(spool: spool, schema: schema.schema)
    }

    @Test("schema, count and replay equal the in-memory layer's")
    func sameFeatures() throws {
        let dir = try SharedData.temporaryDirectory("layerfeatures")
        defer { try? FileManager.default.removeItem(at: dir) }
        let features = Self.points()
        let memory = LayerFeatures(features), spooled = try Self.spooled(features, in: dir)
        #expect(spooled.isSpooled && !memory.isSpooled)
        #expect(spooled.schema == memory.schema && spooled.count == 3_000)
        #expect(spooled.schema.fields.last?.name == "geocode_match")
        #expect(try spooled.all() == features)
    }

    @Test("a spool replayed on several threads at once gives every reader every feature, in order")
    func concurrentReplay() throws {
        let dir = try SharedData.temporaryDirectory("layerfeatures")
        defer { try? FileManager.default.removeItem(at: dir) }
        let features = Self.points()
        let spooled = try Self.spooled(features, in: dir)
        let replays = Array(0..<4).parallelMap(chunk: 1) { _ in Result { try spooled.all() } }
        for r in replays { #expect(try r.get() == features) }
    }

    @Test("Shapefile, GeoJSON and KML byte for byte, GeoPackage row for row (ogrinfo), from a spool as from memory")
    func sameFiles() throws {
        let dir = try SharedData.temporaryDirectory("layerfeatures")
        defer { try? FileManager.default.removeItem(at: dir) }
        let features = Self.points()
        let spooled = try Self.spooled(features, in: dir)
        let memory = LayerFeatures(features)
        for (label, layer) in [("memory", memory), ("spool", spooled)] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(label), withIntermediateDirectories: true)
            let base = dir.appendingPathComponent(label).path
            let report = try ShapefileWriter.write(layer, to: base + "/incidents")
            #expect(report.truncatedValues == 31)  // the 200-è notes (400 bytes), one in 97
            let json = try GeoJSONWriter(path: base + "/incidents.geojson")
            try layer.forEach { try json.write($0) }
            try json.finish()
            var kml: [UInt8] = []
            try KMLWriter.write(name: "incidents", layer: layer, styles: [], nameField: "location", styleOf: { _ in nil }) { kml += $0 }
            try Data(kml).write(to: URL(fileURLWithPath: base + "/incidents.kml"))
            let gpkg = try GeoPackageWriter(path: base + "/incidents.gpkg")
            try gpkg.addLayer(name: "incidents", layer: layer)
            try gpkg.finish()
        }
        let m = dir.appendingPathComponent("memory").path, s = dir.appendingPathComponent("spool").path
        for ext in ["shp", "shx", "dbf", "geojson", "kml"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: "\(m)/incidents.\(ext)")), b = try Data(contentsOf: URL(fileURLWithPath: "\(s)/incidents.\(ext)"))
            #expect(a == b, "incidents.\(ext) differs")
        }
        // The KML written in pieces equals the one encoded whole.
        let whole = KMLWriter.encode(name: "incidents", features: features, styles: [], nameField: "location", styleOf: { _ in nil })
        #expect(try String(contentsOfFile: "\(s)/incidents.kml", encoding: .utf8) == whole)
        let a = try runProcess("ogrinfo", ["-ro", "-al", "-q", "\(m)/incidents.gpkg"]), b = try runProcess("ogrinfo", ["-ro", "-al", "-q", "\(s)/incidents.gpkg"])
        #expect(a.status == 0 && b.status == 0 && a.stdout.count > 100_000)
        #expect(a.stdout == b.stdout)
        let rtree = try runProcess("ogrinfo", ["-ro", "-q", "\(s)/incidents.gpkg", "-sql", "SELECT COUNT(*) AS n FROM rtree_incidents_geom"])
        #expect(rtree.stdout.contains("n (Integer) = 3000"), "\(rtree.stdout)")
        let check = try runProcess(SharedData.checkLayers, ["\(s)/incidents.gpkg", "\(s)/incidents.shp", "\(s)/incidents.geojson"])
        #expect(check.status == 0, "\(check.stdout)")
    }
}
