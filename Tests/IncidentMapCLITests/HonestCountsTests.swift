import Foundation
import Testing
import TestSupport

/// Issue 37, findings 2–4: names checked before the work with a suggestion, counts of what was used, errors that
/// name the file and the flag that fixes them.
@Suite("the command line says what it did and what is wrong")
struct HonestCountsTests {
    static let sample = SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentsTests/Fixtures/acled-haiti-sample.csv").path

    @Test("--group with an unknown member and --zone with a place name are refused with what they may mean")
    func names() throws {
        let g = try CLI.run(["summary", "--demo", "--bootstrap", "0", "--group", "bad=HT9999,Delmas"])
        #expect(g.status == 64 && g.stderr.contains("--group bad: no zone 'HT9999'") && g.stderr.contains("did you mean HT0112 Delmas"), "\(g.stderr)")
        #expect(g.stderr.contains("Usage: incidentmap summary"), "the usage of the command run, not the root's")
        let z = try CLI.run(["summary", "--demo", "--bootstrap", "0", "--zone", "Okap"])
        #expect(z.status == 64 && z.stderr.contains("'Okap' lies in HT0311 Cap-Haïtien"), "\(z.stderr)")
    }

    @Test("--since and --top say what was used and what is not shown; a missing file is 'FILE: no such file'")
    func counts() throws {
        let r = try CLI.run(["summary", Self.sample, "--since", "2025-04-01", "--top", "1", "--bootstrap", "0", "--wide"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("of them in range (from 2025-04-01, undated included) used"), "\(r.stdout)")
        #expect(r.stdout.contains("more zones with incidents or estimates are not shown (--top); --top"), "\(r.stdout)")
        let missing = try CLI.run(["summary", "nope.csv"])
        #expect(missing.status != 0 && missing.stderr.contains("nope.csv: no such file") && !missing.stderr.contains("nope.csv:0"), "\(missing.stderr)")
    }

    @Test("a semicolon-separated export (French Excel) is read; one read as commas names its columns and --delimiter")
    func delimiters() throws {
        let dir = try SharedData.temporaryDirectory("semicolon")
        let text = try String(contentsOfFile: Self.sample, encoding: .utf8)
        // Re-quote as semicolons with Python's csv module (fields hold commas).
        let semi = dir.appendingPathComponent("fr.csv").path
        let py = try runProcess("python3", ["-c", "import csv,sys; r=list(csv.reader(open(sys.argv[1]))); w=csv.writer(open(sys.argv[2],'w'),delimiter=';'); [w.writerow(x) for x in r]", Self.sample, semi])
        #expect(py.status == 0 && !text.isEmpty)
        let auto = try CLI.run(["summary", semi, "--bootstrap", "0", "-f", "json"])
        #expect(auto.status == 0, "\(auto.stderr)")
        #expect(auto.stdout.contains("\"kept\":11"), "\(auto.stdout.prefix(300))")
        let wrong = try CLI.run(["summary", semi, "--bootstrap", "0", "--delimiter", ","])
        #expect(wrong.status != 0 && wrong.stderr.contains("fr.csv: columns") && wrong.stderr.contains("--delimiter ';'"), "\(wrong.stderr)")
        let nodate = dir.appendingPathComponent("nodate.csv").path
        try "latitude,longitude,event_type,sub_event_type,actor1\n18.5,-72.3,Violence against civilians,Attack,Viv Ansanm\n".write(toFile: nodate, atomically: true, encoding: .utf8)
        let d = try CLI.run(["summary", nodate, "--bootstrap", "0"])
        #expect(d.stderr.contains("nodate.csv: no date column") && d.stderr.contains("--columns event_date=COL"), "\(d.stderr)")
    }
}

extension HonestCountsTests {
    @Test("a stated admin3 that differs only in spelling is no warning; one naming another commune is, by line")
    func spellingOnly() throws {
        let dir = try SharedData.temporaryDirectory("spelling")
        let path = dir.appendingPathComponent("spell.csv").path
        try """
        event_id_cnty,event_date,event_type,sub_event_type,actor1,country,admin1,admin2,admin3,location,latitude,longitude
        A1,2025-01-02,Protests,Peaceful protest,Protesters (Haiti),Haiti,Artibonite,Marmelade,Saint Michel de l'Atalaye,Saint Michel,19.3697,-72.3344
        A2,2025-01-02,Protests,Peaceful protest,Protesters (Haiti),Haiti,Ouest,Port-au-Prince,Delmas,Champ de Mars,18.5440,-72.3390

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["summary", path, "--bootstrap", "0"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("Atalaye"), "\(r.stderr)")
        #expect(r.stderr.contains("spell.csv event A2 (line 3): admin3 says 'Delmas'"), "\(r.stderr)")
    }
}

extension HonestCountsTests {
    @Test("the table and its footer fit an 80-column terminal (columns left out, names cut with …); --wide keeps every column")
    func width() throws {
        let fitted = try CLI.run(["summary", "--demo", "--bootstrap", "0"], environment: ["COLUMNS": "80"])
        #expect(fitted.status == 0, "\(fitted.stderr)")
        let widest = fitted.stdout.split(separator: "\n").map(\.count).max() ?? 0
        #expect(widest <= 80, "widest line \(widest)")
        #expect(fitted.stdout.contains("Capital: Port-a…"))
        // Piped with no terminal to ask and no COLUMNS (a script): fitted to 120 columns unless --wide.
        let piped = try CLI.run(["summary", "--demo", "--bootstrap", "0"])
        #expect((piped.stdout.split(separator: "\n").map(\.count).max() ?? 0) <= 120, "\(piped.stdout)")
        let wide = try CLI.run(["summary", "--demo", "--bootstrap", "0", "--wide"], environment: ["COLUMNS": "80"])
        #expect(wide.stdout.contains("top actors") && !fitted.stdout.contains("top actors"))
    }
}

extension HonestCountsTests {
    @Test("columns a run leaves empty keep their type: numbers and dates in the GeoPackage and the Shapefile, not text")
    func emptyColumnsTyped() throws {
        let dir = try SharedData.temporaryDirectory("typed").path
        let r = try CLI.run(["map", Self.sample, "--bootstrap", "0", "--formats", "gpkg,shp", "--out", dir + "/out", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        func schema(_ args: [String]) throws -> String { try runProcess("ogrinfo", ["-so"] + args).stdout }
        let incidents = try schema([dir + "/out/incidentmap.gpkg", "incidents"])
        #expect(incidents.contains("killed: Integer64") && incidents.contains("confidence: Real"), "\(incidents)")
        let zones = try schema([dir + "/out/incidentmap.gpkg", "zones"])
        #expect(zones.contains("reported_share: Real") && zones.contains("reported_date: Date"), "\(zones)")
        #expect(try schema([dir + "/out/incidentmap.gpkg", "control"]).contains("as_of: Date"))
        let shp = try schema([dir + "/out/zones.shp", "zones"])
        #expect(shp.contains("reported_s: Real") && shp.contains("reported_d: Date"), "\(shp)")
    }
}

extension HonestCountsTests {
    @Test("--formats shp,qgis: the QGIS project reads the Shapefiles this run wrote, not GeoJSON it did not")
    func projectReadsWhatWasWritten() throws {
        let dir = try SharedData.temporaryDirectory("qgis-shp").path
        let r = try CLI.run(["map", "--demo", "--bootstrap", "0", "--formats", "shp,qgis", "--out", dir + "/out", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let qgs = try String(contentsOfFile: dir + "/out/incidentmap.qgs", encoding: .utf8)
        #expect(qgs.contains("./zones.shp") && !qgs.contains(".geojson"), "\(qgs.prefix(400))")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/zones.geojson"))
    }
}

extension HonestCountsTests {
    @Test("export takes -o/--output as the other commands do (and --to), geocode takes -f")
    func conventions() throws {
        let dir = try SharedData.temporaryDirectory("conventions").path
        for flag in ["-o", "--output", "--to"] {
            let out = dir + "/e\(flag.count).geojson"
            let r = try CLI.run(["export", Self.sample, flag, out])
            #expect(r.status == 0 && FileManager.default.fileExists(atPath: out), "\(flag): \(r.stderr)")
        }
        let g = try CLI.run(["geocode", "Okap", "-f", "json"])
        #expect(g.status == 0 && g.stdout.contains("Cap-Ha"), "\(g.stderr)")
    }
}
