import Foundation
import GeoCore
import Testing
import TestSupport

/// Issue 36: text from the open web reaches files and terminals as text. One ACLED row whose notes hold U+FFFE,
/// U+FFFF and a NUL, whose actor name carries terminal escape sequences, whose location is a spreadsheet formula.
@Suite("hostile content in the outputs")
struct HostileContentTests {
    static let header = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"

    static func input() throws -> (dir: URL, csv: String) {
        let dir = try SharedData.temporaryDirectory("hostile")
        let actor = "Gang\u{1B}[2J\u{1B}]0;pwned\u{07}"
        let notes = "nul\u{0}after fffe\u{FFFE} ffff\u{FFFF} end"
        let row = "HOST1,2025-03-31,2025,1,Political violence,Violence against civilians,Attack,\"\(actor)\",,3,Civilians (Haiti),,7,37,,332,Caribbean,Haiti,Centre,Mirebalais,Mirebalais,\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",18.8345,-72.1048,1,AP,International,\"\(notes)\",0,,1743600000"
        let path = dir.appendingPathComponent("hostile.csv").path
        try Data((header + "\n" + row + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return (dir, path)
    }

    @Test("KML well-formed (GDAL opens it), NUL replaced by U+FFFD the same way in CSV, GeoJSON, GeoPackage and Shapefile, CSV formulas guarded")
    func files() throws {
        let (dir, csv) = try Self.input()
        let out = dir.appendingPathComponent("out").path
        let r = try CLI.run(["map", csv, "--bootstrap", "0", "--formats", "geojson,shp,gpkg,kml,csv", "--out", out, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        // GDAL, the reader QGIS uses, opens the KML and reads the notes with U+FFFD where the noncharacters were.
        let kml = try runProcess("ogrinfo", ["-ro", "-al", out + "/incidents.kml"])
        #expect(kml.status == 0, "\(kml.stderr)")
        #expect(kml.stdout.contains("ffff\u{FFFD}"), "\(kml.stdout.prefix(2000))")
        // The notes hold "nul\u{FFFD}after" in every format (NUL replaced when read).
        for file in ["incidents.geojson", "incidents.shp", "incidentmap.gpkg"] {
            let o = try runProcess("ogrinfo", ["-ro", "-al", "-q", out + "/" + file] + (file == "incidentmap.gpkg" ? ["incidents"] : []))
            #expect(o.status == 0, "\(file): \(o.stderr)")
            #expect(o.stdout.contains("nul\u{FFFD}after"), "\(file): \(o.stdout.prefix(1500))")
        }
        let text = try String(contentsOfFile: out + "/incidents.csv", encoding: .utf8)
        #expect(text.contains("nul\u{FFFD}after"))
        // Formulas are guarded (a leading '), numbers are not.
        #expect(text.contains("'=HYPERLINK"), "\(text)")
        #expect(text.contains("-72.1048") && !text.contains("'-72.1048"))
        let zones = try String(contentsOfFile: out + "/zones.csv", encoding: .utf8)
        #expect(!zones.contains(",=") && !zones.contains("\n="))
        // --csv-formulas keep: as it is, for programs.
        let keep = dir.appendingPathComponent("keep").path
        #expect(try CLI.run(["map", csv, "--bootstrap", "0", "--formats", "csv", "--out", keep, "-q", "--csv-formulas", "keep"]).status == 0)
        #expect(try String(contentsOfFile: keep + "/incidents.csv", encoding: .utf8).contains(",\"=HYPERLINK"))
    }

    @Test("escape sequences in actor names are shown, not run: the summary table and warnings carry no ESC or BEL from the data")
    func terminal() throws {
        let (_, csv) = try Self.input()
        let r = try CLI.run(["summary", csv, "--bootstrap", "0", "--wide"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("\u{1B}") && !r.stdout.contains("\u{07}"), "\(r.stdout)")
        #expect(r.stdout.contains("Gang\\u{1B}[2J"), "\(r.stdout)")
        #expect(!r.stderr.contains("\u{1B}") && !r.stderr.contains("\u{07}"))
    }
}
