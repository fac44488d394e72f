import Foundation
import GeoCore
import Testing
import TestSupport

@Suite("incidentmap geocode, end to end")
struct GeocodeCommandTests {
    @Test("JSON output has the documented shape")
    func jsonShape() throws {
        let r = try CLI.run(["geocode", "Mirebalais", "Cité Soleil", "Nowhereville", "--boundaries", SharedData.codAB.path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let v = try JSONParser.parse(r.stdout)
        let items = try #require(v.arrayValue)
        #expect(items.count == 3)
        let m = try #require(items[0]["match"])
        for key in ["name", "id", "source", "kind", "latitude", "longitude", "population", "zones"] {
            #expect(m[key] != nil, "match has no \(key)")
        }
        #expect(m["zones"]?.arrayValue?.prefix(2).compactMap { $0["pcode"]?.stringValue } == ["HT06", "HT0621"])
        #expect(items[0]["score"]?.numberValue ?? 0 > 0.9)
        #expect(items[0]["ambiguous"] == .bool(false))
        #expect(items[1]["match"]?["zones"]?.arrayValue?.prefix(2).compactMap { $0["pcode"]?.stringValue } == ["HT01", "HT0117"])
        #expect(items[2]["match"] == .null)
        #expect(items[2]["alternatives"]?.arrayValue != nil)
        // Another country's towns with --country; Haiti's places are not in its gazetteer.
        let bfa = try CLI.run(["geocode", "Djibo", "Mirebalais", "--country", "BFA", "--format", "json"])
        #expect(bfa.status == 0, "\(bfa.stderr)")
        let answers = try #require(try JSONParser.parse(bfa.stdout).arrayValue)
        #expect(answers.first?["match"]?["id"]?.stringValue == "geonames:2361177" && answers.last?["match"] == .null, "\(bfa.stdout)")
    }

    @Test("batch from standard input, including junk lines, and GeoJSON output")
    func batch() throws {
        var input = "Okap\nPòtoprens\n\n" + String(repeating: "x", count: 10_000) + "\nGonayiv\r\n"
        input += "\u{1}\u{2}control\n"
        let r = try CLI.run(["geocode", "--format", "geojson"], input: input)
        #expect(r.status == 0, "\(r.stderr)")
        let fc = try GeoJSONReader.decode(r.stdout)
        let names = fc.features.compactMap { $0["name"]?.stringValue }
        #expect(names.contains("Cap-Haïtien") && names.contains("Port-au-Prince") && names.contains("Gonaïves"))

        let bad = try runProcess(CLI.executable, ["geocode", "--format", "json"], input: Data([0x4F, 0x6B, 0x61, 0x70, 0x0A, 0xC3, 0x28, 0x0A]))
        #expect(bad.status == 0)
        #expect(bad.stderr.contains("standard input:2: not valid UTF-8"))
    }

    @Test("CSV output: documented columns, zones as p-codes, repeated names, no match, a comma quoted")
    func csv() throws {
        let input = "Mirebalais\nNowhereville Qwxz\nMirebalais\nCité Soleil\n\"Delmas, 30\"\n"
        let r = try CLI.run(["geocode", "--boundaries", SharedData.codAB.path, "--format", "csv"], input: input)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "query,id,name,kind,latitude,longitude,zones,score,method,ambiguous")
        #expect(lines.count == 7 && lines[6].isEmpty)
        let mire = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(mire.count == 10 && mire[0] == "Mirebalais" && mire[6].hasPrefix("HT06 HT0621") && mire[8] == "exact", "\(lines[1])")
        #expect(Double(mire[4]).map { abs($0 - 18.83) < 0.05 } == true)
        #expect(lines[2] == "Nowhereville Qwxz,,,,,,,0,,false")
        #expect(lines[3] == lines[1])
        #expect(lines[4].contains(",HT01 HT0117"))
        #expect(lines[5].hasPrefix("\"\"\"Delmas, 30\"\"\","), "\(lines[5])")
        // One thread or several: the same bytes.
        let one = try CLI.run(["geocode", "--boundaries", SharedData.codAB.path, "--format", "csv", "--jobs", "1"], input: input)
        #expect(one.status == 0 && one.stdout == r.stdout)
        let zero = try CLI.run(["geocode", "--jobs", "0", "Mirebalais"])
        #expect(zero.status != 0 && zero.stderr.contains("--jobs"))
    }

    @Test("--input: a column of a CSV or TSV file, one answer row per record in order, empty fields included")
    func inputColumn() throws {
        let dir = try SharedData.temporaryDirectory("geocode-input")
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("reports.csv").path
        try "id;lieu;note\r\n1;Mibalè;a\r\n2;;b\r\n\r\n3;\"Delmas; 30\";c\r\n4;Mibalè;d\r\n".write(toFile: csv, atomically: true, encoding: .utf8)
        for column in ["lieu", "LIEU", "2"] {
            let r = try CLI.run(["geocode", "--input", csv, "--delimiter", ";", "--column", column, "--format", "csv"])
            #expect(r.status == 0, "\(r.stderr)")
            let rows = r.stdout.split(separator: "\n").map(String.init)
            #expect(rows.count == 5, "\(rows)")
            #expect(rows[1].hasPrefix("Mibalè,geonames:") && rows[4] == rows[1])
            #expect(rows[2] == ",,,,,,,0,,false")
            #expect(rows[3].hasPrefix("\"Delmas; 30\",geonames:") || rows[3].hasPrefix("Delmas; 30,"), "\(rows[3])")
        }
        // A .tsv is read with tabs; the first column by default; the same answers as from standard input.
        let tsv = dir.appendingPathComponent("names.tsv").path
        try "name\tpcode\nOkap\tHT03\nPòtoprens\tHT01\nOkap\tHT03\n".write(toFile: tsv, atomically: true, encoding: .utf8)
        let fromFile = try CLI.run(["geocode", "--input", tsv, "--format", "csv"])
        let fromStdin = try CLI.run(["geocode", "--format", "csv"], input: "Okap\nPòtoprens\nOkap\n")
        #expect(fromFile.status == 0 && fromFile.stdout == fromStdin.stdout && fromFile.stdout.split(separator: "\n").count == 4)
        // Errors name the file (and the columns there are); contradictory options are refused.
        let noColumn = try CLI.run(["geocode", "--input", tsv, "--column", "lieu"])
        #expect(noColumn.status != 0 && noColumn.stderr.contains("names.tsv:1") && noColumn.stderr.contains("name, pcode"), "\(noColumn.stderr)")
        let missing = try CLI.run(["geocode", "--input", dir.appendingPathComponent("none.csv").path])
        #expect(missing.status != 0 && missing.stderr.contains("none.csv"))
        #expect(try CLI.run(["geocode", "--column", "2", "Okap"]).status != 0)
        #expect(try CLI.run(["geocode", "--input", tsv, "Okap"]).status != 0)
        #expect(try CLI.run(["geocode", "--input", tsv, "--delimiter", "ab"]).status != 0)
    }

    @Test("a full disk under standard output is an error, whether blocks are written on another thread or not")
    func fullDisk() throws {
        let dir = try SharedData.temporaryDirectory("geocode-full")
        defer { try? FileManager.default.removeItem(at: dir) }
        // 30,000 rows (~2 MB of CSV: several 1 MiB blocks).
        let names = dir.appendingPathComponent("names.txt").path
        try String(repeating: "Mibalè\nOkap\nCité Soleil\n", count: 10_000).write(toFile: names, atomically: true, encoding: .utf8)
        for jobs in ["1", "2"] {
            let r = try runProcess("/bin/sh", ["-c", "\"$0\" geocode --format csv --jobs \(jobs) < \"$1\" > /dev/full", CLI.executable, names])
            #expect(r.status != 0 && r.stderr.contains("No space left"), "jobs \(jobs): \(r.status) \(r.stderr)")
        }
    }

    @Test("boundary files found valid are remembered in INCIDENTMAP_CACHE_DIR; INCIDENTMAP_CACHE=off leaves no trace")
    func validityCache() throws {
        let dir = try SharedData.temporaryDirectory("geocode-cache")
        defer { try? FileManager.default.removeItem(at: dir) }
        let off = try CLI.run(["geocode", "Mibalè", "--boundaries", SharedData.codAB.path, "--format", "csv"],
                              environment: ["INCIDENTMAP_CACHE_DIR": dir.path, "INCIDENTMAP_CACHE": "off"])
        #expect(off.status == 0, "\(off.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("valid-layers").path))
        let first = try CLI.run(["geocode", "Mibalè", "--boundaries", SharedData.codAB.path, "--format", "csv"],
                                environment: ["INCIDENTMAP_CACHE_DIR": dir.path])
        let records = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("valid-layers").path)
        #expect(records.count == 3, "\(records)")  // COD-AB's three levels
        let again = try CLI.run(["geocode", "Mibalè", "--boundaries", SharedData.codAB.path, "--format", "csv"],
                                environment: ["INCIDENTMAP_CACHE_DIR": dir.path])
        #expect(first.status == 0 && again.status == 0 && again.stdout == first.stdout && first.stdout == off.stdout)
        #expect(first.stdout.contains(" HT0621-"), "\(first.stdout)")
    }

    @Test("a malformed alias file is an error naming file and line")
    func badAliases() throws {
        let dir = try SharedData.temporaryDirectory("aliases")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.csv").path
        try "alias,target\nfoo\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["geocode", "Okap", "--aliases", path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(path):2:"), "\(r.stderr)")
    }

    @Test("an installed copy (PREFIX/bin beside PREFIX/share/incidentmap/Geo) works from any folder, with zone chains from the embedded boundaries")
    func installedCopy() throws {
        let prefix = try SharedData.temporaryDirectory("install")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let fm = FileManager.default
        try fm.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try fm.createDirectory(at: prefix.appendingPathComponent("share/incidentmap"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: CLI.executable, toPath: prefix.appendingPathComponent("bin/incidentmap").path)
        try fm.copyItem(at: SharedData.repositoryRoot.appendingPathComponent("Geo"), to: prefix.appendingPathComponent("share/incidentmap/Geo"))
        let p = Process()
        p.executableURL = prefix.appendingPathComponent("bin/incidentmap")
        p.arguments = ["geocode", "Mibalè", "Cite Soley", "--format", "json"]
        p.currentDirectoryURL = URL(fileURLWithPath: "/")
        var env = ProcessInfo.processInfo.environment
        env["INCIDENTMAP_GEO"] = nil
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("HT0621") && text.contains("HT0117"), "\(text.prefix(400))")
    }
}
