import Foundation
import GeoCore
import Incidents
import Zones

/// Control shares estimated from incidents (the model is documented in
/// docs/control-share.md).
///
/// For each cell and controlling class: influence = Σ over the class's
/// events of Gaussian kernel(distance, bandwidth) × 0.5^(age / half-life) ×
/// weight(sub-event type). A cell is controlled by the class holding at
/// least θ of its influence when its total reaches the minimum; otherwise it
/// is contested (enough influence, no majority) or has no information.
/// A zone's share for a class is the area of its cells that class controls
/// over the zone's area. A 90% interval comes from a seeded bootstrap over
/// incidents.
public struct IncidentSurface {
    public struct ZoneEstimate: Sendable, Equatable {
        /// class → share of the zone's area (0…1).
        public var shares: [String: Double]
        public var contested: Double
        public var noInformation: Double
        /// class → (5th, 95th percentile) over bootstrap replicates.
        public var interval: [String: (Double, Double)]

        public static func == (a: ZoneEstimate, b: ZoneEstimate) -> Bool {
            a.shares == b.shares && a.contested == b.contested && a.noInformation == b.noInformation
                && a.interval.keys == b.interval.keys && a.interval.allSatisfy { k, v in b.interval[k]!.0 == v.0 && b.interval[k]!.1 == v.1 }
        }
    }

    /// One event's contribution: where, which class, how much.
    struct Source {
        let x: Double, y: Double
        let classIndex: Int
        let weight: Double
    }

    public let parameters: SurfaceParameters
    public let classes = ActorClassifier.controllingClasses
    private let grid: SurfaceGrid
    private let zones: [Zone]
    private let zoneArea: [Double]

    public init(zones: [Zone], parameters: SurfaceParameters) throws {
        self.parameters = parameters
        self.zones = zones
        self.grid = try SurfaceGrid(zones: zones, cellKm: parameters.cellKm)
        self.zoneArea = grid.zoneCells.map { $0.reduce(0) { $0 + $1.km2 } }
    }

    /// The weighted sources, projected, in the input's canonical order
    /// (projected in chunks: no whole-size temporary arrays besides the result).
    func sources(_ input: SurfaceInput) throws -> [Source] {
        let items = input.sorted()
        var out: [Source] = []
        out.reserveCapacity(items.count)
        var start = 0
        while start < items.count {
            let chunk = items[start..<min(items.count, start + 65_536)]
            let xy = try grid.project(chunk.map { Coordinate(longitude: $0.longitude, latitude: $0.latitude) })
            for (item, p) in zip(chunk, xy) { out.append(Source(x: p.0, y: p.1, classIndex: item.classIndex, weight: item.weight)) }
            start += chunk.count
        }
        return out
    }

    private func input(_ incidents: [Incident], _ classifier: ActorClassifier, _ asOf: CalendarDate?) -> SurfaceInput {
        SurfaceInput.from(incidents, classifier: classifier, asOf: asOf, halfLifeDays: parameters.halfLifeDays)
    }

    /// Zone estimates (same order as the zones), with bootstrap intervals.
    public func estimate(_ incidents: [Incident], classifier: ActorClassifier, asOf: CalendarDate?) throws -> [ZoneEstimate] {
        try estimate(input(incidents, classifier, asOf))
    }

    /// The controlled ground per class (see ``controlPolygons(_:)``).
    public func controlPolygons(_ incidents: [Incident], classifier: ActorClassifier, asOf: CalendarDate?) throws -> [String: Geometry] {
        try controlPolygons(input(incidents, classifier, asOf))
    }

    /// The controlling class under a point (see ``cellStates(_:)``).
    public func cellStates(_ incidents: [Incident], classifier: ActorClassifier, asOf: CalendarDate?) throws -> (Coordinate) throws -> String? {
        try cellStates(input(incidents, classifier, asOf))
    }

    /// Zone estimates (same order as the zones), with bootstrap intervals.
    public func estimate(_ input: SurfaceInput) throws -> [ZoneEstimate] {
        try estimate(sources: sources(input))
    }

    /// Estimates and the controlling class under a point, from one pass over the input.
    public func estimateWithStates(_ input: SurfaceInput) throws -> ([ZoneEstimate], (Coordinate) throws -> String?) {
        let src = try sources(input)
        return (try estimate(sources: src), states(cellState(src)))
    }

    private func estimate(sources src: [Source]) throws -> [ZoneEstimate] {
        var point = shares(src)
        guard parameters.bootstrap > 0, !src.isEmpty else { return point }
        var rng = SeededGenerator(seed: parameters.seed)
        var samples = [[[Double]]](repeating: [[Double]](repeating: [], count: classes.count), count: zones.count)
        for _ in 0..<parameters.bootstrap {
            let resampled = (0..<src.count).map { _ in src[Int.random(in: 0..<src.count, using: &rng)] }
            let est = shares(resampled)
            for z in zones.indices { for (k, c) in classes.enumerated() { samples[z][k].append(est[z].shares[c] ?? 0) } }
        }
        for z in zones.indices {
            for (k, c) in classes.enumerated() {
                let s = samples[z][k].sorted()
                point[z].interval[c] = (Self.quantile(s, 0.05), Self.quantile(s, 0.95))
            }
        }
        return point
    }

    /// The controlled ground per class (cells dissolved with GEOS, clipped to
    /// the zones), and the contested cells under the key `contested`.
    public func controlPolygons(_ input: SurfaceInput) throws -> [String: Geometry] {
        let state = cellState(try sources(input))
        var cellsByKey: [String: Set<Int>] = [:]
        for z in zones.indices {
            for (cell, _) in grid.zoneCells[z] {
                switch state[cell] {
                case -2: break
                case -1: cellsByKey["contested", default: []].insert(cell)
                case let k: cellsByKey[classes[k], default: []].insert(cell)
                }
            }
        }
        guard !cellsByKey.isEmpty else { return [:] }
        let footprint = try Geometry.unaryUnion(zones.map(\.geometry))
        var out: [String: Geometry] = [:]
        for (key, cells) in cellsByKey {
            let union = try Geometry.unaryUnion(cells.sorted().map { .polygon(grid.polygon(cell: $0)) })
            let clipped = try union.intersection(footprint).polygons
            if !clipped.isEmpty { out[key] = clipped.count == 1 ? .polygon(clipped[0]) : .multiPolygon(MultiPolygon(clipped)) }
        }
        return out
    }

    /// A function giving the controlling class (or nil) of the cell under a point.
    public func cellStates(_ input: SurfaceInput) throws -> (Coordinate) throws -> String? {
        states(cellState(try sources(input)))
    }

    private func states(_ state: [Int]) -> (Coordinate) throws -> String? {
        return { [grid, classes] c in
            let p = try grid.project([c])[0]
            let col = Int(((p.0 - grid.x0) / grid.size).rounded(.down)), row = Int(((p.1 - grid.y0) / grid.size).rounded(.down))
            guard col >= 0, row >= 0, col < grid.columns, row < grid.rows else { return nil }
            let k = state[row * grid.columns + col]
            return k >= 0 ? classes[k] : nil
        }
    }

    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let pos = q * Double(sorted.count - 1)
        let lo = Int(pos.rounded(.down)), hi = min(sorted.count - 1, lo + 1)
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - Double(lo))
    }

    /// Point estimates for one set of sources.
    func shares(_ src: [Source]) -> [ZoneEstimate] {
        let state = cellState(src)
        return zones.indices.map { z in
            var est = ZoneEstimate(shares: [:], contested: 0, noInformation: 0, interval: [:])
            let area = zoneArea[z]
            guard area > 0 else { est.noInformation = 1; return est }
            var byClass = [Double](repeating: 0, count: classes.count)
            for (cell, km2) in grid.zoneCells[z] {
                switch state[cell] {
                case -2: est.noInformation += km2
                case -1: est.contested += km2
                case let k: byClass[k] += km2
                }
            }
            for (k, c) in classes.enumerated() { est.shares[c] = byClass[k] / area }
            est.contested /= area
            est.noInformation /= area
            return est
        }
    }

    /// Each cell's state: a class index, -1 contested, -2 no information.
    func cellState(_ src: [Source]) -> [Int] {
        let n = grid.columns * grid.rows
        var influence = [Double](repeating: 0, count: n * classes.count)
        let h = parameters.bandwidthKm * 1000
        let reach = Int((3 * h / grid.size).rounded(.up))
        let inv2h2 = 1 / (2 * h * h)
        for s in src {
            let col = Int(((s.x - grid.x0) / grid.size).rounded(.down)), row = Int(((s.y - grid.y0) / grid.size).rounded(.down))
            let r0 = max(0, row - reach), r1 = min(grid.rows - 1, row + reach)
            let c0 = max(0, col - reach), c1 = min(grid.columns - 1, col + reach)
            guard r0 <= r1, c0 <= c1 else { continue }  // the event's reach misses the grid
            for r in r0...r1 {
                let cy = grid.y0 + (Double(r) + 0.5) * grid.size - s.y
                for c in c0...c1 {
                    let cx = grid.x0 + (Double(c) + 0.5) * grid.size - s.x
                    let d2 = cx * cx + cy * cy
                    if d2 > 9 * h * h { continue }
                    influence[(r * grid.columns + c) * classes.count + s.classIndex] += s.weight * exp(-d2 * inv2h2)
                }
            }
        }
        // Cell states: class index, -1 contested, -2 no information.
        var state = [Int](repeating: -2, count: n)
        for cell in 0..<n {
            var total = 0.0, best = 0.0, bestK = -1
            for k in 0..<classes.count {
                let v = influence[cell * classes.count + k]
                total += v
                if v > best { best = v; bestK = k }
            }
            if total < parameters.minInfluence { continue }
            state[cell] = best / total >= parameters.theta ? bestK : -1
        }
        return state
    }
}
