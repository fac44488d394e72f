import GeoCore
import Zones

/// The cells of the incident surface over a set of zones: square cells of
/// `cellKm` in a Lambert azimuthal equal-area projection centred on the zones,
/// and for each zone the cells it overlaps with the overlap's geodesic area.
struct SurfaceGrid {
    let x0: Double, y0: Double, size: Double
    let columns: Int, rows: Int
    /// Per zone (same order as the zones given): (cell index, overlap km²).
    let zoneCells: [[(cell: Int, km2: Double)]]
    let forward: CoordinateTransformation
    private let corners: Corners
    /// The key of the overlap table in the cache (nil without a cache): what the grid and its overlaps depend on.
    let overlapKey: String?

    /// Grid corner positions in lon/lat, (columns + 1) × (rows + 1), row-major, and the cell outlines they make.
    struct Corners {
        let columns: Int
        let x: [Double], y: [Double]

        func corner(_ col: Int, _ row: Int) -> Coordinate {
            let k = row * (columns + 1) + col
            return Coordinate(longitude: x[k], latitude: y[k])
        }

        /// The cell's outline in lon/lat.
        func outline(cell: Int) -> Polygon {
            let r = cell / columns, col = cell % columns
            let ring = [corner(col, r), corner(col + 1, r), corner(col + 1, r + 1), corner(col, r + 1), corner(col, r)]
            return Polygon(exterior: try! LinearRing(ring))
        }
    }

    /// `cache` remembers the cell–zone overlaps between runs (``SurfaceOverlapCache``); nil computes them every time.
    init(zones: [Zone], cellKm: Double, cache: SurfaceOverlapCache? = nil, progress: ProgressMeter? = nil) throws {
        precondition(cellKm > 0)
        var box = zones[0].boundingBox
        for z in zones.dropFirst() { box.expand(toInclude: z.boundingBox) }
        let c = box.center
        let laea = "+proj=laea +lat_0=\(c.latitude) +lon_0=\(c.longitude) +datum=WGS84 +units=m +no_defs +type=crs"
        forward = try CoordinateTransformation(from: CoordinateTransformation.wgs84, to: laea)
        let inverse = try CoordinateTransformation(from: laea, to: CoordinateTransformation.wgs84)
        // Projected extent of the zones (corners and vertices).
        var xs: [Double] = [], ys: [Double] = []
        for z in zones { for p in z.geometry.polygons { for co in p.exterior.coordinates { xs.append(co.longitude); ys.append(co.latitude) } } }
        try forward.transform(xs: &xs, ys: &ys)
        let size = cellKm * 1000
        let x0 = (xs.min()! / size).rounded(.down) * size
        let y0 = (ys.min()! / size).rounded(.down) * size
        let columns = Int(((xs.max()! - x0) / size).rounded(.up)) + 1
        let rows = Int(((ys.max()! - y0) / size).rounded(.up)) + 1
        self.size = size
        self.x0 = x0
        self.y0 = y0
        self.columns = columns
        self.rows = rows
        // Corner coordinates of the whole grid, transformed once.
        var gx: [Double] = [], gy: [Double] = []
        for r in 0...rows { for col in 0...columns { gx.append(x0 + Double(col) * size); gy.append(y0 + Double(r) * size) } }
        try inverse.transform(xs: &gx, ys: &gy)
        corners = Corners(columns: columns, x: gx, y: gy)
        let key = cache.map { _ in SurfaceOverlapCache.key(zones: zones, cellKm: cellKm, x0: x0, y0: y0, columns: columns, rows: rows) }
        overlapKey = key
        if let cache, let key, let table = cache.table(key, zones: zones.count), table.allSatisfy({ $0.allSatisfy { $0.cell >= 0 && $0.cell < columns * rows } }) {
            zoneCells = table
            return
        }
        zoneCells = try Self.overlaps(zones: zones, cellKm: cellKm, rows: rows, corners: corners, progress: progress)
        if let cache, let key { cache.remember(zoneCells, key: key) }
    }

    /// Per zone, the cells it overlaps and by how many km², in cell order.
    private static func overlaps(zones: [Zone], cellKm: Double, rows: Int, corners: Corners,
                                 progress: ProgressMeter?) throws -> [[(cell: Int, km2: Double)]] {
        let columns = corners.columns
        let layer = ZoneLayer(level: .surface, source: "surface", zones: zones)
        let locator = PointLocator(layer: layer)
        var perZone = [[(cell: Int, km2: Double)]](repeating: [], count: zones.count)
        let fullKm2 = cellKm * cellKm
        let corner = corners.corner
        // Cells whose four corners lie in one zone, the only one near them, count whole; the others are clipped
        // exactly against each nearby zone, zone by zone (one outline cut down hierarchically, both cores).
        var exact = [[Int]](repeating: [], count: zones.count)
        for r in 0..<rows {
            for col in 0..<columns {
                let corners = [corner(col, r), corner(col + 1, r), corner(col + 1, r + 1), corner(col, r + 1)]
                let cellBox = BoundingBox(enclosing: corners)!
                var candidates: [Int] = []
                layer.index.forEachCandidate(intersecting: cellBox) { candidates.append($0) }
                if candidates.isEmpty { continue }
                let cell = r * columns + col
                let owners = corners.map { locator.zoneIndex(containing: $0) }
                if let first = owners[0], owners.allSatisfy({ $0 == first }), candidates.count == 1 {
                    perZone[first].append((cell, fullKm2))
                    continue
                }
                for z in candidates { exact[z].append(cell) }
            }
        }
        let jobs = exact.enumerated().filter { !$0.element.isEmpty }.map { (zone: $0.offset, cells: $0.element, outlines: $0.element.map(corners.outline)) }
        progress?.begin("clipping grid cells against \(jobs.count) zones", unit: "zones", total: jobs.count)
        let clipped = jobs.parallelMap(chunk: 1) { job -> Result<[(cell: Int, km2: Double)], Error> in
            defer { progress?.advance() }
            return Result {
                let parts = try zones[job.zone].geometry.intersections(with: job.outlines)
                return zip(job.cells, parts).compactMap { cell, part in
                    let a = Geodesic.area(of: part) / 1e6
                    return a > 1e-9 ? (cell, a) : nil
                }
            }
        }
        for (job, result) in zip(jobs, clipped) {
            perZone[job.zone] = (perZone[job.zone] + (try result.get())).sorted { $0.cell < $1.cell }
        }
        return perZone
    }

    /// The cell's outline in lon/lat.
    func polygon(cell: Int) -> Polygon { corners.outline(cell: cell) }

    /// The outlines of these cells, one polygon per run of consecutive cells in a row (the run's lower corners left
    /// to right, then its upper corners right to left): the same area as the cells, with far fewer polygons for a
    /// union to merge.
    func rowRuns(cells: [Int]) -> [Polygon] {
        let corner = corners.corner
        var out: [Polygon] = []
        var i = 0
        let sorted = cells.sorted()
        while i < sorted.count {
            let r = sorted[i] / columns, first = sorted[i] % columns
            var last = first
            while i + 1 < sorted.count, sorted[i + 1] == sorted[i] + 1, sorted[i + 1] / columns == r { i += 1; last += 1 }
            var ring = (first...last + 1).map { corner($0, r) }
            ring += (first...last + 1).reversed().map { corner($0, r + 1) }
            ring.append(ring[0])
            out.append(Polygon(exterior: try! LinearRing(ring)))
            i += 1
        }
        return out
    }

    /// Projected position (metres) of a lon/lat point.
    func project(_ cs: [Coordinate]) throws -> [(Double, Double)] {
        var xs = cs.map(\.longitude), ys = cs.map(\.latitude)
        try forward.transform(xs: &xs, ys: &ys)
        return zip(xs, ys).map { ($0, $1) }
    }
}
