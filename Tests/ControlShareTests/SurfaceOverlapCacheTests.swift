@testable import ControlShare
import Foundation
import GeoCore
import Testing
import TestSupport
import Zones

@Suite("Surface overlap cache")
struct SurfaceOverlapCacheTests {
    static func folder() -> String {
        let f = NSTemporaryDirectory() + "incidentmap-overlaps-\(UUID().uuidString)"
        return f
    }

    static func same(_ a: SurfaceGrid, _ b: SurfaceGrid) -> Bool {
        a.zoneCells.count == b.zoneCells.count && zip(a.zoneCells, b.zoneCells).allSatisfy { x, y in
            x.count == y.count && zip(x, y).allSatisfy { $0.cell == $1.cell && $0.km2 == $1.km2 }
        }
    }

    @Test("a second grid over the same communes reads the table back bit for bit; another cell size or outline is not served it")
    func roundTrip() throws {
        let zones = try SyntheticMaps.papCommunes().filter { ["HT0111", "HT0117", "HT0113"].contains($0.id) }
        let cache = SurfaceOverlapCache(folder: Self.folder())
        defer { try? FileManager.default.removeItem(atPath: cache.folder) }
        let computed = try SurfaceGrid(zones: zones, cellKm: 1, cache: cache)
        let records = try FileManager.default.contentsOfDirectory(atPath: cache.folder)
        #expect(records.count == 1)
        let read = try SurfaceGrid(zones: zones, cellKm: 1, cache: cache)
        #expect(Self.same(computed, read))
        #expect(Self.same(computed, try SurfaceGrid(zones: zones, cellKm: 1, cache: nil)))
        #expect(computed.zoneCells.allSatisfy { !$0.isEmpty })
        // Another cell size: its own record.
        let half = try SurfaceGrid(zones: zones, cellKm: 0.5, cache: cache)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.folder).count == 2)
        #expect(half.zoneCells[0].count > computed.zoneCells[0].count)
        // One zone fewer (another outline set): not served the three-zone table.
        let two = try SurfaceGrid(zones: Array(zones.prefix(2)), cellKm: 1, cache: cache)
        #expect(two.zoneCells.count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.folder).count == 3)
    }

    @Test("a damaged record is ignored and replaced, never read as a table")
    func damaged() throws {
        let zones = try SyntheticMaps.papCommunes().filter { ["HT0117"].contains($0.id) }
        let cache = SurfaceOverlapCache(folder: Self.folder())
        defer { try? FileManager.default.removeItem(atPath: cache.folder) }
        let computed = try SurfaceGrid(zones: zones, cellKm: 1, cache: cache)
        let record = cache.folder + "/" + (try FileManager.default.contentsOfDirectory(atPath: cache.folder))[0]
        var bytes = try #require(FileManager.default.contents(atPath: record))
        bytes = bytes.dropLast(5)   // truncated
        try bytes.write(to: URL(fileURLWithPath: record))
        #expect(Self.same(computed, try SurfaceGrid(zones: zones, cellKm: 1, cache: cache)))
        #expect(try FileManager.default.contents(atPath: record)!.count == bytes.count + 5, "rewritten whole")
        // Garbage after a valid key: ignored too.
        let key = SurfaceOverlapCache.key(zones: zones, cellKm: 1, x0: computed.x0, y0: computed.y0, columns: computed.columns, rows: computed.rows)
        try Data(Array(key.utf8) + [UInt8](repeating: 0xFF, count: 40)).write(to: URL(fileURLWithPath: record))
        #expect(cache.table(key, zones: 1) == nil)
        #expect(Self.same(computed, try SurfaceGrid(zones: zones, cellKm: 1, cache: cache)))
    }

    @Test("the zones' footprint is recorded once and read back bit for bit; other zones or a damaged record get their own union")
    func footprint() throws {
        let zones = try SyntheticMaps.papCommunes().filter { ["HT0111", "HT0117", "HT0113"].contains($0.id) }
        let cache = SurfaceOverlapCache(folder: Self.folder())
        defer { try? FileManager.default.removeItem(atPath: cache.folder) }
        let p = SurfaceParameters()
        let computed = try IncidentSurface(zones: zones, parameters: p, cache: cache).footprint()
        let key = SurfaceOverlapCache.footprintKey(zones: zones)
        let record = try #require(cache.footprint(key), "recorded on first use")
        #expect(record == computed)
        #expect(try IncidentSurface(zones: zones, parameters: p, cache: cache).footprint() == computed)
        #expect(try IncidentSurface(zones: zones, parameters: p, cache: nil).footprint() == computed)
        // The union covers the three communes: its area is theirs (they do not overlap), within GEOS's noding.
        let parts = zones.map { Geodesic.area(of: $0.geometry) }.reduce(0, +)
        #expect(abs(Geodesic.area(of: computed) - parts) / parts < 1e-6)
        // Two of the zones: another key, another union.
        let two = Array(zones.prefix(2))
        #expect(SurfaceOverlapCache.footprintKey(zones: two) != key)
        let twoUnion = try IncidentSurface(zones: two, parameters: p, cache: cache).footprint()
        #expect(Geodesic.area(of: twoUnion) < Geodesic.area(of: computed) * 0.99)
        // A damaged record is not read as a geometry, and is replaced.
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.folder).filter { $0.hasSuffix(".footprint") }
        #expect(files.count == 2)
        for f in files {
            let path = cache.folder + "/" + f
            let bytes = try #require(FileManager.default.contents(atPath: path))
            try bytes.dropLast(9).write(to: URL(fileURLWithPath: path))
        }
        #expect(cache.footprint(key) == nil)
        #expect(try IncidentSurface(zones: zones, parameters: p, cache: cache).footprint() == computed)
        #expect(cache.footprint(key) == computed)
    }
}

extension SurfaceOverlapCacheTests {
    @Test("bootstrap intervals are read back bit for bit when nothing they depend on changed; another seed, event or damaged record recomputes")
    func intervals() throws {
        let zones = try SyntheticMaps.papCommunes().filter { ["HT0111", "HT0112", "HT0113", "HT0117"].contains($0.id) }
        let incidents = try IncidentSurfaceTests.draw(seed: 11, perKm2: 0.4, zones: zones)
        let input = try IncidentSurfaceTests.input(incidents, asOf: IncidentSurfaceTests.day)
        let cache = SurfaceOverlapCache(folder: Self.folder())
        defer { try? FileManager.default.removeItem(atPath: cache.folder) }
        var p = SurfaceParameters()
        p.bootstrap = 40
        func intervalRecords() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: cache.folder).filter { $0.hasSuffix(".intervals") } }
        let computed = try IncidentSurface(zones: zones, parameters: p, cache: cache).estimate(input)
        #expect(try intervalRecords().count == 1)
        #expect(computed.contains { $0.interval.values.contains { $0.1 > $0.0 } }, "intervals with some width to compare")
        let read = try IncidentSurface(zones: zones, parameters: p, cache: cache).estimate(input)
        #expect(read == computed)
        #expect(try IncidentSurface(zones: zones, parameters: p, cache: nil).estimate(input) == computed)
        // Another seed: its own record and other draws.
        var q = p
        q.seed = 2
        let reseeded = try IncidentSurface(zones: zones, parameters: q, cache: cache).estimate(input)
        #expect(try intervalRecords().count == 2 && reseeded != computed)
        #expect(reseeded == (try IncidentSurface(zones: zones, parameters: q, cache: nil).estimate(input)))
        // One event more: its own record.
        let more = try IncidentSurfaceTests.input(incidents + [incidents[0]], asOf: IncidentSurfaceTests.day)
        let grown = try IncidentSurface(zones: zones, parameters: p, cache: cache).estimate(more)
        #expect(try intervalRecords().count == 3)
        #expect(grown == (try IncidentSurface(zones: zones, parameters: p, cache: nil).estimate(more)))
        // A damaged record (cut short) is not read: the intervals are drawn again, and the record replaced.
        for name in try intervalRecords() {
            let path = cache.folder + "/" + name
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            try bytes.prefix(bytes.count - 5).write(to: URL(fileURLWithPath: path))
        }
        #expect(try IncidentSurface(zones: zones, parameters: p, cache: cache).estimate(input) == computed)
    }
}
