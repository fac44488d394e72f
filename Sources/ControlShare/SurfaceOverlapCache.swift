import Foundation
import GeoCore
import Zones

/// Remembers, between runs, the incident surface's cell–zone overlap table (which cells each zone overlaps, and by
/// how many km²): it depends only on the zones' outlines and the cell size, and clipping the cells that boundaries
/// cross against the zones is most of what a summary over a country's communes costs. A rerun with the same
/// boundaries and cell size reads it back in milliseconds. Likewise the zones' footprint (their union, which the
/// dissolved control polygons are clipped to: 0.13 s for 140 communes), as WKB. And the bootstrap's intervals
/// (``intervalsKey(overlapKey:parameters:classes:bins:sourceWeight:)``: the 200 replicates are most of a rerun of an
/// ACLED-sized summary; the same grid, parameters, seed and binned events give the same intervals bit for bit).
///
/// A table is known by a key holding the format version, the GEOS version, the grid (cell size, origin, columns,
/// rows) and a 64-bit hash of every zone's identifier and coordinates (bit for bit); the record starts with the key
/// and is compared in full when read, so a changed boundary or cell size is never served an old table. Records live
/// in the folder given (``init(cacheFolder:)``: `surface-grids` of a ``CacheFolder``, beside the validity cache); past 64 records the oldest go. A cache that
/// cannot be written is only not used; a record that does not parse is ignored and replaced.
public struct SurfaceOverlapCache: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    /// The overlap tables of a cache folder (`surface-grids`).
    public init(cacheFolder: CacheFolder) { self.init(folder: cacheFolder.path + "/surface-grids") }

    typealias Table = [[(cell: Int, km2: Double)]]

    /// The key of the table for these zones on this grid.
    static func key(zones: [Zone], cellKm: Double, x0: Double, y0: Double, columns: Int, rows: Int) -> String {
        "incidentmap surface overlaps 1\ngeos \(GEOSLibrary.version)\ncell \(cellKm.bitPattern) origin \(x0.bitPattern) \(y0.bitPattern) grid \(columns)x\(rows)\n\(zonesLine(zones))"
    }

    /// The key of the zones' footprint (their union).
    static func footprintKey(zones: [Zone]) -> String {
        "incidentmap surface footprint 1\ngeos \(GEOSLibrary.version)\n\(zonesLine(zones))"
    }

    /// The zones' count and a hash of every identifier and coordinate (bit for bit).
    private static func zonesLine(_ zones: [Zone]) -> String {
        var hash = FNV1a()
        for z in zones {
            hash.combine(z.id.utf8)
            for p in z.geometry.polygons {
                for ring in p.rings {
                    ring.coordinates.withUnsafeBytes { hash.combine($0) }
                    hash.combine([0xFF])  // ring separator
                }
            }
            hash.combine([0xFE])  // zone separator
        }
        return "zones \(zones.count) \(String(hash.value, radix: 16))\n"
    }

    /// The footprint recorded under `key` (WKB after the key), if any.
    func footprint(_ key: String) -> Geometry? {
        guard let body = recorded(key, kind: "footprint"), !body.isEmpty else { return nil }
        return try? WKBReader.decode(Array(body))
    }

    /// Records the zones' footprint under `key` (whole or not at all).
    func remember(footprint: Geometry, key: String) {
        write(Array(key.utf8) + WKB.encode(footprint), to: record(key, kind: "footprint"))
    }

    /// The table recorded under `key`, if any.
    func table(_ key: String, zones: Int) -> Table? {
        guard let body = recorded(key, kind: "overlaps") else { return nil }
        return body.withUnsafeBytes { raw -> Table? in
            var at = 0
            func int() -> Int? {
                guard at + 8 <= raw.count else { return nil }
                defer { at += 8 }
                return Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int64.self)))
            }
            func double() -> Double? {
                guard at + 8 <= raw.count else { return nil }
                defer { at += 8 }
                return Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
            }
            var out: Table = []
            out.reserveCapacity(zones)
            for _ in 0..<zones {
                guard let n = int(), n >= 0, n <= (raw.count - at) / 16 else { return nil }
                var cells: [(cell: Int, km2: Double)] = []
                cells.reserveCapacity(n)
                for _ in 0..<n {
                    guard let c = int(), let a = double() else { return nil }
                    cells.append((c, a))
                }
                out.append(cells)
            }
            return at == raw.count ? out : nil
        }
    }

    /// The key of the bootstrap intervals of a surface: its grid and overlaps (`overlapKey`), every parameter (the
    /// replicates and seed among them), the classes, and a hash of what the replicates resample — each source's bin
    /// and weight, each bin's cell, class, precision and weight (bit for bit). The code is not in the key: a change
    /// to how replicates are drawn or evaluated must raise the version on the key's first line ("intervals 1").
    static func intervalsKey(overlapKey: String, parameters: SurfaceParameters, classes: [String],
                             bins: SurfaceBins, sourceWeight: [Double]) -> String {
        var hash = FNV1a()
        bins.binOf.withUnsafeBytes { hash.combine($0) }
        sourceWeight.withUnsafeBytes { hash.combine($0) }
        bins.col.withUnsafeBytes { hash.combine($0) }
        bins.row.withUnsafeBytes { hash.combine($0) }
        bins.classIndex.withUnsafeBytes { hash.combine($0) }
        hash.combine(bins.diffuse.map { $0 ? 1 : 0 })
        hash.combine(bins.recent.map { $0 ? 1 : 0 })
        bins.bucket.withUnsafeBytes { hash.combine($0) }
        bins.weight.withUnsafeBytes { hash.combine($0) }
        return "incidentmap surface intervals 2\n\(overlapKey)\(parameters) \(parameters.cellKm.bitPattern) \(parameters.bandwidthKm.bitPattern) "
            + "rules \(parameters.strongMajority) \(parameters.strongMajorityDensity) \(parameters.neighbourhoodBlockKm)\n"
            + "classes \(classes.joined(separator: ","))\nsources \(sourceWeight.count) bins \(bins.count) \(String(hash.value, radix: 16))\n"
    }

    /// The intervals recorded under `key`: `count` (low, high) pairs, if any.
    func intervals(_ key: String, count: Int) -> [(Double, Double)]? {
        guard let body = recorded(key, kind: "intervals"), body.count == count * 16 else { return nil }
        return body.withUnsafeBytes { b in
            (0..<count).map { i in
                (Double(bitPattern: UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 16 * i, as: UInt64.self))),
                 Double(bitPattern: UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 16 * i + 8, as: UInt64.self))))
            }
        }
    }

    /// Records bootstrap intervals under `key` (whole or not at all).
    func remember(intervals: [(Double, Double)], key: String) {
        var bytes = Array(key.utf8)
        for (lo, hi) in intervals {
            withUnsafeBytes(of: lo.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: hi.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        write(bytes, to: record(key, kind: "intervals"))
    }

    /// What follows the key in the record of this kind under `key` (nil: no such record, or another key's).
    private func recorded(_ key: String, kind: String) -> Data? {
        guard let data = FileManager.default.contents(atPath: record(key, kind: kind)) else { return nil }
        let keyBytes = Array(key.utf8)
        guard data.count >= keyBytes.count, data.prefix(keyBytes.count).elementsEqual(keyBytes) else { return nil }
        return data.dropFirst(keyBytes.count)
    }

    /// Records `table` under `key` (whole or not at all).
    func remember(_ table: Table, key: String) {
        var bytes = Array(key.utf8)
        bytes.reserveCapacity(bytes.count + table.reduce(0) { $0 + 8 + 16 * $1.count })
        func append(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
        for cells in table {
            append(UInt64(cells.count))
            for (c, a) in cells { append(UInt64(c)); append(a.bitPattern) }
        }
        write(bytes, to: record(key))
    }

    /// Writes a record whole through a temporary file, then drops the oldest past the limit; a cache that cannot be
    /// written is only not used.
    private func write(_ bytes: [UInt8], to path: String) {
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil,
              let file = try? AtomicFile(destination: path) else { return }
        do {
            try file.write(bytes)
            try file.commit()
        } catch {
            file.abort()
            return
        }
        prune()
    }

    /// Past `limit` records, drops the least recently written.
    func prune(limit: Int = 64) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder).filter({ !$0.hasPrefix(".") }), entries.count > limit else { return }
        let dated = entries.map { e -> (String, Date) in
            let path = folder + "/" + e
            return (path, (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast)
        }
        for (path, _) in dated.sorted(by: { $0.1 < $1.1 }).prefix(entries.count - limit) { unlink(path) }
    }

    private func record(_ key: String, kind: String = "overlaps") -> String {
        folder + "/" + String(FNV1a.hash(key.utf8), radix: 16) + "." + kind
    }
}
