import Foundation
import GeoCore
import LayerIO
import Testing
import TestSupport

@Suite("Feature spool (Shapefile export's replay file)")
struct FeatureSpoolTests {
    @Test("features replay exactly, in order, with every value kind, records larger than the buffer too; the file is removed")
    func roundTrip() throws {
        let dir = try SharedData.temporaryDirectory("spool")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.spool").path
        var features: [Feature] = []
        for i in 0..<5_000 {
            var props = [Property("name", .string(i % 3 == 0 ? "Cité Soleil \(i)" : "Pétion-Ville")),
                         Property("n", .int(i - 2_500)), Property("x", .double(Double(i) / 7)),
                         Property("ok", .bool(i % 2 == 0)), Property("seen", .date(CalendarDate(daysSinceEpoch: 20_000 + i))),
                         Property("gap", .null)]
            if i % 10 == 0 { props.reverse(); props.append(Property("late", .string(String(repeating: "è", count: i % 200)))) }
            // Records that fill the 1 MiB buffer part way (written out before them) and one larger than it (3 MB).
            if i % 1_000 == 501 { props.append(Property("long", .string(String(repeating: "ï", count: i == 2_501 ? 1_500_000 : 200_000)))) }
            let geometry: Geometry? = i % 7 == 0 ? nil : .point(Point(longitude: -72.3 + Double(i) * 1e-7, latitude: 18.5))
            features.append(Feature(id: i % 2 == 0 ? .int(i) : .string("ev-\(i)"), geometry: geometry, properties: props))
        }
        let spool = try FeatureSpool(path: path)
        for f in features { try spool.append(f) }
        #expect(spool.count == features.count)
        #expect(FileManager.default.fileExists(atPath: path))
        let reader = try spool.finish()
        // Finished, the file has no name on disk: nothing is left behind, whatever happens to the run.
        #expect(!FileManager.default.fileExists(atPath: path))
        spool.remove()  // nothing: the reader owns the files now
        #expect(reader.count == features.count)
        var replayed: [Feature] = []
        try reader.forEach { replayed.append($0) }
        #expect(replayed == features)
        // The geometries alone (ids of both kinds and properties skipped): the same, in the same order.
        var geometries: [Geometry?] = []
        try reader.forEachGeometry { geometries.append($0) }
        #expect(geometries == features.map(\.geometry))
        // Read by several threads at once, each at its own offset: the same features on every thread.
        let written = features
        let counts = (0..<4).parallelMap(chunk: 1) { _ in
            var n = 0
            do { try reader.forEach { f in if f == written[n] { n += 1 } } } catch { return -1 }
            return n
        }
        #expect(counts == [Int](repeating: features.count, count: 4))
    }

    @Test("a feature of 70,000 properties (an input of that many columns) replays whole: counts and name indices are 32-bit")
    func manyProperties() throws {
        let dir = try SharedData.temporaryDirectory("spool-wide")
        defer { try? FileManager.default.removeItem(at: dir) }
        let spool = try FeatureSpool(path: dir.appendingPathComponent("wide.spool").path)
        defer { spool.remove() }
        let f = Feature(id: .string("x"), geometry: .point(Point(Coordinate(longitude: -72.3, latitude: 18.5))),
                        properties: (0..<70_000).map { Property("extra\($0)", .int($0)) })
        try spool.append(f)
        try spool.append(f)
        let reader = try spool.finish()
        var back: [Feature] = []
        try reader.forEach { back.append($0) }
        #expect(back == [f, f])
        #expect(reader.propertyNames.count == 70_000)
    }

    @Test("a polygon is refused with the spool's path named")
    func refusesPolygons() throws {
        let dir = try SharedData.temporaryDirectory("spool")
        defer { try? FileManager.default.removeItem(at: dir) }
        let spool = try FeatureSpool(path: dir.appendingPathComponent("s.spool").path)
        let ring = [(-72.0, 18.0), (-71.9, 18.0), (-71.9, 18.1), (-72.0, 18.0)].map { Coordinate(longitude: $0.0, latitude: $0.1) }
        let square = Feature(geometry: .polygon(try Polygon(rings: [ring])))
        #expect(throws: FileOutputErrorDescription.self) { try spool.append(square) }
        try spool.append(Feature(geometry: nil))
        var n = 0
        try spool.finish().forEach { _ in n += 1 }
        #expect(n == 1)
    }
}
