import GeoCore
import Testing

@Suite("WKB reader")
struct WKBReaderTests {
    @Test("every COD-AB section round-trips through WKB exactly")
    func codabRoundTrip() throws {
        let sections = try CODAB.level(3).features
        #expect(sections.count == 570)
        for f in sections {
            let g = try #require(f.geometry)
            #expect(try WKBReader.decode(WKB.encode(g)) == g, "section \(f.properties.first?.value.description ?? "?")")
        }
    }

    @Test("big-endian points, multipoints and collections decode")
    func bigEndian() throws {
        // POINT(-72.3388 18.5435), big-endian: 00 | 00000001 | x | y
        func be(_ d: Double) -> [UInt8] { withUnsafeBytes(of: d.bitPattern.bigEndian) { Array($0) } }
        let point = [0, 0, 0, 0, 1] + be(-72.3388) + be(18.5435)
        #expect(try WKBReader.decode(point) == .point(Point(longitude: -72.3388, latitude: 18.5435)))
        let multi: [UInt8] = [0, 0, 0, 0, 4, 0, 0, 0, 2] + point + point
        guard case .multiPoint(let m) = try WKBReader.decode(multi) else { Issue.record("not a multipoint"); return }
        #expect(m.coordinates.count == 2)
        let collection = WKB.encode(.geometryCollection([.point(Point(longitude: 1, latitude: 2)), .lineString(try LineString([
            Coordinate(longitude: 0, latitude: 0), Coordinate(longitude: 1, latitude: 1)]))]))
        guard case .geometryCollection(let gs) = try WKBReader.decode(collection) else { Issue.record("not a collection"); return }
        #expect(gs.count == 2)
    }

    @Test("malformed input is an error naming the byte, never a crash")
    func malformed() throws {
        let good = WKB.encode(.point(Point(longitude: 1, latitude: 2)))
        for (bytes, reason) in [([UInt8](), "byte-order"), (Array(good.dropLast()), "truncated"), ([2] + good.dropFirst(), "byte-order"),
                                (good + [0], "after the geometry"), ([1, 99, 0, 0, 0], "unsupported geometry type 99"),
                                ([1, 3, 0, 0, 0, 255, 255, 255, 127], "exceeds the data"), ([1, 6, 0, 0, 0, 1, 0, 0, 0] + good, "unexpected member type")] {
            #expect {
                try WKBReader.decode(bytes)
            } throws: { error in
                guard let e = error as? WKBReader.Malformed else { return false }
                return e.description.contains(reason)
            }
        }
    }

    @Test("Z, M and ZM (ISO codes and EWKB flags, with an SRID) read as 2D")
    func extraOrdinates() throws {
        func u32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
        func f64(_ v: Double) -> [UInt8] { withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
        let ring: [(Double, Double)] = [(0, 0), (1, 0), (1, 1), (0, 0)]
        func polygon(type: UInt32, extra: Int, srid: Bool = false) -> [UInt8] {
            var b: [UInt8] = [1] + u32(type) + (srid ? u32(32618) : []) + u32(1) + u32(UInt32(ring.count))
            for (x, y) in ring { b += f64(x) + f64(y); for _ in 0..<extra { b += f64(123.5) } }
            return b
        }
        let flat = try WKBReader.decode(polygon(type: 3, extra: 0))
        for (type, extra, srid) in [(UInt32(1003), 1, false), (2003, 1, false), (3003, 2, false), (0x8000_0003, 1, false),
                                    (0xC000_0003, 2, false), (0xA000_0003, 1, true)] {
            #expect(try WKBReader.decode(polygon(type: type, extra: extra, srid: srid)) == flat, "type \(String(type, radix: 16))")
        }
        let pointZ: [UInt8] = [1] + u32(1001) + f64(-72.3) + f64(18.5) + f64(40)
        #expect(try WKBReader.decode(pointZ) == .point(Point(longitude: -72.3, latitude: 18.5)))
    }
}
