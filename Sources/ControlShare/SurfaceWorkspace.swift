import Foundation

/// The per-cell buffers one evaluation of the incident surface writes (evidence fields at both scales, diffuse
/// density, the ground evidence read per cell), kept between bootstrap replicates so each replicate reuses memory
/// rather than mapping and zeroing megabytes afresh. Used by one thread at a time (``SurfaceWorkspacePool``).
final class SurfaceWorkspace {
    // Buffers, not arrays: `let` properties of raw buffers are read and written in the hot loops without the
    // exclusivity checks and uniqueness tests a class's array properties cost on every access.
    let fields: [UnsafeMutableBufferPointer<Double>]
    let diffuse: [UnsafeMutableBufferPointer<Double>]
    /// Per scale: whether `diffuse` holds this evaluation's density (no diffuse event: it is not written).
    var hasDiffuse = [false, false]
    /// The cells at which `fields` are known to be zero (the surface's `decide` clears what it reads); nil: unknown,
    /// cleared whole before the next use.
    var zeroAt: [Int]?
    let zoneMass: UnsafeMutableBufferPointer<Double>
    /// Per zone, age bucket and layer: the zone's own evidence (``ZoneEvidence``).
    let zoneAges: UnsafeMutableBufferPointer<Double>
    let G: UnsafeMutableBufferPointer<Double>, N: UnsafeMutableBufferPointer<Double>
    let against: UnsafeMutableBufferPointer<Double>
    let informed: UnsafeMutableBufferPointer<Bool>

    init(cells n: Int, zones: Int) {
        let L = IncidentSurface.layers
        func doubles(_ count: Int) -> UnsafeMutableBufferPointer<Double> {
            let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
            b.initialize(repeating: 0)
            return b
        }
        fields = [doubles(n * L), doubles(n * L)]
        diffuse = [doubles(n * L), doubles(n * L)]
        zoneMass = doubles(zones * L)
        zoneAges = doubles(zones * L * ZoneEvidence.buckets)
        G = doubles(n)
        N = doubles(n)
        against = doubles(n * 3)
        informed = .allocate(capacity: n)
        informed.initialize(repeating: false)
    }

    deinit {
        for b in fields + diffuse + [zoneMass, zoneAges, G, N, against] { b.deallocate() }
        informed.deallocate()
    }
}

/// Workspaces handed to the threads of a parallel bootstrap: one per thread at a time, made on demand.
final class SurfaceWorkspacePool: @unchecked Sendable {
    private let cells: Int, zones: Int
    private var free: [SurfaceWorkspace] = []
    private let lock = NSLock()

    init(cells: Int, zones: Int) {
        self.cells = cells
        self.zones = zones
    }

    func with<T>(_ body: (SurfaceWorkspace) -> T) -> T {
        let ws = lock.withLock { free.popLast() } ?? SurfaceWorkspace(cells: cells, zones: zones)
        defer { lock.withLock { free.append(ws) } }
        return body(ws)
    }
}
