import Foundation
import GeoCore
import Incidents
import Zones

/// Control shares estimated from incidents: the evidence model "ground-v2"
/// (docs/control-share.md).
///
/// Each event is evidence of who holds the ground where it happened
/// (``EvidenceModel``), weighted by actor confidence, location precision and
/// age (halving every half-life). The evidence is smoothed over square cells
/// with a Gaussian kernel of bandwidth h (edge-corrected: a cell on the coast
/// or at the study area's border is measured against the kernel mass that
/// falls inside the zones); a cell with too little evidence at h is read at
/// 2h. For a cell with gang evidence G and evidence against gang control N:
/// - **gang** when G ≥ θ·(G + N) and G is at least κ times the typical gang
///   evidence of gang-majority cells within about 12 km (so the thin gang
///   evidence of incursions next to a front does not flip state ground), or
///   when G ≥ 0.9·(G + N) and G ≥ 0.35 κ-reference (gang evidence with almost
///   nothing against it);
/// - **state / international / self-defence** when N ≥ θ·(G + N): the class
///   with the most evidence (civic space — protests — counts for the state);
/// - **contested** otherwise, **no information** below the minimum evidence.
/// Active combat (raids, unattributed gunfire) is a layer of its own: the
/// share of a zone's area where located combat evidence reaches the minimum
/// and outweighs the evidence of who holds the ground; it never counts as
/// control. A zone's share for a class is the area of its cells the
/// class holds over the zone's area; a 90% interval comes from a seeded
/// bootstrap over events.
public struct IncidentSurface {
    public struct ZoneEstimate: Sendable, Equatable {
        /// class → share of the zone's area (0…1).
        public var shares: [ControlClass: Double]
        public var contested: Double
        public var noInformation: Double
        /// Share of the zone's area with active combat (its own layer; overlaps the others).
        public var combat: Double = 0
        /// Ground evidence located in the zone (events, weighted).
        public var evidence: Double = 0
        /// class → (5th, 95th percentile) over bootstrap replicates.
        public var interval: [ControlClass: (Double, Double)]
        /// The same shares weighted by people (nil: no population surface, or nobody lives in the zone).
        public var people: Shares?

        public init(shares: [ControlClass: Double], contested: Double, noInformation: Double, interval: [ControlClass: (Double, Double)]) {
            self.shares = shares
            self.contested = contested
            self.noInformation = noInformation
            self.interval = interval
        }

        /// Below this much evidence in the zone an estimate is printed as "thin evidence".
        public static let thinEvidence = 5.0
        public var isThin: Bool { evidence < Self.thinEvidence }

        public static func == (a: ZoneEstimate, b: ZoneEstimate) -> Bool {
            a.shares == b.shares && a.contested == b.contested && a.noInformation == b.noInformation && a.combat == b.combat
                && a.evidence == b.evidence && a.people == b.people && sameIntervals(a.interval, b.interval)
        }
    }

    /// A zone's shares weighted by the people of the population surface: of the zone's people, the share living in
    /// cells each class holds, contested, with active combat and without information (they add up to 1).
    public struct Shares: Sendable, Equatable {
        public var shares: [ControlClass: Double] = [:]
        public var contested = 0.0
        public var noInformation = 0.0
        public var combat = 0.0
        /// class → (5th, 95th percentile) over bootstrap replicates.
        public var interval: [ControlClass: (Double, Double)] = [:]
        /// The zone's people on the population surface.
        public var population = 0.0

        public init() {}

        public static func == (a: Shares, b: Shares) -> Bool {
            a.shares == b.shares && a.contested == b.contested && a.noInformation == b.noInformation && a.combat == b.combat
                && a.population == b.population && sameIntervals(a.interval, b.interval)
        }
    }

    /// The shares a reader sees first: by people where the zone has people on the population surface, else by area
    /// (``Shares/population`` 0).
    public static func headline(_ e: ZoneEstimate) -> Shares { e.people ?? byArea(e) }

    /// The estimate's shares by area, in the same form as its shares by people.
    public static func byArea(_ e: ZoneEstimate) -> Shares {
        var s = Shares()
        s.shares = e.shares
        s.contested = e.contested
        s.noInformation = e.noInformation
        s.combat = e.combat
        s.interval = e.interval
        return s
    }

    static func sameIntervals(_ a: [ControlClass: (Double, Double)], _ b: [ControlClass: (Double, Double)]) -> Bool {
        a.keys == b.keys && a.allSatisfy { k, v in b[k]!.0 == v.0 && b[k]!.1 == v.1 }
    }

    /// One event's contribution: where, which evidence, how much.
    struct Source {
        let x: Double, y: Double
        let classIndex: Int
        let weight: Double
        let diffuse: Bool
        /// Within the last ``SurfaceParameters/recentDays`` before the as-of date (or the last event).
        var recent = false
        /// Its age bucket (``ZoneEvidence/bucket(age:)``).
        var bucket = ZoneEvidence.buckets - 1
    }

    public let parameters: SurfaceParameters
    private let progress: ProgressMeter?
    private let cache: SurfaceOverlapCache?
    public let classes = ActorClassifier.controllingClasses
    let grid: SurfaceGrid
    let zones: [Zone]
    private let zoneArea: [Double]
    /// Each zone's area as the surface measures it (the sum of its cell overlaps), km².
    var zoneAreas: [Double] { zoneArea }
    private let kernels: [Kernel]
    /// Per cell: the zone it mostly lies in (-1: none).
    private let cellZone: [Int32]
    /// The cells with some part inside the zones, ascending: the only ones the surface reads.
    private let insideCells: [Int]
    /// Per scale and cell: what a cell's kernel sums are divided by — the kernel mass inside the zones around it
    /// (edge correction), at least 0.05.
    private let edgeDivisor: [[Double]]
    /// Where people live, laid on the grid (nil: no population surface; shares are by area only and events known only
    /// to their zone are spread over it evenly).
    private let population: SurfacePopulation?

    static let layers = EvidenceModel.groundClasses.count + 1
    static let combat = EvidenceModel.groundClasses.count

    /// A truncated Gaussian on the grid: offsets within 3 bandwidths and their weights, scaled so every kernel
    /// has the mass of the first (an event weighs the same at every scale).
    struct Kernel {
        let reach: Int
        let weights: [Double]   // (2 reach + 1)², row-major
        let mass: Double
        init(bandwidth h: Double, cell: Double, massOf reference: Double?) {
            reach = Int((3 * h / cell).rounded(.up))
            var w: [Double] = []
            for dr in -reach...reach {
                for dc in -reach...reach {
                    let d2 = (Double(dr * dr + dc * dc)) * cell * cell
                    w.append(d2 > 9 * h * h ? 0 : exp(-d2 / (2 * h * h)))
                }
            }
            let total = w.reduce(0, +)
            let scale = reference.map { $0 / total } ?? 1
            weights = w.map { $0 * scale }
            mass = total * scale
        }
    }

    /// `cache` keeps the cell–zone overlap table between runs (``SurfaceOverlapCache``; nil: computed every time).
    /// `progress` is told of the long stages (clipping cells against zones, bootstrap replicates).
    /// `population`: where people live (``PopulationSurface``): events known only to their zone are spread over its
    /// people, and every estimate carries its shares by people.
    public init(zones: [Zone], parameters: SurfaceParameters, population: PopulationSurface? = nil, cache: SurfaceOverlapCache? = nil,
                progress: ProgressMeter? = nil) throws {
        self.parameters = parameters
        self.zones = zones
        self.progress = progress
        self.cache = cache
        let grid = try SurfaceGrid(zones: zones, cellKm: parameters.cellKm, cache: cache, progress: progress)
        self.grid = grid
        self.zoneArea = grid.zoneCells.map { $0.reduce(0) { $0 + $1.km2 } }
        let fine = Kernel(bandwidth: parameters.bandwidthKm * 1000, cell: grid.size, massOf: nil)
        let coarse = Kernel(bandwidth: 2 * parameters.bandwidthKm * 1000, cell: grid.size, massOf: fine.mass)
        kernels = [fine, coarse]
        let n = grid.columns * grid.rows
        var owner = [Int32](repeating: -1, count: n), best = [Double](repeating: 0, count: n), inside = [Double](repeating: 0, count: n)
        let cellKm2 = parameters.cellKm * parameters.cellKm
        for (z, cells) in grid.zoneCells.enumerated() {
            for (cell, km2) in cells {
                inside[cell] = min(1, inside[cell] + km2 / cellKm2)
                if km2 > best[cell] { best[cell] = km2; owner[cell] = Int32(z) }
            }
        }
        cellZone = owner
        insideCells = inside.indices.filter { inside[$0] > 0 }
        edgeDivisor = kernels.map { k in Self.smooth(inside, kernel: k, grid: grid, only: inside).map { max($0 / k.mass, 0.05) } }
        if let population {
            let kernels = [fine, coarse]
            self.population = try SurfacePopulation(population, zones: zones, grid: grid, kernels: kernels, inside: inside.map { $0 > 0 }, cellZone: owner)
        } else {
            self.population = nil
        }
    }

    /// Each zone's people on the population surface (nil: none given).
    public var zonePopulations: [Double]? { population?.zoneTotal }

    /// The kernel-weighted sum of `values` around every cell where `only` > 0.
    private static func smooth(_ values: [Double], kernel k: Kernel, grid: SurfaceGrid, only: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: values.count)
        let side = 2 * k.reach + 1
        for r in 0..<grid.rows {
            for c in 0..<grid.columns where only[r * grid.columns + c] > 0 {
                var s = 0.0
                for dr in max(-k.reach, -r)...min(k.reach, grid.rows - 1 - r) {
                    let row = (r + dr) * grid.columns, krow = (dr + k.reach) * side + k.reach
                    for dc in max(-k.reach, -c)...min(k.reach, grid.columns - 1 - c) {
                        s += values[row + c + dc] * k.weights[krow + dc]
                    }
                }
                out[r * grid.columns + c] = s
            }
        }
        return out
    }

    /// The weighted sources, projected, in the input's canonical order.
    func sources(_ input: SurfaceInput) throws -> [Source] {
        let items = input.sorted()
        let reference = (input.asOf ?? input.lastDay)?.daysSinceEpoch
        let recentDays = Int(parameters.recentDays.rounded())
        var out: [Source] = []
        out.reserveCapacity(items.count)
        var start = 0
        while start < items.count {
            let chunk = items[start..<min(items.count, start + 65_536)]
            let xy = try grid.project(chunk.map { Coordinate(longitude: $0.longitude, latitude: $0.latitude) })
            for (item, p) in zip(chunk, xy) {
                let age = reference.flatMap { r in item.day.map { r - $0 } }
                let recent = recentDays > 0 && age.map { $0 < recentDays } == true
                out.append(Source(x: p.0, y: p.1, classIndex: item.classIndex, weight: item.weight, diffuse: item.diffuse, recent: recent,
                                  bucket: ZoneEvidence.bucket(age: age)))
            }
            start += chunk.count
        }
        return out
    }

    /// Zone estimates (same order as the zones), with bootstrap intervals.
    public func estimate(_ input: SurfaceInput) throws -> [ZoneEstimate] {
        let src = try sources(input)
        return try estimate(sources: src, bins: SurfaceBins(src, grid: grid))
    }

    /// Estimates and the controlling class under a point, from one pass over the input.
    public func estimateWithStates(_ input: SurfaceInput) throws -> ([ZoneEstimate], (Coordinate) throws -> ControlClass?) {
        let src = try sources(input)
        let bins = SurfaceBins(src, grid: grid)
        return (try estimate(sources: src, bins: bins), states(decide(bins, bins.weight).state))
    }

    private func estimate(sources src: [Source], bins: SurfaceBins) throws -> [ZoneEstimate] {
        var point = shares(bins, bins.weight)
        guard parameters.bootstrap > 0, !src.isEmpty else { return point }
        // Each replicate resamples the events (n draws with replacement from its own seeded generator,
        // ``replicateGenerator(seed:replicate:)``: the same draws as resampling the event list) into bin weights, and
        // is then evaluated; replicates run on every core, a batch at a time, drawing and evaluating alike.
        var samples = [[[Double]]](repeating: [[Double]](repeating: [], count: classes.count), count: zones.count)
        var peopleSamples = samples
        let pool = SurfaceWorkspacePool(cells: grid.columns * grid.rows, zones: zones.count)
        // A replicate holds some of the same bins: the cells they can reach are found once.
        let active = activeCells(bins)
        // What a draw reads, packed (not the 40-byte sources): a million-event replicate is a million random reads.
        let binOf = bins.binOf, sourceWeight = src.map(\.weight), binCount = bins.count, seed = parameters.seed
        // The intervals of the same resampling (same grid, parameters, seed and bins) are read back from the cache:
        // a rerun that changes nothing the replicates depend on does not draw them again.
        let memoKey = cache == nil ? nil : grid.overlapKey.map {
            SurfaceOverlapCache.intervalsKey(overlapKey: $0 + (population.map { "population \(String($0.hash, radix: 16))\n" } ?? ""),
                                             parameters: parameters, classes: classes.map(\.rawValue), bins: bins, sourceWeight: sourceWeight)
        }
        let block = zones.count * classes.count
        if let cache, let memoKey, let saved = cache.intervals(memoKey, count: block * (population == nil ? 1 : 2)) {
            progress?.begin("90% intervals read from the cache (nothing they depend on changed)", unit: "")
            for z in zones.indices {
                for (k, c) in classes.enumerated() {
                    point[z].interval[c] = saved[z * classes.count + k]
                    point[z].people?.interval[c] = saved[block + z * classes.count + k]
                }
            }
            return point
        }
        progress?.begin("bootstrap for the 90% intervals", unit: "replicates", total: parameters.bootstrap)
        var done = 0
        while done < parameters.bootstrap {
            let batch = min(16, parameters.bootstrap - done)
            // `shares` reads the surface's arrays only (never the grid's PROJ transformation, which stays on this thread).
            nonisolated(unsafe) let surface = self
            let estimates = Array(done..<(done + batch)).parallelMap(chunk: 1) { r in
                var rng = Self.replicateGenerator(seed: seed, replicate: r)
                var w = [Double](repeating: 0, count: binCount)
                let n = sourceWeight.count
                for _ in 0..<n {
                    let i = Int.random(in: 0..<n, using: &rng)
                    w[Int(binOf[i])] += sourceWeight[i]
                }
                return pool.with { surface.shares(bins, w, workspace: $0, cells: active) }
            }
            for est in estimates {
                for z in zones.indices {
                    for (k, c) in classes.enumerated() {
                        samples[z][k].append(est[z].shares[c] ?? 0)
                        if let p = est[z].people { peopleSamples[z][k].append(p.shares[c] ?? 0) }
                    }
                }
            }
            done += batch
            progress?.advance(by: batch)
        }
        for z in zones.indices {
            for (k, c) in classes.enumerated() {
                let s = samples[z][k].sorted()
                point[z].interval[c] = (Self.quantile(s, 0.05), Self.quantile(s, 0.95))
                if point[z].people != nil {
                    let p = peopleSamples[z][k].sorted()
                    point[z].people?.interval[c] = (Self.quantile(p, 0.05), Self.quantile(p, 0.95))
                }
            }
        }
        if let cache, let memoKey {
            var all = zones.indices.flatMap { z in classes.map { point[z].interval[$0] ?? (0, 0) } }
            if population != nil { all += zones.indices.flatMap { z in classes.map { point[z].people?.interval[$0] ?? (0, 0) } } }
            cache.remember(intervals: all, key: memoKey)
        }
        return point
    }

    /// The random draws of bootstrap replicate `r`: a generator of its own, seeded from the run's seed and `r`
    /// (SplitMix64 of both), so replicates are drawn on several threads and each replicate's draws do not depend on
    /// how many came before or on which thread.
    static func replicateGenerator(seed: UInt64, replicate r: Int) -> SeededGenerator {
        var mix = SeededGenerator(seed: seed ^ (UInt64(r) &* 0xD1B5_4A32_D192_ED03))
        return SeededGenerator(seed: mix.next())
    }

    /// The controlled ground per class (cells dissolved with GEOS, clipped to
    /// the zones), the contested cells under the key `contested` and the active-combat cells under `combat`.
    public func controlPolygons(_ input: SurfaceInput) throws -> [String: Geometry] {
        let src = try sources(input)
        let bins = SurfaceBins(src, grid: grid)
        let decided = decide(bins, bins.weight)
        var cellsByKey: [String: Set<Int>] = [:]
        for z in zones.indices {
            for (cell, _) in grid.zoneCells[z] {
                switch CellState(decided.state[cell], combat: decided.combat[cell]) {
                case .noInformation: break
                case .contested: cellsByKey["contested", default: []].insert(cell)
                case .combat: cellsByKey["combat", default: []].insert(cell)
                case .held(let k): cellsByKey[classes[k].rawValue, default: []].insert(cell)
                }
            }
        }
        guard !cellsByKey.isEmpty else { return [:] }
        let footprint = try self.footprint()
        var out: [String: Geometry] = [:]
        for (key, cells) in cellsByKey {
            let union = try Geometry.unaryUnion(grid.rowRuns(cells: Array(cells)).map { .polygon($0) })
            let clipped = try union.intersection(footprint).polygons
            if !clipped.isEmpty { out[key] = clipped.count == 1 ? .polygon(clipped[0]) : .multiPolygon(MultiPolygon(clipped)) }
        }
        return out
    }

    /// The union of the zones (read from the cache when it has it).
    func footprint() throws -> Geometry {
        let key = cache.map { _ in SurfaceOverlapCache.footprintKey(zones: zones) }
        if let cache, let key, let known = cache.footprint(key) { return known }
        let union = try Geometry.unaryUnion(zones.map(\.geometry))
        if let cache, let key { cache.remember(footprint: union, key: key) }
        return union
    }

    /// A function giving the controlling class (or nil) of the cell under a point.
    public func cellStates(_ input: SurfaceInput) throws -> (Coordinate) throws -> ControlClass? {
        let bins = SurfaceBins(try sources(input), grid: grid)
        return states(decide(bins, bins.weight).state)
    }

    private func states(_ state: [Int]) -> (Coordinate) throws -> ControlClass? {
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
        let bins = SurfaceBins(src, grid: grid)
        return shares(bins, bins.weight)
    }

    /// Point estimates for the bins with these weights.
    func shares(_ bins: SurfaceBins, _ weight: [Double], workspace: SurfaceWorkspace? = nil, cells: [Int]? = nil) -> [ZoneEstimate] {
        let decided = decide(bins, weight, workspace: workspace, cells: cells)
        // Ground evidence located in each zone.
        var evidence = [Double](repeating: 0, count: zones.count)
        for j in 0..<bins.count where bins.classIndex[j] < Self.combat {
            if let cell = bins.cell[j], cellZone[cell] >= 0 { evidence[Int(cellZone[cell])] += weight[j] }
        }
        // A cell's share goes to exactly one of: the class holding it, contested, active combat (fighting where no
        // side's hold is established), no information — so a zone's shares add up to 1.
        func tally(_ cells: [(cell: Int, km2: Double)]) -> (held: [Double], contested: Double, combat: Double, none: Double, total: Double) {
            var held = [Double](repeating: 0, count: classes.count), contested = 0.0, combat = 0.0, none = 0.0, total = 0.0
            for (cell, w) in cells {
                total += w
                switch CellState(decided.state[cell], combat: decided.combat[cell]) {
                case .noInformation: none += w
                case .contested: contested += w
                case .combat: combat += w
                case .held(let k): held[k] += w
                }
            }
            return (held, contested, combat, none, total)
        }
        return zones.indices.map { z in
            var est = ZoneEstimate(shares: [:], contested: 0, noInformation: 0, interval: [:])
            est.evidence = evidence[z]
            if let population, population.zoneTotal[z] > 0 {
                let t = tally(population.zoneCells[z].map { (cell: $0.cell, km2: $0.people) })
                var p = Shares()
                p.population = population.zoneTotal[z]
                for (k, c) in classes.enumerated() { p.shares[c] = t.held[k] / t.total }
                p.contested = t.contested / t.total
                p.combat = t.combat / t.total
                p.noInformation = t.none / t.total
                est.people = p
            }
            let area = zoneArea[z]
            guard area > 0 else { est.noInformation = 1; return est }
            let t = tally(grid.zoneCells[z])
            for (k, c) in classes.enumerated() { est.shares[c] = t.held[k] / area }
            est.contested = t.contested / area
            est.noInformation = t.none / area
            est.combat = t.combat / area
            return est
        }
    }

    /// What a cell shows: held by a class, contested, active combat or no information. Active combat (located
    /// fighting outweighing the ground evidence) shows only where no class holds the cell: raids inside gang ground
    /// leave it gang ground.
    enum CellState: Equatable {
        case held(Int), contested, combat, noInformation
        init(_ state: Int, combat: Bool) {
            switch state {
            case IncidentSurface.noInformationState: self = combat ? .combat : .noInformation
            case IncidentSurface.contestedState: self = combat ? .combat : .contested
            default: self = .held(state)
            }
        }
    }

    /// The cells inside the zones that these bins can give evidence to: within the wider kernel's reach of a located
    /// bin, or in the zone of a diffuse one, ascending. Every other cell has no evidence at all, so it stays "no
    /// information" without being evaluated — unless the minimum evidence is 0, when every cell is evaluated.
    func activeCells(_ bins: SurfaceBins) -> [Int] {
        guard parameters.minInfluence > 0 else { return insideCells }
        var mark = [Bool](repeating: false, count: grid.columns * grid.rows)
        let reach = kernels.map(\.reach).max() ?? 0
        var diffuseZones = Set<Int32>()
        for j in 0..<bins.count {
            if bins.diffuse[j] {
                if let cell = bins.cell[j], cellZone[cell] >= 0 { diffuseZones.insert(cellZone[cell]) }
                continue
            }
            let col = bins.col[j], row = bins.row[j]
            let r0 = max(0, row - reach), r1 = min(grid.rows - 1, row + reach)
            let c0 = max(0, col - reach), c1 = min(grid.columns - 1, col + reach)
            guard r0 <= r1, c0 <= c1 else { continue }
            for r in r0...r1 { for c in c0...c1 { mark[r * grid.columns + c] = true } }
        }
        for z in diffuseZones {
            for (c, _) in grid.zoneCells[Int(z)] { mark[c] = true }
            // Spread over the zone's people, a diffuse event reaches the kernel's reach around them (the widest scale).
            if let spread = population?.spread.last?[Int(z)] { for (c, _) in spread { mark[Int(c)] = true } }
        }
        return insideCells.filter { mark[$0] }
    }

    /// The kernel sums of the evidence at each scale, in `ws.fields`: one plane of cells per layer (ground classes,
    /// then combat): layer `l` of cell `c` at `l * cells + c`, so that spreading an event along a row of its kernel is
    /// one contiguous multiply-add (the compiler vectorises it); and the density of diffuse events, in `ws.diffuse`.
    /// ``decide`` reads them at `cells` (dividing by the edge correction there) and leaves them zero.
    ///
    /// The fields must be zero at `cells` on entry: ``decide`` leaves them so for the same cells (a bootstrap's
    /// replicates share them), and they are cleared whole when the cells differ. A kernel's writes to other cells
    /// (outside the zones, or out of reach of the bins) land in memory no one reads.
    private func fields(_ bins: SurfaceBins, _ weight: [Double], cells: [Int], into ws: SurfaceWorkspace) {
        let L = Self.layers, n = grid.columns * grid.rows, columns = grid.columns
        let cellKm2 = parameters.cellKm * parameters.cellKm
        if ws.zeroAt != cells { for f in ws.fields { f.update(repeating: 0) } }
        ws.zeroAt = nil
        for (scale, k) in kernels.enumerated() {
            let point = ws.fields[scale]
            // Precision-2 events: their weight summed per zone and layer first, then spread once per zone.
            ws.zoneMass.update(repeating: 0)
            let side = 2 * k.reach + 1
            k.weights.withUnsafeBufferPointer { kw in
                let base = point.baseAddress!, kernel = kw.baseAddress!
                for j in 0..<bins.count where weight[j] != 0 {
                    let classIndex = bins.classIndex[j], w = weight[j]
                    if scale > 0 && classIndex == Self.combat { continue }  // combat is read at h only
                    if bins.diffuse[j] {
                        // Fighting known only by commune marks no place; other events known only to lie in their zone
                        // have their mass spread over the zone's cells by area.
                        guard classIndex != Self.combat, let cell = bins.cell[j], cellZone[cell] >= 0 else { continue }
                        ws.zoneMass[Int(cellZone[cell]) * L + classIndex] += w
                        continue
                    }
                    let col = bins.col[j], row = bins.row[j]
                    let r0 = max(0, row - k.reach), r1 = min(grid.rows - 1, row + k.reach)
                    let c0 = max(0, col - k.reach), c1 = min(columns - 1, col + k.reach)
                    guard r0 <= r1, c0 <= c1 else { continue }  // the event's reach misses the grid
                    let width = c1 - c0 + 1
                    let plane = base + classIndex * n
                    for r in r0...r1 {
                        let dst = plane + r * columns + c0
                        let src = kernel + (r - row + k.reach) * side + (c0 - col + k.reach)
                        for i in 0..<width { dst[i] += w * src[i] }
                    }
                }
            }
            // Diffuse events: spread over the zone's people where a population surface gives them (as if located at
            // the populated cells in proportion to their people, so they pass through the kernel and the edge
            // correction like located events); else every cell of the zone gets the same density (a full cell's
            // share of the zone's area).
            let diffuse = ws.diffuse[scale]
            ws.hasDiffuse[scale] = false
            guard ws.zoneMass.contains(where: { $0 > 0 }) else { continue }
            for z in zones.indices where zoneArea[z] > 0 {
                for l in 0..<L where ws.zoneMass[z * L + l] > 0 {
                    let mass = ws.zoneMass[z * L + l]
                    if let population, population.zoneTotal[z] > 0 {
                        let plane = point.baseAddress! + l * n
                        for (c, v) in population.spread[scale][z] { plane[Int(c)] += mass * v }
                        continue
                    }
                    if !ws.hasDiffuse[scale] {
                        for l in 0..<L { for cell in cells { diffuse[l * n + cell] = 0 } }
                        ws.hasDiffuse[scale] = true
                    }
                    let perCell = mass * k.mass * cellKm2 / zoneArea[z]
                    for (c, _) in grid.zoneCells[z] { diffuse[l * n + c] += perCell }
                }
            }
        }
    }

    /// A cell's state in ``decide``'s arrays: the index of the class holding it in ``classes`` (``gangState`` first),
    /// or one of these two.
    static let noInformationState = -2, contestedState = -1, gangState = 0

    /// Each cell's state (a class index, ``contestedState``, ``noInformationState``) and whether it has active combat.
    /// `cells`: the cells to evaluate (``activeCells(_:)`` of these bins, or of bins they resample).
    ///
    /// A change of hands shows when it happens: the cells are read twice, from all the evidence (each event's weight
    /// halving every half-life) and from the last ``SurfaceParameters/recentDays`` alone. A cell its located evidence
    /// informs, which the recent evidence shows held by another class than all of it, takes the recent class when
    /// the holder's share of the evidence changed beyond chance: the recent share of the new holder's evidence
    /// against its share before the window, a two-proportion z ≥ ``SurfaceParameters/changeZ`` (evidence weights
    /// standing for counts). A town that fell in March reads gang-held in April, though the months of state evidence
    /// before it have not faded yet; one retaken returns the same way; noise in a steady front does not flip cells.
    /// (Cells no located evidence reaches change hands with their zone: ``ZoneEvidence``.) Combat is read from all
    /// the evidence.
    func decide(_ bins: SurfaceBins, _ weight: [Double], workspace: SurfaceWorkspace? = nil, cells: [Int]? = nil) -> (state: [Int], combat: [Bool]) {
        let n = grid.columns * grid.rows
        let ws = workspace ?? SurfaceWorkspace(cells: n, zones: zones.count)
        let cells = cells ?? activeCells(bins)
        var decided = evaluate(bins, weight, workspace: ws, cells: cells)
        guard parameters.recentDays > 0, bins.hasRecent, bins.hasOlder else { return decided }
        // The whole history's gang evidence and evidence against it, where located evidence informs the cell.
        var allG = [Double](repeating: 0, count: cells.count), allN = allG
        var located = [Bool](repeating: false, count: cells.count)
        for (i, cell) in cells.enumerated() where ws.informed[cell] { allG[i] = ws.G[cell]; allN[i] = ws.N[cell]; located[i] = true }
        var recentWeight = weight
        for j in 0..<bins.count where !bins.recent[j] { recentWeight[j] = 0 }
        let recent = evaluate(bins, recentWeight, workspace: ws, cells: cells, zoneEvidence: false).state
        for (i, cell) in cells.enumerated() where located[i] && ws.informed[cell] && recent[cell] >= 0 && recent[cell] != decided.state[cell] {
            let gR = ws.G[cell], nR = ws.N[cell]
            let gO = max(0, allG[i] - gR), nO = max(0, allN[i] - nR)
            let (aR, aO) = recent[cell] == 0 ? (gR, gO) : (nR, nO)
            if ZoneEvidence.significant(aR, gR + nR, aO, gO + nO, z: parameters.changeZ) { decided.state[cell] = recent[cell] }
        }
        return decided
    }

    /// ``decide``'s reading of one set of weights.
    /// `zoneEvidence`: whether cells no located evidence reaches are read from their zone's evidence (``ZoneEvidence``).
    private func evaluate(_ bins: SurfaceBins, _ weight: [Double], workspace ws: SurfaceWorkspace, cells: [Int],
                          zoneEvidence: Bool = true) -> (state: [Int], combat: [Bool]) {
        let n = grid.columns * grid.rows
        fields(bins, weight, cells: cells, into: ws)
        let f = ws.fields, diffuse = ws.diffuse, hasDiffuse = ws.hasDiffuse
        let theta = parameters.theta, minI = parameters.minInfluence
        // Per inside cell (others are never read): the ground evidence at the first scale with enough of it. A
        // layer's value is its kernel sum over the edge correction, plus the diffuse density; the sums read are then
        // cleared for the next replicate.
        var combat = [Bool](repeating: false, count: n)
        // The zone evidence below reads which bins' cells are informed: none is until this evaluation says so.
        for j in 0..<bins.count { if let c = bins.cell[j] { ws.informed[c] = false } }
        var v = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        for cell in cells {
            for scale in 0..<f.count {
                let m = edgeDivisor[scale][cell], sums = f[scale], spread = diffuse[scale]
                func value(_ l: Int) -> Double {
                    let x = sums[l * n + cell] / m + (hasDiffuse[scale] ? spread[l * n + cell] : 0)
                    sums[l * n + cell] = 0
                    return x
                }
                v = (value(0), value(1), value(2), value(3), value(4), value(5))
                if scale == 0 {
                    // Active combat where located fighting reaches the minimum and outweighs the evidence of who holds the ground.
                    let fight = v.5, ground = v.0 + v.1 + v.2 + v.3 + v.4
                    combat[cell] = fight >= minI && fight >= ground
                    ws.informed[cell] = false
                }
                if ws.informed[cell] { continue }  // decided at a finer scale: this one's sums are only cleared
                let g = v.0, s = v.1 + v.4, i = v.2, d = v.3
                if g + s + i + d >= minI {
                    ws.G[cell] = g; ws.N[cell] = s + i + d
                    ws.against[cell * 3] = s; ws.against[cell * 3 + 1] = i; ws.against[cell * 3 + 2] = d
                    ws.informed[cell] = true
                }
            }
        }
        ws.zeroAt = cells
        let G = ws.G, N = ws.N, against = ws.against, informed = ws.informed
        // The typical gang evidence of gang-majority cells nearby: means over blocks of about 5 km, read over ±2 blocks.
        let block = max(1, Int((parameters.neighbourhoodBlockKm / parameters.cellKm).rounded()))
        let bc = (grid.columns + block - 1) / block, br = (grid.rows + block - 1) / block
        var bSum = [Double](repeating: 0, count: bc * br), bCount = [Double](repeating: 0, count: bc * br)
        var total = 0.0, count = 0.0
        for cell in cells where informed[cell] && G[cell] >= theta * (G[cell] + N[cell]) {
            let b = (cell / grid.columns / block) * bc + (cell % grid.columns) / block
            bSum[b] += G[cell]; bCount[b] += 1; total += G[cell]; count += 1
        }
        var state = [Int](repeating: Self.noInformationState, count: n)
        // Each block's reference: the mean over its ±2-block window, computed once per block (nil: no gang-majority cell there).
        var windowMean = [Double?](repeating: nil, count: bc * br)
        for rb in 0..<br {
            for cb in 0..<bc {
                var s = 0.0, c = 0.0
                for r in max(0, rb - 2)...min(br - 1, rb + 2) { for q in max(0, cb - 2)...min(bc - 1, cb + 2) { s += bSum[r * bc + q]; c += bCount[r * bc + q] } }
                if c > 0 { windowMean[rb * bc + cb] = s / c }
            }
        }
        let kappa = parameters.densityRatio
        for cell in cells where informed[cell] {
            let g = G[cell], a = N[cell], sum = g + a
            let reference = windowMean[(cell / grid.columns / block) * bc + (cell % grid.columns) / block] ?? (count > 0 ? total / count : g)
            if (g >= theta * sum && g >= kappa * reference)
                || (g >= parameters.strongMajority * sum && g >= parameters.strongMajorityDensity * kappa * reference) {
                state[cell] = Self.gangState
            } else if a >= theta * sum {
                let v = (against[cell * 3], against[cell * 3 + 1], against[cell * 3 + 2])
                state[cell] = v.0 >= v.1 && v.0 >= v.2 ? 1 : (v.1 >= v.2 ? 2 : 3)
            } else {
                state[cell] = Self.contestedState
            }
        }
        // Zone evidence: a cell no located evidence reaches is read by the balance of the ground evidence of its zone
        // that informs no cell of its own — events known only to lie in the zone, and events located too thinly to
        // inform their cell — when it reaches the zone minimum (ACLED's "Mirebalais" at the commune's town, and
        // attacks scattered over its villages, still say who holds Mirebalais; a brigade holding its own village
        // speaks for that village, not for the rest).
        if zoneEvidence, parameters.zoneMinEvidence > 0 {
            let L = Self.layers, B = ZoneEvidence.buckets
            ws.zoneAges.update(repeating: 0)
            for j in 0..<bins.count where weight[j] != 0 && bins.classIndex[j] < Self.combat {
                guard let cell = bins.cell[j], cellZone[cell] >= 0, bins.diffuse[j] || !informed[cell] else { continue }
                ws.zoneAges[(Int(cellZone[cell]) * B + bins.bucket[j]) * L + bins.classIndex[j]] += weight[j]
            }
            let fill = ZoneEvidence.fill(masses: ws.zoneAges, zones: zones.count, layers: L, parameters: parameters)
            for cell in cells where state[cell] == Self.noInformationState {
                let z = Int(cellZone[cell])
                if z >= 0, let f = fill[z] { state[cell] = f }
            }
        }
        return (state, combat)
    }
}
