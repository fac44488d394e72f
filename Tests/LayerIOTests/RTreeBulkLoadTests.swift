import Foundation
import GeoCore
@testable import LayerIO
import Testing
import TestSupport

@Suite("GeoPackage R-tree packed at once")
struct RTreeBulkLoadTests {
    /// Points scattered over Haiti, a few exactly on the query boxes' edges, and the 140 communes.
    static func layers() throws -> [(name: String, features: [Feature])] {
        var rng = SeededGenerator(seed: 11)
        var points = (0..<5_000).map { i in
            Feature(geometry: .point(Point(longitude: Double.random(in: -74.4 ... -71.7, using: &rng), latitude: Double.random(in: 18.05...19.9, using: &rng))),
                    properties: [Property("n", .int(i))])
        }
        for (k, x) in [-72.4, -72.2, -72.3].enumerated() {
            points.append(Feature(geometry: .point(Point(longitude: x, latitude: 18.5 + Double(k) * 0.05)), properties: [Property("n", .int(-k))]))
        }
        let few = (0..<7).map { i in Feature(geometry: .point(Point(longitude: -72.3 + Double(i) / 100, latitude: 18.5)), properties: [Property("n", .int(i))]) }
        return [("points", points), ("few", few), ("communes", try WritersTests.communes().features), ("empty", [])]
    }

    @Test("every layer's index passes SQLite's rtreecheck, holds every row once, and answers box queries as a scan of the rows does")
    func packedIndex() throws {
        let dir = try SharedData.temporaryDirectory("rtree")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("packed.gpkg").path
        let layers = try Self.layers()
        let w = try GeoPackageWriter(path: path)
        for l in layers { try w.addLayer(name: l.name, features: l.features, schema: LayerSchema(inferring: l.features)) }
        try w.finish()
        let db = try SQLiteDatabase(path: path)
        var rng = SeededGenerator(seed: 3)
        for (name, features) in layers {
            let rtree = "rtree_\(name)_geom"
            #expect(try db.firstText("SELECT rtreecheck('\(rtree)')") == "ok", "\(name)")
            #expect(try db.firstText("SELECT count(*) FROM \"\(rtree)\"") == "\(features.count)")
            #expect(try db.firstText("SELECT count(DISTINCT id) FROM \"\(rtree)\" WHERE id IN (SELECT fid FROM \"\(name)\")") == "\(features.count)")
            var queries = [BoundingBox(minLongitude: -72.4, minLatitude: 18.5, maxLongitude: -72.2, maxLatitude: 18.6)]
            for _ in 0..<30 {
                let x = Double.random(in: -74.5 ... -71.7, using: &rng), y = Double.random(in: 18 ... 20, using: &rng)
                queries.append(BoundingBox(minLongitude: x, minLatitude: y, maxLongitude: x + Double.random(in: 0.001...1, using: &rng),
                                           maxLatitude: y + Double.random(in: 0.001...1, using: &rng)))
            }
            for q in queries {
                // What the index answers: the rows whose stored (float, rounded outwards) boxes meet the query.
                let answer = try Self.ids(db, "SELECT id FROM \"\(rtree)\" WHERE minx <= \(q.maxLongitude) AND maxx >= \(q.minLongitude) AND miny <= \(q.maxLatitude) AND maxy >= \(q.minLatitude)")
                // Every row whose box meets the query is found; nothing is found farther than float rounding.
                let meets = Self.meeting(features, q, margin: 0), near = Self.meeting(features, q, margin: 1e-5)
                #expect(meets.isSubset(of: answer) && answer.isSubset(of: near), "\(name) \(q): \(meets.count) ≤ \(answer.count) ≤ \(near.count)")
            }
        }
        // GDAL reads it as it reads its own: a spatial filter counts what a scan counts.
        let ogr = try runProcess("ogrinfo", ["-ro", "-so", path, "points", "-spat", "-72.4", "18.5", "-72.2", "18.6"])
        let expected = Self.meeting(layers[0].features, BoundingBox(minLongitude: -72.4, minLatitude: 18.5, maxLongitude: -72.2, maxLatitude: 18.6), margin: 0).count
        #expect(ogr.stdout.contains("Feature Count: \(expected)"), "\(ogr.stdout)")
        // SQLite's R-tree goes on from the packed tree: entries added and removed as the GeoPackage's triggers would
        // (full leaves split), and it still checks out.
        for k in 0..<400 {
            try db.execute("INSERT INTO rtree_points_geom VALUES (\(100_000 + k), -72.3, -72.29, \(18.5 + Double(k) * 1e-4), 18.6)")
        }
        try db.execute("DELETE FROM rtree_points_geom WHERE id <= 100")
        #expect(try db.firstText("SELECT rtreecheck('rtree_points_geom')") == "ok")
        #expect(try db.firstText("SELECT count(*) FROM rtree_points_geom") == "\(layers[0].features.count + 400 - 100)")
    }

    @Test("a Z-curve orders neighbours together and keeps ties in order")
    func zOrder() {
        let extent = BoundingBox(minLongitude: 0, minLatitude: 0, maxLongitude: 1, maxLatitude: 1)
        func entry(_ fid: Int64, _ x: Double, _ y: Double) -> RTreeEntry {
            RTreeEntry(fid: fid, box: BoundingBox(minLongitude: x, minLatitude: y, maxLongitude: x, maxLatitude: y))
        }
        let order = RTreeEntry.zOrdered([entry(1, 0.9, 0.9), entry(2, 0.1, 0.1), entry(3, 0.9, 0.1), entry(4, 0.1, 0.9), entry(5, 0.1, 0.1)], in: extent)
        #expect(order.map(\.fid) == [2, 5, 3, 4, 1])
        #expect(RTreeEntry.interleave(0xFFFF) == 0x5555_5555 && RTreeEntry.interleave(1) == 1 && RTreeEntry.interleave(2) == 4)
    }

    static func ids(_ db: SQLiteDatabase, _ sql: String) throws -> Set<Int64> {
        // The ids joined into one text: one row back through the database's own API.
        guard let text = try db.firstText("SELECT group_concat(id) FROM (\(sql))") else { return [] }
        return Set(text.split(separator: ",").compactMap { Int64($0) })
    }

    /// The fids (1-based, in order) of the features whose box meets `q` grown by `margin` degrees.
    static func meeting(_ features: [Feature], _ q: BoundingBox, margin: Double) -> Set<Int64> {
        Set(features.enumerated().compactMap { i, f in
            guard let b = f.geometry?.boundingBox else { return nil }
            let meets = b.minLongitude <= q.maxLongitude + margin && b.maxLongitude >= q.minLongitude - margin
                && b.minLatitude <= q.maxLatitude + margin && b.maxLatitude >= q.minLatitude - margin
            return meets ? Int64(i + 1) : nil
        })
    }
}
