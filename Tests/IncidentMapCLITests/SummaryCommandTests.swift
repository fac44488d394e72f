import Foundation
import GeoCore
import Testing
import TestSupport

@Suite("incidentmap summary, end to end")
struct SummaryCommandTests {
    @Test("the embedded scenario (--demo): readable table with footer, no colour without a terminal")
    func embedded() throws {
        let r = try CLI.run(["summary", "--demo", "--as-of", "2025-04-04", "--bootstrap", "20", "--wide"])
        #expect(r.status == 0, "\(r.stderr)")
        // Said first, and in the footer's sources.
        #expect(r.stderr.split(separator: "\n").first?.contains("DEMO") == true, "\(r.stderr)")
        #expect(r.stdout.contains("DEMO: embedded scenario"))
        // Commune level on the embedded COD-AB boundaries: the Port-au-Prince protest and the U.N.'s 90% in HT0111,
        // the Mirebalais attack in HT0621; the communes with nothing to show are counted, not listed.
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("HT0111 ") && $0.contains("Port-au-Prince") && $0.contains("90% gang (United") }, "\(r.stdout)")
        #expect(lines.contains { $0.hasPrefix("HT0621 ") && $0.contains("Mirebalais") })
        #expect(r.stdout.contains("more zones with no incidents, no estimate and no reported figure are not shown"))
        #expect(lines.filter { $0.hasPrefix("HT") }.count < 10)
        #expect(r.stdout.contains("surface: evidence model ground-v2; cell 1.0 km, bandwidth 1.0 km"))
        #expect(r.stdout.contains("90% gang (United"))
        #expect(!r.stdout.contains("\u{1B}["), "colour codes without a terminal")
    }

    @Test("COD-AB communes: JSON, CSV and Markdown are valid and agree")
    func codABFormats() throws {
        let inputs = [SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentsTests/Fixtures/acled-haiti-sample.csv").path, SharedData.seedBriefing]
        let base = ["summary", "--boundaries", SharedData.codAB.path, "--as-of", "2025-04-04", "--bootstrap", "20"] + inputs
        let json = try CLI.run(base + ["--format", "json", "--reported", SharedData.repositoryRoot.appendingPathComponent("Geo/scenario/reported.csv").path])
        #expect(json.status == 0, "\(json.stderr)")
        let doc = try JSONParser.parse(json.stdout)
        let zones = try #require(doc["zones"]?.arrayValue)
        #expect(zones.count == 141, "140 communes and the capital group")
        let capital = try #require(zones.first { $0["pcode"]?.stringValue == "capital" })
        #expect(capital["level"]?.stringValue == "group")
        let members = zones.filter { ["HT0111", "HT0112", "HT0113", "HT0114", "HT0117", "HT0118"].contains($0["pcode"]?.stringValue ?? "") }
        #expect(capital["incidents"]?.numberValue == members.reduce(0) { $0 + ($1["incidents"]?.numberValue ?? 0) })
        #expect(abs((capital["area_km2"]?.numberValue ?? 0) - members.reduce(0) { $0 + ($1["area_km2"]?.numberValue ?? 0) }) < 0.01)
        #expect(doc["parameters"]?["theta"]?.numberValue == 0.6)
        #expect(doc["counts"]?["rejected"] == .int(2))  // an impossible date and a ragged row
        let pap = try #require(zones.first { $0["pcode"]?.stringValue == "HT0111" })
        #expect(pap["reported"]?.arrayValue?.contains { $0["share"]?.numberValue == 0.9 && $0["source"]?.stringValue?.hasPrefix("United Nations") == true } == true)
        let mire = try #require(zones.first { $0["pcode"]?.stringValue == "HT0621" })
        #expect((mire["incidents"]?.numberValue ?? 0) >= 2)
        let empty = try #require(zones.first { $0["pcode"]?.stringValue == "HT0911" })
        #expect(empty["surface"]?["gang"]?["share"] == .null, "a zone without incidents has no information, not 0%")
        #expect(empty["surface"]?["no_information"]?.numberValue == 1)

        let csv = try CLI.run(base + ["--format", "csv"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 142)
        #expect(lines[0].hasPrefix("pcode,name,level,parent,area_km2,population,incidents,fatalities"))

        let md = try CLI.run(base + ["--format", "markdown", "--top", "3"])
        #expect(md.stdout.hasPrefix("| pcode | name |"))
        #expect(md.stdout.split(separator: "\n").filter { $0.hasPrefix("| HT") || $0.hasPrefix("| capital") }.count == 3)
    }

    @Test("no input is never taken for the demo: an error naming --demo, nothing on standard output")
    func noInput() throws {
        let r = try CLI.run(["summary", "--as-of", "2025-04-04", "--bootstrap", "0"])
        #expect(r.status == 64, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("no incident file given") && r.stderr.contains("--demo"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(!r.stderr.contains("90%"))
        let both = try CLI.run(["summary", "--demo", Self.acled("current-reduced.csv")])
        #expect(both.status == 64 && both.stderr.contains("not both"), "\(both.stderr)")
        // An unknown export format is refused while the arguments are read, listing the known ones.
        let format = try CLI.run(["map", "--demo", "--formats", "geojson,pdf"])
        #expect(format.status == 64 && format.stderr.contains("'geojson,pdf' is invalid") && format.stderr.contains("gpkg"), "\(format.stderr)")
        // Standard input, named "-", is read as a CSV.
        let csv = try String(contentsOfFile: SharedData.repositoryRoot.appendingPathComponent("Geo/scenario/incidents.csv").path, encoding: .utf8)
        let piped = try CLI.run(["summary", "-", "--bootstrap", "0", "--format", "json"], input: csv)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(!piped.stdout.contains("DEMO"))
        let doc = try JSONParser.parse(piped.stdout)
        #expect(doc["counts"]?["kept"]?.numberValue == Double(csv.split(separator: "\n").count - 1))
    }

    @Test("bad input: reported shares outside 0–1, unknown zones, bad dates")
    func badInput() throws {
        let dir = try SharedData.temporaryDirectory("summary")
        defer { try? FileManager.default.removeItem(at: dir) }
        let rep = dir.appendingPathComponent("rep.csv").path
        try "zone,class,share,date,source\nPort-au-Prince,gang,1.4,2025-04-04,X\n".write(toFile: rep, atomically: true, encoding: .utf8)
        let r = try CLI.run(["summary", "--reported", rep])
        #expect(r.status != 0 && r.stderr.contains("\(rep):2:") && r.stderr.contains("outside 0–1"), "\(r.stderr)")
        try "zone,class,share,date,source\nAtlantis,gang,0.5,2025-04-04,X\n".write(toFile: rep, atomically: true, encoding: .utf8)
        let u = try CLI.run(["summary", "--reported", rep, "--bootstrap", "0"])
        #expect(u.status == 0 && u.stderr.contains("reported zone 'Atlantis'") && u.stderr.contains("matches no zone"), "\(u.stderr)")
        #expect(!u.stdout.contains("Atlantis"), "warnings go to standard error, not into the table")
        let d = try CLI.run(["summary", "--demo", "--as-of", "2025-02-30"])
        #expect(d.status != 0 && d.stderr.contains("--as-of"))
    }

    @Test("warnings on standard error only, grouped by kind with counts and three examples; --warnings FILE gets every one")
    func warningsOnStandardError() throws {
        let dir = try SharedData.temporaryDirectory("summary-warnings")
        defer { try? FileManager.default.removeItem(at: dir) }
        // The fixture's 36 events, 17 with an impossible date (rejected), 10 far outside Haiti (warned).
        let text = try String(contentsOfFile: Self.acled("current-reduced.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let first = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for k in 0..<17 { var f = first; f[0] = "\(1000 + k)"; f[1] = "2024-02-30"; lines.append(f.joined(separator: ",")) }
        for k in 0..<10 { var f = first; f[0] = "\(2000 + k)"; f[15] = "25.0"; f[16] = "-60.0"; lines.append(f.joined(separator: ",")) }
        let input = dir.appendingPathComponent("mixed.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let all = dir.appendingPathComponent("warnings.txt").path
        let base = ["summary", input, "--boundaries", SharedData.codABLevel(2), "--bootstrap", "0"]
        let r = try CLI.run(base + ["--warnings", all])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("warning:") && !r.stdout.contains("2024-02-30") && !r.stdout.contains("outside every zone"),
                "the table holds no warning")
        let shown = r.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
        #expect(shown.contains { $0.hasPrefix("warning: 17× event_date: '…' is not a date") }, "\(r.stderr)")
        #expect(shown.contains { $0.hasPrefix("warning: 10× point (N, N) is outside every zone") }, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").filter { $0.hasPrefix("  e.g. ") }.count == 6, "three examples of each kind")
        #expect(r.stderr.contains("line "), "rows are referred to by line: \(r.stderr)")
        #expect(shown.last?.contains("27 warnings of 2 kinds (all 27 are in \(all))") == true, "\(shown.last ?? "")")
        let written = try String(contentsOfFile: all, encoding: .utf8).split(separator: "\n")
        #expect(written.count == 27)
        #expect(written.filter { $0.hasPrefix("rejected: ") && $0.contains("2024-02-30") }.count == 17)
        #expect(written.filter { $0.contains("outside every zone") }.count == 10)
        // Without --warnings: the same table, and the hint to use it.
        let plain = try CLI.run(base)
        #expect(plain.stdout == r.stdout)
        #expect(plain.stderr.contains("27 warnings of 2 kinds (--warnings FILE writes them all)"), "\(plain.stderr)")
        // A clean run writes an empty warnings file (scripts can rely on it being there).
        let clean = try CLI.run(["summary", Self.acled("current-reduced.csv"), "--boundaries", SharedData.codABLevel(2), "--bootstrap", "0",
                                 "--warnings", all])
        let cleanList = try String(contentsOfFile: all, encoding: .utf8)
        #expect(clean.status == 0 && cleanList.isEmpty, "\(clean.stderr) \(cleanList)")
    }

    static func acled(_ name: String) -> String {
        SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentsTests/Fixtures/acled/\(name)").path
    }

    // The counts and actor classes themselves are checked in process (MapJobTests/MapRunTests.currentExport).
    @Test("a current ACLED export (text interaction, no inter columns) keeps every row; actor classes in the footer")
    func currentExport() throws {
        let base = ["summary", Self.acled("current-reduced.csv"), "--boundaries", SharedData.codABLevel(2), "--bootstrap", "0"]
        let table = try CLI.run(base)
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.contains { $0.contains("actor mentions by class: gang") })
        #expect(lines.last?.contains("incidents: read 36, kept 36, rejected 0") == true, "the closing line: \(lines.last ?? "")")
    }

    @Test("a file with no usable row exits non-zero naming the reasons, and writes nothing")
    func noUsableRow() throws {
        let r = try CLI.run(["summary", Self.acled("no-usable-row.csv"), "--boundaries", SharedData.codABLevel(2), "--bootstrap", "0"])
        #expect(r.status != 0 && r.stdout.isEmpty)
        #expect(r.stderr.contains("no event kept") && r.stderr.contains("event_date"), "\(r.stderr)")
        let skip = try CLI.run(["summary", Self.acled("no-usable-row.csv"), "--boundaries", SharedData.codABLevel(2), "--bootstrap", "0", "--on-error", "skip"])
        #expect(skip.status == 2 && skip.stdout.contains("NOT ENOUGH") && skip.stderr.contains("went on"), "\(skip.stderr)")
    }

    @Test("--zone selects after placing: every selected zone's row is identical with and without it")
    func zoneSelection() throws {
        let base = ["summary", Self.acled("current-full.csv"), "--boundaries", SharedData.codABLevel(2), "--bootstrap", "30", "--format", "csv"]
        let all = try CLI.run(base)
        let some = try CLI.run(base + ["--zone", "HT0117", "--zone", "Delmas", "--zone", "HT0111"])
        #expect(all.status == 0 && some.status == 0, "\(some.stderr)")
        let allRows = Dictionary(all.stdout.split(separator: "\n").dropFirst().map { (String($0.prefix(6)), String($0)) }, uniquingKeysWith: { a, _ in a })
        let selected = some.stdout.split(separator: "\n").dropFirst()
        #expect(selected.count == 3)
        for row in selected { #expect(allRows[String(row.prefix(6))] == String(row), "\(row.prefix(6))") }
    }

    @Test("a mistyped command is answered with the one meant (exit 64); unrelated words keep the usual error")
    func mistypedCommand() throws {
        let r = try CLI.run(["sumary", "--demo"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown command 'sumary'; did you mean 'summary'?"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let other = try CLI.run(["frobnicate"])
        #expect(other.status == 64 && !other.stderr.contains("did you mean"), "\(other.stderr)")
        #expect(try CLI.run(["--version"]).stdout.hasPrefix("0."))
    }
}

extension SummaryCommandTests {
    @Test("shares by people lead: the embedded population surface gives every zone its people and shares by people that add up; --population-surface none drops them")
    func byPeople() throws {
        let base = ["summary", "--demo", "--as-of", "2025-04-04", "--bootstrap", "20", "--format", "json"]
        let r = try CLI.run(base)
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONParser.parse(r.stdout)
        #expect(doc["population_method"]?.stringValue?.contains("population surface") == true)
        let zones = try #require(doc["zones"]?.arrayValue)
        let mire = try #require(zones.first { $0["pcode"]?.stringValue == "HT0621" })
        // Mirebalais' people from the IHSI/UNFPA 2019 table (110,771), not from a flag.
        #expect(abs((mire["population"]?.numberValue ?? 0) - 110_771) < 2, "\(mire["population"] ?? .null)")
        let people = try #require(mire["people_surface"]); #expect(people.objectValue != nil)
        let sum = ["gang", "state", "international", "self_defense"].reduce(0.0) { $0 + (people[$1]?["share"]?.numberValue ?? 0) }
            + (people["contested"]?.numberValue ?? 0) + (people["combat"]?.numberValue ?? 0) + (people["no_information"]?.numberValue ?? 0)
        #expect(abs(sum - 1) < 1e-5, "shares by people add up: \(sum)")
        let table = try CLI.run(Array(base.dropLast(2)))
        #expect(table.stdout.contains("gang (people)") && table.stdout.contains("gang (area)"), "\(table.stdout)")
        let none = try CLI.run(base + ["--population-surface", "none"])
        #expect(none.status == 0, "\(none.stderr)")
        let noneZones = try #require(try JSONParser.parse(none.stdout)["zones"]?.arrayValue)
        #expect(noneZones.allSatisfy { $0["people_surface"] == .null })
        let bad = try CLI.run(base + ["--population-surface", "/nonexistent/pop.tsv"])
        #expect(bad.status != 0 && bad.stderr.contains("/nonexistent/pop.tsv"), "\(bad.stderr)")
    }
}
