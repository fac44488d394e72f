import Foundation
import GeoCore
import LayerIO
import Testing
import TestSupport

@Suite("Shapefile reader over shapelib")
struct ShapefileReaderTests {
    @Test("COD-AB levels: counts, fields, UTF-8 names, multipolygons")
    func codAB() throws {
        let reader = try ShapefileReader(path: SharedData.codABLevel(2))
        #expect(reader.recordCount == 140)
        #expect(reader.encoding == .utf8)
        #expect(reader.crsCode == "EPSG:4326")
        #expect(reader.fields.map(\.name).contains("ADM2_PCODE"))
        let all = try reader.readAll()
        let names = Set(all.features.compactMap { $0["ADM2_FR"]?.stringValue })
        #expect(names.contains("Pétion-Ville"))
        #expect(names.contains("Cité Soleil"))
        #expect(all.features.filter { if case .multiPolygon = $0.geometry { true } else { false } }.count == 1)

        let departments = try ShapefileReader.read(path: SharedData.codABLevel(1))
        #expect(departments.features.filter { if case .multiPolygon = $0.geometry { true } else { false } }.count == 4)
        let departmentNames: Set<String> = Set(departments.features.compactMap { $0["ADM1_FR"]?.stringValue })
        #expect(departmentNames.contains("Grande'Anse"))
    }

    @Test("attribute values agree with ogrinfo")
    func agreesWithOGR() throws {
        let path = SharedData.codABLevel(1)
        let ogr = try runProcess("ogrinfo", ["-ro", "-al", "-q", path])
        #expect(ogr.status == 0, "\(ogr.stderr)")
        let ours = try ShapefileReader.read(path: path)
        for f in ours.features {
            let pcode = try #require(f["ADM1_PCODE"]?.stringValue)
            let name = try #require(f["ADM1_FR"]?.stringValue)
            #expect(ogr.stdout.contains("ADM1_PCODE (String) = \(pcode)"))
            #expect(ogr.stdout.contains("ADM1_FR (String) = \(name)"))
        }
    }

    @Test("missing or broken companions are named")
    func brokenFiles() throws {
        let dir = try SharedData.temporaryDirectory("shp")
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = SharedData.codABLevel(1).replacingOccurrences(of: ".shp", with: "")
        let base = dir.appendingPathComponent("adm1").path
        for ext in [".shp", ".dbf", ".prj", ".cpg"] { try FileManager.default.copyItem(atPath: src + ext, toPath: base + ext) }
        #expect(throws: ShapefileError.missingCompanion(path: base + ".shp", companion: ".shx")) { try ShapefileReader(path: base + ".shp") }

        try FileManager.default.copyItem(atPath: src + ".shx", toPath: base + ".shx")
        // Truncate the .shp in the middle of its records.
        let data = try Data(contentsOf: URL(fileURLWithPath: base + ".shp"))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: base + ".shp"))
        do { _ = try ShapefileReader(path: base); Issue.record("truncated .shp accepted") } catch let e as ShapefileError {
            #expect(e.description.contains("truncated"), "\(e)")
            #expect(e.description.contains(base + ".shp"))
        }

        try FileManager.default.removeItem(atPath: base + ".shp")
        try "not a shapefile at all, really not, padded to over one hundred bytes of text so the header read succeeds............."
            .write(toFile: base + ".shp", atomically: true, encoding: .utf8)
        #expect(throws: ShapefileError.self) { try ShapefileReader(path: base) }
    }

    @Test("a projected .prj is reprojected to WGS 84")
    func projected() throws {
        // Write a UTM 18N copy of the departments with GDAL, then read it back.
        let dir = try SharedData.temporaryDirectory("utm")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("adm1_utm.shp").path
        let r = try runProcess("ogr2ogr", ["-t_srs", "EPSG:32618", out, SharedData.codABLevel(1)])
        #expect(r.status == 0, "\(r.stderr)")
        let reader = try ShapefileReader(path: out)
        #expect(reader.crsCode == "EPSG:32618")
        let utm = try reader.readAll()
        let wgs = try ShapefileReader.read(path: SharedData.codABLevel(1))
        for (a, b) in zip(utm.features, wgs.features) {
            let ra = Geodesic.area(of: a.geometry!), rb = Geodesic.area(of: b.geometry!)
            #expect(abs(ra - rb) / rb < 1e-6, "\(a["ADM1_PCODE"]!): \(ra) vs \(rb)")
        }
    }
}
