import GeoCore

/// Where a point fell in a zone layer.
public struct Placement: Sendable, Equatable {
    /// Index into the layer's zones, or `nil` when the point is outside every
    /// zone beyond the snapping distance.
    public let zoneIndex: Int?
    /// `true` when the point lay outside every zone and was moved to the
    /// nearest one within the snapping distance.
    public let snapped: Bool
    /// Geodesic distance in km from the point to the zone it was snapped to
    /// (0 when inside).
    public let distanceKm: Double

    public var outside: Bool { zoneIndex == nil }
}

/// Assigns points to the zones of one layer: a uniform grid over the layer
/// answers most points without a polygon test (grid cells that no zone
/// boundary crosses are wholly inside one zone or outside all); the rest are
/// tested exactly against the zones whose boxes hold the cell.
///
/// Exact tests follow the edge rule of ``PointInPolygon``: a point on a
/// shared edge goes to the zone east (or north) of it, so exactly one zone.
/// Immutable once built, so one locator can serve many threads.
public struct PointLocator: Sendable {
    public let layer: ZoneLayer
    private let prepared: [PreparedZone]
    private let grid: Grid
    /// Built on the first snap.
    private let boundary: LazyBox<BoundaryIndex>

    /// Cell payloads: >= 0 a zone index (whole cell inside it), -1 outside
    /// every zone, -2 mixed (look at `candidates`).
    private struct Grid: Sendable {
        let x0, y0, inverseWidth, inverseHeight: Double
        let columns, rows: Int
        let cells: [Int32]
        /// For mixed cells: candidateStart[cell]..<candidateStart[cell+1] in `candidates`.
        let candidateStart: [Int32]
        let candidates: [Int32]
    }

    /// `gridded: false` skips the grid (its build costs tens of milliseconds
    /// on 570 sections) and the prepared zones: each point is then found
    /// through the layer's box index and tested against the zone's polygons,
    /// with the same answers. For a few hundred points, not millions.
    public init(layer: ZoneLayer, gridded: Bool = true) {
        self.layer = layer
        // Without the grid (a few hundred points) the zones are tested as they are: preparing 570 sections would
        // cost more than the tests (the answers are the same: PreparedZone follows PointInPolygon's edge rule).
        let prepared = gridded ? layer.zones.parallelMap(chunk: 16) { PreparedZone($0.geometry) } : []
        self.prepared = prepared
        self.grid = gridded ? Self.buildGrid(layer: layer, prepared: prepared) : Self.noGrid
        self.boundary = LazyBox { BoundaryIndex(layer: layer) }
    }

    /// No cells: ``zoneIndex(containing:)`` asks the box index.
    private static let noGrid = Grid(x0: 0, y0: 0, inverseWidth: 0, inverseHeight: 0, columns: 0, rows: 0, cells: [], candidateStart: [0], candidates: [])

    private static func buildGrid(layer: ZoneLayer, prepared: [PreparedZone]) -> Grid {
        guard var box = layer.zones.first?.boundingBox else { return noGrid }
        for z in layer.zones.dropFirst() { box.expand(toInclude: z.boundingBox) }
        let vertexCount = layer.zones.reduce(0) { acc, z in acc + z.geometry.polygons.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.coordinates.count } } }
        let target = Double(min(4_000_000, max(65_536, vertexCount * 2)))
        let spanX = max(box.maxLongitude - box.minLongitude, 1e-9), spanY = max(box.maxLatitude - box.minLatitude, 1e-9)
        let cellSize = (spanX * spanY / target).squareRoot()
        let columns = max(1, Int((spanX / cellSize).rounded(.up)))
        let rows = max(1, Int((spanY / cellSize).rounded(.up)))
        let w = spanX / Double(columns), h = spanY / Double(rows)
        // Mark cells any boundary edge may touch (closed boxes, widened a hair).
        var crossed = [Bool](repeating: false, count: columns * rows)
        let eps = 1e-9
        for z in layer.zones {
            for p in z.geometry.polygons {
                for ring in p.rings {
                    let c = ring.coordinates
                    for i in 1..<c.count {
                        let minX = min(c[i - 1].longitude, c[i].longitude), maxX = max(c[i - 1].longitude, c[i].longitude)
                        let minY = min(c[i - 1].latitude, c[i].latitude), maxY = max(c[i - 1].latitude, c[i].latitude)
                        let c0 = max(0, Int(((minX - box.minLongitude) / w - eps).rounded(.down)))
                        let c1 = min(columns - 1, Int(((maxX - box.minLongitude) / w + eps).rounded(.down)))
                        let r0 = max(0, Int(((minY - box.minLatitude) / h - eps).rounded(.down)))
                        let r1 = min(rows - 1, Int(((maxY - box.minLatitude) / h + eps).rounded(.down)))
                        if r0 > r1 || c0 > c1 { continue }
                        for r in r0...r1 { for col in c0...c1 { crossed[r * columns + col] = true } }
                    }
                }
            }
        }
        var cells = [Int32](repeating: -1, count: columns * rows)
        var candidateStart = [Int32](repeating: 0, count: columns * rows + 1)
        var candidates: [Int32] = []
        var found: [Int32] = []  // one buffer for every cell's candidates
        for r in 0..<rows {
            for col in 0..<columns {
                let cell = r * columns + col
                let cellBox = BoundingBox(minLongitude: box.minLongitude + Double(col) * w, minLatitude: box.minLatitude + Double(r) * h,
                                          maxLongitude: box.minLongitude + Double(col + 1) * w, maxLatitude: box.minLatitude + Double(r + 1) * h)
                found.removeAll(keepingCapacity: true)
                layer.index.forEachCandidate(intersecting: cellBox) { found.append(Int32($0)) }
                if found.isEmpty {
                    cells[cell] = -1
                } else if !crossed[cell] {
                    // No boundary inside: the centre decides for the whole cell.
                    let centre = cellBox.center
                    var owner: Int32 = -1, owners = 0
                    for z in found where prepared[Int(z)].contains(centre.longitude, centre.latitude) {
                        owners += 1
                        if owner < 0 { owner = z }
                    }
                    if owners <= 1 {
                        cells[cell] = owner
                    } else {
                        cells[cell] = -2
                        found.sort()
                        candidates.append(contentsOf: found)
                    }
                } else {
                    cells[cell] = -2
                    found.sort()
                    candidates.append(contentsOf: found)
                }
                candidateStart[cell + 1] = Int32(candidates.count)
            }
        }
        return Grid(x0: box.minLongitude, y0: box.minLatitude, inverseWidth: 1 / w, inverseHeight: 1 / h,
                    columns: columns, rows: rows, cells: cells, candidateStart: candidateStart, candidates: candidates)
    }

    /// The index of the zone containing the point (lowest index when zones
    /// overlap), or `nil`. No snapping.
    @inline(__always)
    public func zoneIndex(containing c: Coordinate) -> Int? {
        let x = c.longitude, y = c.latitude
        guard grid.columns > 0 else { return zoneIndexes(containing: c).first }
        let fx = (x - grid.x0) * grid.inverseWidth, fy = (y - grid.y0) * grid.inverseHeight
        guard fx >= 0, fy >= 0 else { return nil }
        let col = Int(fx), row = Int(fy)
        // Points on the far edge of the grid box fall in the last cell.
        guard col <= grid.columns, row <= grid.rows else { return nil }
        let cell = min(row, grid.rows - 1) * grid.columns + min(col, grid.columns - 1)
        let payload = grid.cells[cell]
        if payload >= 0 { return Int(payload) }
        if payload == -1 { return nil }
        for k in Int(grid.candidateStart[cell])..<Int(grid.candidateStart[cell + 1]) {
            let z = Int(grid.candidates[k])
            if prepared[z].contains(x, y) { return z }
        }
        return nil
    }

    /// Every zone containing the point (for overlapping layers such as control areas).
    public func zoneIndexes(containing c: Coordinate) -> [Int] {
        var out: [Int] = []
        if prepared.isEmpty {
            layer.index.forEachCandidate(containing: c) { i in if layer.zones[i].geometry.contains(c) { out.append(i) } }
        } else {
            layer.index.forEachCandidate(containing: c) { i in if prepared[i].contains(c.longitude, c.latitude) { out.append(i) } }
        }
        return out.sorted()
    }

    /// Places a point: the zone containing it, else the nearest zone whose
    /// boundary lies within `snapKm` (geodesic), else outside.
    public func place(_ c: Coordinate, snapKm: Double = 2) -> Placement {
        if let z = zoneIndex(containing: c) { return Placement(zoneIndex: z, snapped: false, distanceKm: 0) }
        guard snapKm > 0, c.isValid else { return Placement(zoneIndex: nil, snapped: false, distanceKm: 0) }
        guard let (z, d) = nearestZone(to: c, withinKm: snapKm) else { return Placement(zoneIndex: nil, snapped: false, distanceKm: 0) }
        return Placement(zoneIndex: z, snapped: true, distanceKm: d)
    }

    /// The zone whose boundary is nearest to `c` within `km` (geodesic), with the distance.
    public func nearestZone(to c: Coordinate, withinKm km: Double) -> (index: Int, distanceKm: Double)? {
        boundary.get().nearest(to: c, withinKm: km)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
