import Foundation
import GeoCore
import LayerIO
import Testing
import TestSupport

@Suite("Shapefile and GeoPackage writers")
struct WritersTests {
    static func communes() throws -> FeatureCollection { try ShapefileReader.read(path: SharedData.codABLevel(2)) }

    /// Features exercising the awkward cases: accents, apostrophes, a 300-byte multibyte string, nulls, dates, mixed polygon types.
    static func awkward() throws -> [Feature] {
        let long = String(repeating: "é", count: 150)  // 300 bytes of UTF-8
        let communes = try communes().features
        let names = ["Cité Soleil", "Pétion-Ville", "Grand'Anse"]
        return communes.prefix(3).enumerated().map { i, f in
            var props: [Property] = [Property("name", .string(names[i])), Property("count", .int(i * 1000 - 5)),
                                     Property("share", i == 1 ? .null : .double(0.1234567 * Double(i + 1))),
                                     Property("seen", .date(try! CalendarDate(year: 2025, month: 3, day: 31 - i))),
                                     Property("ok", .bool(i % 2 == 0)), Property("long_text", .string(long))]
            if i == 2 { props[0] = Property("name", .string("Grand'Anse")) }
            return Feature(id: .int(i), geometry: i == 1 ? .multiPolygon(MultiPolygon(f.geometry!.polygons)) : f.geometry, properties: props)
        }
    }

    @Test("shapefile: check-layers and ogrinfo pass; attributes and geometry round-trip; text cut at a character boundary")
    func shapefileRoundTrip() throws {
        let dir = try SharedData.temporaryDirectory("shpw")
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("zones").path
        let features = try Self.awkward()
        let report = try ShapefileWriter.write(features, to: base)
        #expect(report.truncatedValues == 3)
        for ext in [".shp", ".shx", ".dbf", ".prj", ".cpg", ".fields.csv"] { #expect(FileManager.default.fileExists(atPath: base + ext), "\(ext)") }
        #expect(try String(contentsOfFile: base + ".cpg", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == "UTF-8")
        let check = try runProcess(SharedData.checkLayers, [base + ".shp"])
        #expect(check.status == 0, "\(check.stdout)")
        let ogr = try runProcess("ogrinfo", ["-ro", "-al", base + ".shp"])
        #expect(ogr.status == 0 && !ogr.stderr.contains("ERROR"), "\(ogr.stderr)")
        #expect(ogr.stdout.contains("Feature Count: 3"))
        for n in ["Cité Soleil", "Pétion-Ville", "Grand'Anse"] { #expect(ogr.stdout.contains("name (String) = \(n)"), "\(n) through GDAL") }

        let back = try ShapefileReader.read(path: base + ".shp")
        #expect(back.features.count == 3)
        for (a, b) in zip(features, back.features) {
            #expect(b["name"] == a["name"])
            #expect(b["count"] == a["count"])
            #expect(b["seen"] == a["seen"])
            #expect(b["ok"] == a["ok"])
            if case .double(let x)? = a["share"] { #expect(abs((b["share"]?.doubleValue ?? 0) - x) < 1e-9) } else { #expect(b["share"] == .null) }
            let text = try #require(b["long_text"]?.stringValue)
            #expect(text.utf8.count == 254 && text.allSatisfy { $0 == "é" }, "cut inside a character")
            // Same geometry within 1e-7° (shapelib stores doubles exactly; ring order may be rewound).
            #expect(abs(Geodesic.area(of: a.geometry!) - Geodesic.area(of: b.geometry!)) / Geodesic.area(of: a.geometry!) < 1e-9)
            #expect(a.geometry!.boundingBox! == b.geometry!.boundingBox!)
        }
        let mapping = try String(contentsOfFile: base + ".fields.csv", encoding: .utf8)
        #expect(mapping.contains("long_text,long_text,string"))
    }

    @Test("field names: 30 long names sharing a 10-character prefix never collide")
    func fieldNames() {
        let names = (1...30).map { "ignition_identifier_\($0)" } + ["ignition_i", "IGNITION_I", "année_de_référence", "2025_total", "a b"]
        let short = FieldNameMapping.shortNames(for: names)
        #expect(Set(short.map { $0.lowercased() }).count == names.count)
        #expect(short.allSatisfy { $0.utf8.count <= 10 && $0.allSatisfy { $0.isASCII } })
        #expect(short[0] == "ignition_i" && short[1] == "ignition_1" && short[10] == "ignitio_10")
        #expect(short[32] == "annee_de_r" && short[33] == "F2025_tota")
        #expect(FieldNameMapping.shortNames(for: names) == short, "deterministic")
    }

    @Test("empty layers and null geometries are valid; mixed geometry families are refused")
    func edgeCases() throws {
        let dir = try SharedData.temporaryDirectory("shpedge")
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty").path
        try ShapefileWriter.write([], to: empty)
        let ogr = try runProcess("ogrinfo", ["-ro", "-al", "-so", empty + ".shp"])
        #expect(ogr.status == 0 && ogr.stdout.contains("Feature Count: 0"))
        let mixed = [Feature(geometry: .point(Point(longitude: -72, latitude: 18.5))), Feature(geometry: try Self.communes().features[0].geometry)]
        #expect(throws: ShapefileWriteError.self) { try ShapefileWriter.write(mixed, to: dir.appendingPathComponent("mixed").path) }
    }

    @Test("GeoPackage: several layers, R-tree, styles; check-layers and ogrinfo agree; values round-trip through GDAL")
    func geopackage() throws {
        let dir = try SharedData.temporaryDirectory("gpkg")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("layers.gpkg").path
        let w = try GeoPackageWriter(path: path)
        try w.addLayer(name: "zones", features: try Self.awkward(), qml: "<qgis version=\"3.22\"></qgis>")
        try w.addLayer(name: "points", features: (0..<5).map { Feature(geometry: .point(Point(longitude: -72.3 + Double($0) / 100, latitude: 18.5)), properties: [Property("n", .int($0))]) })
        try w.addLayer(name: "communes", features: try Self.communes().features)
        try w.finish()
        let check = try runProcess(SharedData.checkLayers, [path])
        #expect(check.status == 0, "\(check.stdout)")
        let ogr = try runProcess("ogrinfo", ["-ro", "-al", "-so", path])
        // The style table is listed (QGIS finds it through GDAL) and counted like the checker counts it.
        #expect(ogr.stdout.contains("Layer name: layer_styles"))
        let styles = try runProcess("ogrinfo", ["-ro", "-q", path, "-sql", "SELECT f_table_name, useAsDefault FROM layer_styles"])
        #expect(styles.stdout.contains("f_table_name (String) = zones") && styles.stdout.contains("useAsDefault (Integer(Boolean)) = 1"), "\(styles.stdout)")
        #expect(ogr.status == 0 && !ogr.stderr.contains("ERROR"), "\(ogr.stderr)")
        #expect(ogr.stdout.contains("Layer name: communes") && ogr.stdout.contains("Feature Count: 140"))
        let values = try runProcess("ogrinfo", ["-ro", "-q", path, "zones"])
        for n in ["Cité Soleil", "Pétion-Ville", "Grand'Anse"] { #expect(values.stdout.contains("name (String) = \(n)")) }
        #expect(values.stdout.contains("seen (Date) = 2025/03/31"))
        let sql = try runProcess("ogrinfo", ["-ro", "-q", path, "-sql", "SELECT COUNT(*) AS n FROM rtree_communes_geom"])
        #expect(sql.stdout.contains("n (Integer) = 140"))
    }

    @Test("writing shapes and attributes on two threads: the same files as one after the other; an error on one side is thrown")
    func twoThreads() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("incidentmap-two-threads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let features = LayerFeaturesTests.points()
        let schema = LayerSchema(inferring: features)
        let one = try ShapefileStreamWriter(basePath: dir.path + "/one", family: .point, schema: schema)
        for f in features { try one.write(f) }
        let oneReport = try one.finish()
        let two = try ShapefileStreamWriter(basePath: dir.path + "/two", family: .point, schema: schema)
        #expect(try two.writeAll { body in for f in features { try body(f) } } == features.count)
        let twoReport = try two.finish()
        #expect(oneReport.truncatedValues == twoReport.truncatedValues && twoReport.truncatedValues > 0)
        // The shapes' side fed the geometries alone (as a spool reads them): the same again.
        let three = try ShapefileStreamWriter(basePath: dir.path + "/three", family: .point, schema: schema)
        #expect(try three.writeAll({ body in for f in features { try body(f) } }, geometries: { body in for f in features { try body(f.geometry) } }) == features.count)
        _ = try three.finish()
        // From two spools one after the other, the attributes formatted from the spools' bytes: the same again.
        let spools = try (0..<2).map { try FeatureSpool(path: dir.path + "/part\($0).spool") }
        for (i, f) in features.enumerated() { try spools[i < 1_234 ? 0 : 1].append(f) }
        let four = try ShapefileStreamWriter(basePath: dir.path + "/four", family: .point, schema: schema)
        #expect(try four.writeAll(spools: spools.map { try $0.finish() }) == features.count)
        #expect(try four.finish().truncatedValues == oneReport.truncatedValues)
        for ext in ["shp", "shx", "dbf"] {
            for other in ["two", "three", "four"] {
                #expect(try Data(contentsOf: dir.appendingPathComponent("one.\(ext)")) == Data(contentsOf: dir.appendingPathComponent("\(other).\(ext)")), "\(other).\(ext)")
            }
        }
        // The source failing half-way (a spool that ends early) on either side: thrown, not a short file called done.
        struct Ends: Error {}
        for failing in 0..<2 {
            let calls = Locked(0)
            let w = try ShapefileStreamWriter(basePath: dir.path + "/bad\(failing)", family: .point, schema: schema)
            #expect(throws: Ends.self) {
                try w.writeAll { body in
                    let call = calls.withLock { n in defer { n += 1 }; return n }
                    for (i, f) in features.enumerated() {
                        if call == failing && i == 1_500 { throw Ends() }
                        try body(f)
                    }
                }
            }
        }
    }
}

extension WritersTests {
    @Test("a column mixing text and numbers is text: the numbers are written as their text, not as bytes of a double")
    func mixedColumn() throws {
        let dir = try SharedData.temporaryDirectory("mixed-column")
        defer { try? FileManager.default.removeItem(at: dir) }
        let features = [Property("v", .string("about 90%")), Property("v", .double(2.5)), Property("v", .int(-7)), Property("v", .bool(true))]
            .enumerated().map { Feature(id: .int($0.offset), geometry: .point(Point(longitude: -72.3, latitude: 18.5)), properties: [$0.element]) }
        try ShapefileWriter.write(features, to: dir.path + "/mixed")
        let back = try ShapefileReader.read(path: dir.path + "/mixed.shp")
        #expect(back.features.map { $0.properties.first?.value.description ?? "" } == ["about 90%", "2.5", "-7", "true"])
    }
}
