import Foundation
import GeoCore
import Testing
import TestSupport

@Suite("GeoJSON reading and writing")
struct GeoJSONTests {
    @Test("COD-AB communes written by GeoCore pass check-layers and read back within 1e-7°")
    func roundTripCommunes() throws {
        let communes = try CODAB.level(2)
        let dir = try SharedData.temporaryDirectory("geojson")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("communes.geojson").path
        try GeoJSONWriter.write(communes, to: path)

        let check = try runProcess(SharedData.checkLayers, [path])
        #expect(check.status == 0, "check-layers: \(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains(" 0 failed"))

        let back = try GeoJSONReader.read(path: path)
        #expect(back.features.count == communes.features.count)
        for (a, b) in zip(communes.features, back.features) {
            // Dates are written as ISO 8601 strings and read back as strings.
            let expected = a.properties.map { p -> Property in
                if case .date(let d) = p.value { Property(p.name, .string(d.description)) } else { p }
            }
            #expect(expected == b.properties)
            let ca = a.geometry!.polygons, cb = b.geometry!.polygons
            #expect(ca.count == cb.count)
            for (pa, pb) in zip(ca, cb) {
                #expect(pa.holes.count == pb.holes.count)
                // The writer may reverse rings to orient them; compare as sets of positions.
                try expectSameRing(pa.exterior, pb.exterior)
            }
        }
        // No temporary file is left beside the output.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(names == ["communes.geojson"])
    }

    private func expectSameRing(_ a: LinearRing, _ b: LinearRing) throws {
        #expect(a.coordinates.count == b.coordinates.count)
        let bc = a.isCounterClockwise == b.isCounterClockwise ? b.coordinates : b.coordinates.reversed()
        var worst = 0.0
        for (x, y) in zip(a.coordinates, bc) {
            worst = max(worst, abs(x.longitude - y.longitude), abs(x.latitude - y.latitude))
        }
        #expect(worst <= 0.5e-7 + 1e-12, "max coordinate difference \(worst)")
    }

    @Test("exteriors written counter-clockwise, holes clockwise, 7 decimals, bbox last")
    func orientationAndPrecision() throws {
        let cw = try LinearRing([
            Coordinate(longitude: -72.3, latitude: 18.5), Coordinate(longitude: -72.3, latitude: 18.6),
            Coordinate(longitude: -72.2, latitude: 18.6), Coordinate(longitude: -72.2, latitude: 18.5),
            Coordinate(longitude: -72.3, latitude: 18.5),
        ])
        #expect(!cw.isCounterClockwise)
        let hole = try LinearRing([
            Coordinate(longitude: -72.27, latitude: 18.52), Coordinate(longitude: -72.23, latitude: 18.52),
            Coordinate(longitude: -72.23, latitude: 18.58), Coordinate(longitude: -72.27, latitude: 18.58),
            Coordinate(longitude: -72.27, latitude: 18.52),
        ])
        #expect(hole.isCounterClockwise)
        let f = Feature(id: .string("z1"), geometry: .polygon(Polygon(exterior: cw, holes: [hole])), properties: [
            Property("name", .string("Cité Soleil \"quoted\"\n")), Property("n", .int(3)), Property("share", .double(0.9)),
            Property("ok", .bool(true)), Property("day", .date(try CalendarDate(year: 2025, month: 3, day: 31))),
            Property("none", .null), Property("tiny", .double(1.23456789012e-9)),
        ])
        let text = String(decoding: GeoJSONWriter.encode(FeatureCollection([f])), as: UTF8.self)
        #expect(!text.contains("\"crs\""))
        #expect(text.hasSuffix(#"],"bbox":[-72.3,18.5,-72.2,18.6]}"# + "\n"))
        #expect(text.contains(#""day":"2025-03-31""#))
        #expect(text.contains(#""name":"Cité Soleil \"quoted\"\n""#))
        let back = try GeoJSONReader.decode(text)
        let p = try #require(back.features.first?.geometry?.polygons.first)
        #expect(p.exterior.isCounterClockwise)
        #expect(!p.holes[0].isCounterClockwise)
        #expect(back.features[0].id == .string("z1"))
        #expect(back.features[0]["n"] == .int(3))
        #expect(back.features[0]["ok"] == .bool(true))
        #expect(back.features[0]["none"] == .null)
        #expect(back.features[0]["day"] == .string("2025-03-31"))
    }

    @Test("fixed-precision numbers", arguments: [
        (-72.3374, "-72.3374"), (18.0, "18"), (0.00000004, "0"), (0.00000005, "0.0000001"),
        (-0.0, "0"), (1.23456789, "1.2345679"), (180.0, "180"), (-19.99999999, "-20"),
    ])
    func fixedPrecision(value: Double, expected: String) {
        var out: [UInt8] = []
        JSONText.appendFixed(value, precision: 7, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }

    @Test("RFC 8142 text sequences: one RS-prefixed feature per line")
    func textSequence() throws {
        let features = (0..<3).map { Feature(id: .int($0), geometry: .point(Point(longitude: -72, latitude: 18 + Double($0)))) }
        let bytes = GeoJSONWriter.encode(FeatureCollection(features), options: .init(textSequence: true))
        let records = bytes.split(separator: 0x1E)
        #expect(records.count == 3)
        for (i, r) in records.enumerated() {
            let f = try GeoJSONReader.feature(try JSONParser.parse(Array(r)), path: "seq[\(i)]")
            #expect(f.id == .int(i))
        }
    }

    @Test("tolerant reading: left-handed rings, 2008 crs for EPSG:4326, third coordinate, BOM")
    func tolerantReading() throws {
        let text = """
        \u{FEFF}{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4326"}},
        "features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0,5],[0,1,5],[1,1,5],[1,0,5],[0,0,5]]]},"properties":null}]}
        """
        let fc = try GeoJSONReader.decode(text)
        #expect(fc.features.count == 1)
        #expect(fc.features[0].geometry!.polygons[0].exterior.isCounterClockwise == false)
    }

    @Test("bad GeoJSON names what and where", arguments: [
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[200,10]},"properties":{}}]}"#,
         "features[0].geometry.coordinates"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}},{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0.5]]]},"properties":{}}]}"#,
         "features[1].geometry.coordinates[0]"),
        (#"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]},"properties":{}}"#,
         "$.geometry.coordinates[0]"),
        (#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:32618"}},"features":[]}"#, "$.crs"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Circle","coordinates":[0,0]},"properties":{}}]}"#,
         "features[0].geometry.type"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[NaN,1]]}}]}"#, "$"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1]},"properties":{}}]}"#,
         "features[0].geometry.coordinates"),
        (#"[1,2"#, "$"),
    ])
    func badInput(text: String, path: String) throws {
        let e = try #require(throws: GeoJSONError.self, "accepted bad GeoJSON: \(text)") { try GeoJSONReader.decode(text) }
        #expect(e.path == path, "\(e)")
        #expect(!e.reason.isEmpty)
    }

    @Test("an unreadable file is named in the error")
    func missingFile() throws {
        let e = try #require(throws: GeoJSONError.self) { try GeoJSONReader.read(path: "/nonexistent/zones.geojson") }
        #expect(String(describing: e).contains("/nonexistent/zones.geojson"))
    }

    @Test("a failed write leaves the previous file intact")
    func atomicWrite() throws {
        let dir = try SharedData.temporaryDirectory("atomic")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("layer.geojson").path
        try "previous".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let w = try GeoJSONWriter(path: path)
            try w.write(Feature(geometry: .point(Point(longitude: 1, latitude: 2))))
            // Dropped without finish(): as if the run failed half-way.
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["layer.geojson"])
    }
}
