import Foundation
import Testing
import TestSupport

/// Issue 37, findings 8–9: export writes every format map writes, to standard output too, refuses to overwrite
/// without --overwrite, filters and selects as ogr2ogr does; columns typed and none invented; info reads GeoPackages.
@Suite("export and info follow ogr2ogr's and csvkit's conventions")
struct OutputConventionsTests {
    static let sample = HonestCountsTests.sample

    func ogrinfo(_ args: [String]) throws -> String {
        let r = try runProcess("/usr/bin/ogrinfo", ["-ro", "-al", "-so"] + args)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    @Test("GeoPackage and KML from export open in GDAL with 7 points; numbers typed; no column the input lacks")
    func formats() throws {
        let dir = try SharedData.temporaryDirectory("export-formats").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for ext in ["gpkg", "kml"] {
            let r = try CLI.run(["export", Self.sample, "-o", "\(dir)/points.\(ext)"])
            #expect(r.status == 0 && r.stderr.contains("wrote 7 points"), "\(r.stderr)")
            #expect(try ogrinfo(["\(dir)/points.\(ext)"]).contains("Feature Count: 7"))
        }
        let gpkg = try ogrinfo(["\(dir)/points.gpkg"])
        #expect(gpkg.contains("fatalities: Integer64") && gpkg.contains("event_date: Date") && gpkg.contains("year: Integer64"), "\(gpkg)")
        #expect(gpkg.contains("analyst_note: String"), "the input's own column is kept")
        // The sample has no killed/injured/confidence columns and no zones: none is invented.
        for absent in ["killed:", "injured:", "confidence:", "zone_chain:", "source_url:"] { #expect(!gpkg.contains(absent), "\(absent)") }
        // -f names the format of a file without an extension; a disagreement is refused.
        let f = try CLI.run(["export", Self.sample, "-o", "\(dir)/points-data", "-f", "csv"])
        #expect(f.status == 0, "\(f.stderr)")
        #expect(try String(contentsOfFile: "\(dir)/points-data", encoding: .utf8).split(separator: "\n").count == 8)
        let clash = try CLI.run(["export", Self.sample, "-o", "\(dir)/x.csv", "-f", "gpkg"])
        #expect(clash.status != 0 && clash.stderr.contains("make them agree"), "\(clash.stderr)")
    }

    @Test("'-o -' writes GeoJSON (or -f csv) to standard output, the report to standard error")
    func standardOutput() throws {
        let g = try CLI.run(["export", Self.sample, "-o", "-"])
        #expect(g.status == 0 && g.stderr.contains("wrote 7 points to standard output"), "\(g.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(g.stdout.utf8)) as? [String: Any]
        let features = doc?["features"] as? [[String: Any]]
        #expect(features?.count == 7)
        // Null properties are left out, not written as null.
        #expect(features?.allSatisfy { (($0["properties"] as? [String: Any]) ?? [:]).values.allSatisfy { !($0 is NSNull) } } == true)
        let c = try CLI.run(["export", Self.sample, "-o", "-", "-f", "csv"])
        #expect(c.status == 0 && c.stdout.split(separator: "\n").count == 8 && c.stdout.hasPrefix("id,event_date,"), "\(c.stdout.prefix(200))")
        let refused = try CLI.run(["export", Self.sample, "-o", "-", "-f", "shp"])
        #expect(refused.status != 0 && refused.stderr.contains("cannot be written to standard output"), "\(refused.stderr)")
    }

    @Test("an existing output is refused without --overwrite, before any work, and left as it was")
    func overwrite() throws {
        let dir = try SharedData.temporaryDirectory("overwrite").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (args, out) in [(["export", Self.sample], "\(dir)/p.geojson"), (["export", Self.sample], "\(dir)/p.shp"),
                            (["summary", "--demo", "--bootstrap", "0"], "\(dir)/s.csv"), (["zones", "--level", "adm1"], "\(dir)/z.csv")] {
            try Data("keep me".utf8).write(to: URL(fileURLWithPath: out))
            let r = try CLI.run(args + ["-o", out])
            #expect(r.status != 0 && r.stderr.contains("exists; add --overwrite"), "\(args): \(r.stderr)")
            #expect(FileManager.default.contents(atPath: out) == Data("keep me".utf8))
            let again = try CLI.run(args + ["-o", out, "--overwrite"])
            #expect(again.status == 0, "\(args): \(again.stderr)")
            #expect(FileManager.default.contents(atPath: out) != Data("keep me".utf8))
        }
    }

    @Test("--where and --select on export and map; a misspelt field is refused with the nearest")
    func whereAndSelect() throws {
        let dir = try SharedData.temporaryDirectory("where").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["export", Self.sample, "-o", "\(dir)/v.csv", "--where", "event_type = 'Violence against civilians' AND fatalities > 0",
                             "--select", "event_date,admin2,fatalities"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try String(contentsOfFile: "\(dir)/v.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "event_date,admin2,fatalities,longitude,latitude", "\(rows)")
        #expect(rows.count >= 2 && rows.dropFirst().allSatisfy { !$0.hasSuffix(",0") }, "\(rows)")
        #expect(r.stderr.contains("left out by --where"), "\(r.stderr)")
        let bad = try CLI.run(["export", Self.sample, "-o", "\(dir)/w.csv", "--where", "fatalites > 0"])
        #expect(bad.status == 64 && bad.stderr.contains("did you mean fatalities?"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/w.csv"))
        // A filter that leaves nothing: the (empty, valid) file is written, but the export says why and exits 2.
        let none = try CLI.run(["export", Self.sample, "-o", "\(dir)/none.geojson", "--where", "fatalities < 0"])
        #expect(none.status == 2 && none.stderr.contains("no feature written: of ") && none.stderr.contains("left out by --where"), "\(none.stderr)")

        let m = try CLI.run(["map", "--demo", "--bootstrap", "0", "--formats", "gpkg", "--out", "\(dir)/map", "-q",
                             "--where", "admin2 = 'Mirebalais'", "--select", "id,event_date,admin2"])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(m.stderr.contains("--where \"admin2 = 'Mirebalais'\" left out"), "\(m.stderr)")
        let info = try ogrinfo(["\(dir)/map/incidentmap.gpkg", "incidents"])
        #expect(info.contains("admin2: String") && !info.contains("actor1:"), "\(info)")
    }

    @Test("info reads the GeoPackage map writes: every layer, or one by name")
    func infoReadsGeoPackage() throws {
        let dir = try SharedData.temporaryDirectory("info-gpkg").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let m = try CLI.run(["map", "--demo", "--bootstrap", "0", "--formats", "gpkg", "--out", "\(dir)/map", "-q"])
        #expect(m.status == 0, "\(m.stderr)")
        let all = try CLI.run(["info", "\(dir)/map/incidentmap.gpkg"])
        #expect(all.status == 0 && all.stdout.contains("layer:     \(dir)/map/incidentmap.gpkg|layername=zones"), "\(all.stdout)\(all.stderr)")
        #expect(all.stdout.contains("features:  140"), "\(all.stdout)")
        let one = try CLI.run(["info", "\(dir)/map/incidentmap.gpkg|layername=zones"])
        #expect(one.status == 0 && one.stdout.contains("features:  140") && one.stdout.contains("MultiPolygon"), "\(one.stdout)\(one.stderr)")
    }
}
