import Foundation
import GeoCore
import Testing
import TestSupport

/// The output conventions of ogr2ogr and csvkit: -o FILE or - for standard output, the format from -f or the
/// extension, a refusal when they disagree, and path problems said plainly before any work.
@Suite("output paths: -o, -, -f and extensions, checked before the work")
struct OutputConventionTests {
    @Test("zones: -o - is standard output; the extension picks the format; -f and an extension that disagree are refused")
    func zonesOutput() throws {
        let dir = try SharedData.temporaryDirectory("output-paths")
        defer { try? FileManager.default.removeItem(at: dir) }
        let dash = try CLI.run(["zones", "--level", "adm1", "-o", "-"])
        #expect(dash.status == 0 && dash.stdout.contains("HT01") && dash.stdout.contains("Ouest"), "\(dash.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "-"), "no file named '-'")
        let csv = dir.appendingPathComponent("departments.csv").path
        let c = try CLI.run(["zones", "--level", "adm1", "-o", csv])
        #expect(c.status == 0 && c.stdout.isEmpty, "\(c.stderr)")
        #expect(try String(contentsOfFile: csv, encoding: .utf8).hasPrefix("pcode,"), "CSV chosen by the extension")
        let geo = dir.appendingPathComponent("departments.geojson").path
        let clash = try CLI.run(["zones", "--level", "adm1", "-f", "csv", "-o", geo])
        #expect(clash.status == 1 && clash.stderr.contains("-f csv but \(geo) names geojson"), "\(clash.stderr)")
        #expect(!FileManager.default.fileExists(atPath: geo), "nothing written")
        let unknown = try CLI.run(["zones", "--level", "adm1", "-o", dir.appendingPathComponent("d.gpkg").path])
        #expect(unknown.status == 1 && unknown.stderr.contains(".gpkg is not a format this command writes"), "\(unknown.stderr)")
        let named = try CLI.run(["zones", "--level", "adm1", "-f", "table", "-o", dir.appendingPathComponent("d.list").path])
        #expect(named.status == 0, "-f writes a known format under any name: \(named.stderr)")
        let missing = try CLI.run(["zones", "--level", "adm1", "-o", "/nonexistent-folder/d.csv"])
        #expect(missing.status == 1 && missing.stderr.contains("/nonexistent-folder: no such folder"), "\(missing.stderr)")
        let folder = try CLI.run(["zones", "--level", "adm1", "--out", dir.path])
        #expect(folder.status == 1 && folder.stderr.contains("is a folder"), "\(folder.stderr)")
        #expect(!folder.stderr.contains("NSCocoaErrorDomain") && !missing.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test("info: -o x.gpkg is refused (it writes GeoJSON only), -o - sends the layer to standard output and the description to standard error")
    func infoOutput() throws {
        let dir = try SharedData.temporaryDirectory("output-paths-info")
        defer { try? FileManager.default.removeItem(at: dir) }
        let layer = SharedData.codABLevel(1)
        let gpkg = dir.appendingPathComponent("departments.gpkg").path
        let refused = try CLI.run(["info", layer, "-o", gpkg])
        #expect(refused.status == 1 && refused.stderr.contains(".gpkg is not a format this command writes"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: gpkg) && refused.stdout.isEmpty, "refused before reading: nothing written or printed")
        let dash = try CLI.run(["info", layer, "-o", "-"])
        #expect(dash.status == 0, "\(dash.stderr)")
        let doc = try JSONParser.parse(dash.stdout)
        #expect(doc["features"]?.arrayValue?.count == 10)
        #expect(dash.stderr.contains("features:  10"))
    }

    @Test("map: an output folder that is a file is refused at once, before the estimate")
    func mapFolder() throws {
        let dir = try SharedData.temporaryDirectory("output-paths-map")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("taken").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["map", "--demo", "-o", file])
        #expect(r.status == 1 && r.stderr.contains("\(file): is a file, not a folder"), "\(r.stderr)")
        #expect(!r.stdout.contains("wrote"))
        let w = try CLI.run(["summary", "--demo", "--bootstrap", "0", "--warnings", dir.path])
        #expect(w.status == 1 && w.stderr.contains("is a folder"), "\(w.stderr)")
        #expect(w.stdout.isEmpty, "refused before the summary")
    }

    @Test("summary and extract: -o picks the format by extension (.md, .json, .csv), -f that disagrees is refused before the work")
    func summaryAndExtract() throws {
        let dir = try SharedData.temporaryDirectory("output-paths-summary")
        defer { try? FileManager.default.removeItem(at: dir) }
        let md = dir.appendingPathComponent("summary.md").path
        let s = try CLI.run(["summary", "--demo", "--bootstrap", "0", "-o", md])
        #expect(s.status == 0 && s.stdout.isEmpty, "\(s.stderr)")
        #expect(try String(contentsOfFile: md, encoding: .utf8).hasPrefix("| pcode |"), "Markdown chosen by .md")
        let json = dir.appendingPathComponent("summary.json").path
        let clash = try CLI.run(["summary", "--demo", "--bootstrap", "0", "-f", "csv", "-o", json])
        #expect(clash.status == 1 && clash.stderr.contains("-f csv but \(json) names json"), "\(clash.stderr)")
        #expect(!clash.stderr.contains("DEMO"), "refused before the demo was loaded")
        let article = dir.appendingPathComponent("a.txt").path
        try "Gangs attacked Mirebalais on Monday, killing three people.\n".write(toFile: article, atomically: true, encoding: .utf8)
        let csv = dir.appendingPathComponent("events.csv").path
        let e = try CLI.run(["extract", article, "--date", "2025-04-02", "-o", csv])
        #expect(e.status == 0 && e.stdout.isEmpty, "\(e.stderr)")
        #expect(try String(contentsOfFile: csv, encoding: .utf8).hasPrefix("event_id_cnty,"), "CSV chosen by .csv")
        let bad = try CLI.run(["extract", article, "-f", "geojson", "-o", dir.appendingPathComponent("x.csv").path])
        #expect(bad.status == 1 && bad.stderr.contains("-f geojson but"), "\(bad.stderr)")
    }
}
