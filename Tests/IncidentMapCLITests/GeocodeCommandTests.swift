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
}
