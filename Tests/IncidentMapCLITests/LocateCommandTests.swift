import Foundation
import GeoCore
import LayerIO
import Testing
import TestSupport

@Suite("incidentmap locate and zones, end to end")
struct LocateCommandTests {
    @Test("locate keeps every row, adds the zone chain, and counts")
    func locateMixed() throws {
        let r = try CLI.run(["locate", "--boundaries", SharedData.codAB.path, CLI.fixture("points-mixed.csv")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("locate: read 8, assigned 3, snapped 1, outside 2, rejected 2"), "\(r.stderr)")
        #expect(r.stderr.contains("points-mixed.csv:4: rejected"))
        #expect(r.stderr.contains("points-mixed.csv:5: outside: latitude and longitude look swapped"))

        let dir = try SharedData.temporaryDirectory("locate")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.csv").path
        try r.stdout.write(toFile: out, atomically: true, encoding: .utf8)
        let reader = try CSVReader(path: out)
        #expect(try reader.next())
        let header = try reader.strings()
        #expect(header == ["id", "name", "latitude", "longitude", "note", "adm1_pcode", "adm1_name", "adm2_pcode", "adm2_name",
                           "adm3_pcode", "adm3_name", "snapped", "snap_km", "outside", "locate_status"])
        var rows: [String: [String: String]] = [:]
        while try reader.next() {
            let f = try reader.strings()
            rows[f[0]] = Dictionary(uniqueKeysWithValues: zip(header, f))
        }
        #expect(rows.count == 8)
        #expect(rows["1"]?["adm2_pcode"] == "HT0621")
        #expect(rows["1"]?["adm1_pcode"] == "HT06")
        #expect(rows["2"]?["name"] == "Cité Soleil, bay")
        #expect(rows["2"]?["snapped"] == "true")
        #expect(rows["2"]?["adm2_pcode"] == "HT0117")
        #expect(rows["6"]?["adm2_pcode"] == "HT0114")
        #expect(rows["6"]?["adm2_name"] == "Pétion-Ville")
        #expect(rows["8"]?["adm1_pcode"] == "HT08")
        #expect(rows["5"]?["outside"] == "true")
        #expect(rows["7"]?["locate_status"]?.hasPrefix("rejected: coordinate out of range") == true)
    }

    @Test("locate reads standard input and honours --level arrondissement")
    func locateStdin() throws {
        let r = try CLI.run(["locate", "--boundaries", SharedData.codAB.path, "--level", "arrondissement"],
                            input: "lat,lon\n18.5392,-72.3388\n")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "lat,lon,adm1_pcode,adm1_name,arrondissement_pcode,arrondissement_name,snapped,snap_km,outside,locate_status")
        #expect(lines.last?.contains("HT011,Arrondissement de Port-au-Prince") == true)
    }

    @Test("a CSV without coordinate columns is a clear error naming the file")
    func missingColumns() throws {
        let r = try CLI.run(["locate", "--boundaries", SharedData.codAB.path], input: "a,b\n1,2\n")
        #expect(r.status != 0)
        #expect(r.stderr.contains("standard input:1") && r.stderr.contains("no latitude column"), "\(r.stderr)")
    }

    @Test("zones: table, JSON and GeoJSON for the sections")
    func zonesFormats() throws {
        let table = try CLI.run(["zones", "--boundaries", SharedData.codAB.path, "--level", "adm2"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("HT0621  Mirebalais"))
        #expect(table.stdout.contains("140 zones, level adm2"))

        let json = try CLI.run(["zones", "--boundaries", SharedData.codAB.path, "--level", "adm3", "--format", "json"])
        let parsed = try JSONParser.parse(json.stdout)
        #expect(parsed.arrayValue?.count == 570)
        #expect(parsed.arrayValue?.first?["parent"]?.stringValue?.count == 6)

        let dir = try SharedData.temporaryDirectory("zones-geojson")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("arr.geojson").path
        let g = try CLI.run(["zones", "--boundaries", SharedData.codAB.path, "--level", "arrondissement", "--format", "geojson", "--out", out])
        #expect(g.status == 0, "\(g.stderr)")
        let check = try runProcess(SharedData.checkLayers, [out])
        #expect(check.status == 0, "\(check.stdout)")
        let ogr = try runProcess("ogrinfo", ["-ro", "-al", "-so", out])
        #expect(ogr.stdout.contains("Feature Count: 42"))
    }
}
