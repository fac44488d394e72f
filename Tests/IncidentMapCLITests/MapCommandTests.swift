import Foundation
import GeoCore
import Testing
import TestSupport

@Suite("incidentmap map, end to end")
struct MapCommandTests {
    @Test("the embedded scenario writes every layer in every format, and they pass check-layers")
    func embedded() throws {
        let dir = try SharedData.temporaryDirectory("map")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("Exports").path
        let r = try CLI.run(["map", "--demo", "--out", out, "--as-of", "2025-04-04", "--bootstrap", "10"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("\u{1B}[2K") && !r.stderr.contains("…"), "no progress line when standard error is not a terminal: \(r.stderr)")
        #expect(r.stdout.contains("layers: zones 140, control"), "the 140 communes of the embedded boundaries: \(r.stdout)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out))
        for layer in ["zones", "control", "incidents", "places", "reported"] {
            for ext in ["geojson", "shp", "shx", "dbf", "prj", "cpg", "fields.csv", "kml", "csv", "qml"] {
                #expect(files.contains("\(layer).\(ext)"), "\(layer).\(ext)")
            }
        }
        #expect(files.contains("incidentmap.gpkg") && files.contains("incidentmap.qgs"))
        let check = try runProcess(SharedData.checkLayers, [out])
        #expect(check.status == 0, "\(check.stdout)")
        // The geocoded scenario incidents: Mirebalais and Port-au-Prince on the map; the Kenyan event (country level) not.
        let incidents = try GeoJSONReader.read(path: out + "/incidents.geojson")
        #expect(Set(incidents.features.compactMap { $0["location"]?.stringValue }) == ["Mirebalais", "Port-au-Prince"])
        let kml = try String(contentsOfFile: out + "/incidents.kml", encoding: .utf8)
        #expect(kml.contains("<Data name=\"event_type\"><value>Violence against civilians</value></Data>"))
        let zonesCSV = try String(contentsOfFile: out + "/zones.csv", encoding: .utf8)
        #expect(zonesCSV.contains("MULTIPOLYGON ((("))
        // The embedded data's credits travel with the layers.
        let credits = try String(contentsOfFile: out + "/ATTRIBUTION.txt", encoding: .utf8)
        #expect(credits.contains("OCHA / CNIGS") && credits.contains("GeoNames") && credits.contains("Who's On First"))
        let info = try runProcess("/usr/bin/ogrinfo", ["-so", out + "/incidentmap.gpkg", "zones"])
        #expect(info.stdout.contains("OCHA / CNIGS"), "\(info.stdout)")
        // The QGIS project opens on the incidents (Port-au-Prince to Mirebalais), not on the whole country.
        let qgs = try String(contentsOfFile: out + "/incidentmap.qgs", encoding: .utf8)
        func value(_ tag: String) -> Double? {
            guard let a = qgs.range(of: "<\(tag)>"), let b = qgs.range(of: "</\(tag)>", range: a.upperBound..<qgs.endIndex) else { return nil }
            return Double(qgs[a.upperBound..<b.lowerBound])
        }
        let (xmin, xmax, ymin, ymax) = (try #require(value("xmin")), try #require(value("xmax")), try #require(value("ymin")), try #require(value("ymax")))
        #expect(xmin > -72.6 && xmax < -71.9 && ymin > 18.3 && ymax < 19.1, "extent \(xmin) \(ymin) \(xmax) \(ymax)")
        #expect(xmax - xmin < 1 && ymax - ymin < 1)
    }

    @Test("a failing run leaves the previous exports untouched and no partial files")
    func failureKeepsPrevious() throws {
        let dir = try SharedData.temporaryDirectory("map-fail")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("Exports").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try "previous".write(toFile: out + "/zones.geojson", atomically: true, encoding: .utf8)
        let bad = dir.appendingPathComponent("bad.csv").path
        try "event_date,latitude,longitude\n2025-02-30,18.5,-72.3\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try CLI.run(["map", "--out", out, "--on-error", "fail", bad])
        #expect(r.status != 0)
        #expect(r.stderr.contains("bad.csv:2:event_date"), "\(r.stderr)")
        #expect(try String(contentsOfFile: out + "/zones.geojson", encoding: .utf8) == "previous")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["zones.geojson"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["Exports", "bad.csv"])
        let unwritable = try CLI.run(["map", "--demo", "--out", "/proc/incidentmap-exports", "--bootstrap", "0"])
        #expect(unwritable.status != 0 && unwritable.stderr.contains("/proc/incidentmap-exports"))
    }

    @Test("a killed run's incident spool is removed by the next run; a running run's spool is left alone")
    func abandonedSpools() throws {
        let dir = try SharedData.temporaryDirectory("map-spools")
        defer { try? FileManager.default.removeItem(at: dir) }
        let tmp = dir.appendingPathComponent("tmp").path
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        // A process that has exited and been reaped: its PID names a killed run's leftovers.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let abandoned = ".incidentmap-incidents-\(finished.processIdentifier)-1.spool"
        let running = ".incidentmap-incidents-\(getpid())-2.spool"
        let unrelated = ".incidentmap-incidents-notapid.spool"
        for name in [abandoned, running, unrelated] { try Data(count: 4_096).write(to: URL(fileURLWithPath: tmp + "/" + name)) }
        let r = try CLI.run(["map", "--demo", "--out", dir.appendingPathComponent("Exports").path, "--bootstrap", "0"], environment: ["TMPDIR": tmp])
        #expect(r.status == 0, "\(r.stderr)")
        // The dead run's spool is gone, the live one's and the oddly named file stay, and the run removed its own.
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).sorted() == [running, unrelated].sorted())
    }

    @Test("on a terminal, standard error shows each stage with counts, a bar, rate and time left; --quiet shows nothing")
    func progressOnTerminal() throws {
        let dir = try SharedData.temporaryDirectory("map-progress")
        defer { try? FileManager.default.removeItem(at: dir) }
        // script(1) gives the program a pseudo-terminal; standard output is thrown away, standard error is what the pty shows.
        func onTerminal(_ extra: String) throws -> String {
            let command = "'\(CLI.executable)' map --demo --out '\(dir.path)/out\(extra.isEmpty ? "" : "-q")' --bootstrap 16 \(extra) 2>&1 >/dev/null"
            // A cache of its own: intervals cached by an earlier run would skip the bootstrap and its bar.
            let r = try runProcess("/usr/bin/script", ["-qfec", command, "/dev/null"],
                                   environment: ["COLUMNS": "200", "INCIDENTMAP_CACHE_DIR": dir.path + "/cache"])
            #expect(r.status == 0, "\(r.stdout)")
            return r.stdout
        }
        let shown = try onTerminal("")
        for stage in ["… reading and placing incidents", "… estimating control shares over", "… bootstrap for the 90% intervals  ░░░░░░░░░░░░  0%  0/16 replicates",
                      "… writing 6 formats"] {
            #expect(shown.contains(stage), "\(stage) in \(shown)")
        }
        #expect(shown.contains("\u{1B}[2K\r"), "each line redrawn in place")
        let quiet = try onTerminal("--quiet")
        #expect(!quiet.contains("…"), "\(quiet)")
        // The same run again: the intervals come from the cache, which the display says instead of a bar.
        let cached = try onTerminal("")
        #expect(cached.contains("… 90% intervals read from the cache") && !cached.contains("replicates"), "\(cached)")
    }
}
