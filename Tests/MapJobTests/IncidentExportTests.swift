import Foundation
import MapJob
import Testing
import TestSupport

/// `export` reads a large CSV in parts at once: whatever the number of parts, the files are the bytes one part writes.
@Suite("IncidentExport in parts")
struct IncidentExportTests {
    /// ACLED-style rows with notes quoted over several lines, a bad date now and then, accents.
    static func table(rows: Int, in dir: URL) throws -> String {
        let header = "event_id_cnty,event_date,year,event_type,sub_event_type,actor1,admin1,admin2,location,latitude,longitude,geo_precision,notes,fatalities"
        var out = header + "\n"
        for k in 0..<rows {
            let date = k % 97 == 13 ? "2024-02-30" : "2025-0\(1 + k % 9)-\(10 + k % 18)"
            let notes = k % 5 == 1 ? "\"Attaque à Mibalè,\nligne \(k); \"\"Viv Ansanm\"\"\"" : "note \(k)"
            let lat = 18.0 + Double(k % 1000) / 1000, lon = -74.0 + Double(k % 1700) / 1000
            out += "HTI\(k),\(date),2025,Battles,Armed clash,Viv Ansanm,Ouest,Port-au-Prince,Cité Soleil,\(lat),\(lon),1,\(notes),\(k % 7)\n"
        }
        let path = dir.appendingPathComponent("rows.csv").path
        try out.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("Shapefile and GeoJSON from 1, 2 and 3 parts: the same bytes and counts")
    func sameFilesInParts() throws {
        let dir = try SharedData.temporaryDirectory("export-parts")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try Self.table(rows: 6_000, in: dir)
        var reference: [String: Data] = [:]
        var counts: (Int, Int, Int)?
        for parts in [1, 2, 3] {
            let out = dir.appendingPathComponent("p\(parts)")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let shp = try IncidentExport.export(inputs: [input], to: out.appendingPathComponent("i.shp").path, parts: parts, minimumPartBytes: 0)
            let json = try IncidentExport.export(inputs: [input, input], to: out.appendingPathComponent("i.geojson").path, parts: parts, minimumPartBytes: 0)
            #expect(shp.read.rejected > 50 && shp.written == shp.read.kept && json.written == 2 * shp.written)
            if let counts { #expect(counts == (shp.read.read, shp.read.rejected, json.written)) } else { counts = (shp.read.read, shp.read.rejected, json.written) }
            for name in ["i.shp", "i.shx", "i.dbf", "i.geojson"] {
                let bytes = try Data(contentsOf: out.appendingPathComponent(name))
                if let r = reference[name] { #expect(bytes == r, "\(name) in \(parts) parts") } else { reference[name] = bytes }
            }
            // Nothing of the parts is left beside the files.
            let left = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }
            #expect(left.isEmpty, "\(left)")
        }
    }
}
