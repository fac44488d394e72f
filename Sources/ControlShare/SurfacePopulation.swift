import GeoCore
import Zones

/// A population surface laid on the incident surface's grid: each zone's people by cell, and for each zone and
/// kernel scale the kernel field of a unit of evidence spread over the zone's people — what an event known only to
/// lie in the zone adds to the cells around where the zone's people live (docs/population.md).
struct SurfacePopulation {
    /// Per zone: (cell, people) of the population points inside it, cells ascending.
    let zoneCells: [[(cell: Int, people: Double)]]
    /// Per zone: its people (0: no population point inside).
    let zoneTotal: [Double]
    /// Per scale, per zone: Σ over the zone's populated cells c' of share(c') · kernel(c − c'), at the cells inside
    /// the zones (empty for a zone without people).
    let spread: [[[(cell: Int32, value: Double)]]]
    /// A hash of the points as laid (for the cache keys of results that depend on them).
    let hash: UInt64

    init(_ surface: PopulationSurface, zones: [Zone], grid: SurfaceGrid, kernels: [IncidentSurface.Kernel], inside: [Bool], cellZone: [Int32]) throws {
        let layer = ZoneLayer(level: .surface, source: "surface", zones: zones)
        let locator = PointLocator(layer: layer)
        let xy = try grid.project(surface.points.map(\.coordinate))
        var perZone = [[Int: Double]](repeating: [:], count: zones.count)
        var h = FNV1a()
        for (p, q) in zip(surface.points, xy) {
            let col = Int(((q.0 - grid.x0) / grid.size).rounded(.down)), row = Int(((q.1 - grid.y0) / grid.size).rounded(.down))
            guard col >= 0, row >= 0, col < grid.columns, row < grid.rows else { continue }
            let cell = row * grid.columns + col
            var owners = locator.zoneIndexes(containing: p.coordinate)
            // A point just off the coast (a lattice point of a simplified outline) counts in the zone its cell lies in.
            if owners.isEmpty, cellZone[cell] >= 0 { owners = [Int(cellZone[cell])] }
            for z in owners { perZone[z][cell, default: 0] += p.people }
            withUnsafeBytes(of: Int64(cell)) { h.combine($0) }
            withUnsafeBytes(of: p.people.bitPattern) { h.combine($0) }
            for z in owners { withUnsafeBytes(of: Int64(z)) { h.combine($0) } }
        }
        zoneCells = perZone.map { $0.sorted { $0.key < $1.key }.map { (cell: $0.key, people: $0.value) } }
        zoneTotal = zoneCells.map { $0.reduce(0) { $0 + $1.people } }
        hash = h.value
        let n = grid.columns * grid.rows
        var scratch = [Double](repeating: 0, count: n)
        var touched: [Int] = []
        var spread: [[[(cell: Int32, value: Double)]]] = []
        for k in kernels {
            let side = 2 * k.reach + 1
            var byZone: [[(cell: Int32, value: Double)]] = []
            for z in zones.indices {
                guard zoneTotal[z] > 0 else { byZone.append([]); continue }
                for (cell, people) in zoneCells[z] {
                    let share = people / zoneTotal[z], row = cell / grid.columns, col = cell % grid.columns
                    for r in max(0, row - k.reach)...min(grid.rows - 1, row + k.reach) {
                        for c in max(0, col - k.reach)...min(grid.columns - 1, col + k.reach) {
                            let w = k.weights[(r - row + k.reach) * side + (c - col + k.reach)]
                            guard w > 0 else { continue }
                            let i = r * grid.columns + c
                            if scratch[i] == 0 { touched.append(i) }
                            scratch[i] += share * w
                        }
                    }
                }
                touched.sort()
                byZone.append(touched.compactMap { i in inside[i] ? (cell: Int32(i), value: scratch[i]) : nil })
                for i in touched { scratch[i] = 0 }
                touched.removeAll(keepingCapacity: true)
            }
            spread.append(byZone)
        }
        self.spread = spread
    }
}
