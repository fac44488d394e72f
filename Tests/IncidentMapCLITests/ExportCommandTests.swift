import Foundation
import GeoCore
import LayerIO
import Testing
import TestSupport

@Suite("incidentmap export, end to end")
struct ExportCommandTests {
    @Test("an ACLED table becomes GeoJSON, Shapefile and CSV point layers that pass check-layers")
    func exportFormats() throws {
        let dir = try SharedData.temporaryDirectory("export")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentsTests/Fixtures/acled-haiti-sample.csv").path
        for ext in ["geojson", "shp", "csv"] {
            let out = dir.appendingPathComponent("incidents.\(ext)").path
            let r = try CLI.run(["export", input, "--to", out])
            #expect(r.status == 0, "\(r.stderr)")
            // 11 rows kept (an unknown event type and a latitude out of range are counted per column, not rejected),
            // 4 without coordinates (placed only by map), 2 rejected and reported (an impossible date, a ragged row).
            #expect(r.stderr.contains("read 13, kept 11") && r.stderr.contains("rejected 2") && r.stderr.contains("wrote 7 points"), "\(r.stderr)")
            #expect(r.stderr.contains("event_type: 1 value not understood"), "\(r.stderr)")
        }
        let check = try runProcess(SharedData.checkLayers, [dir.appendingPathComponent("incidents.geojson").path, dir.appendingPathComponent("incidents.shp").path])
        #expect(check.status == 0, "\(check.stdout)")
        let shp = try ShapefileReader.read(path: dir.appendingPathComponent("incidents.shp").path)
        let geojson = try GeoJSONReader.read(path: dir.appendingPathComponent("incidents.geojson").path)
        #expect(shp.features.count == 7 && geojson.features.count == 7)
        for (a, b) in zip(shp.features, geojson.features) {
            #expect(a["id"] == b["id"])
            let pa = try #require(a.geometry?.boundingBox), pb = try #require(b.geometry?.boundingBox)
            #expect(abs(pa.minLongitude - pb.minLongitude) <= 0.5e-7 && abs(pa.minLatitude - pb.minLatitude) <= 0.5e-7)
        }
        let csv = try String(contentsOfFile: dir.appendingPathComponent("incidents.csv").path, encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 8)
        let bad = try CLI.run(["export", input, "--to", dir.appendingPathComponent("x.kmz").path])
        #expect(bad.status != 0 && bad.stderr.contains("unsupported output format"))
    }
}
