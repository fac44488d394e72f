import Foundation

/// The per-cell buffers one evaluation of the incident surface writes (evidence fields at both scales, diffuse
/// density, the ground evidence read per cell), kept between bootstrap replicates so each replicate reuses memory
/// rather than mapping and zeroing megabytes afresh. Used by one thread at a time (``SurfaceWorkspacePool``).
final class SurfaceWorkspace {
    var fields: [[Double]]
    var diffuse: [Double]
    var zoneMass: [Double]
    var G: [Double], N: [Double]
    var against: [Double]
    var informed: [Bool]

    init(cells n: Int, zones: Int) {
        let L = IncidentSurface.layers
        fields = [[Double]](repeating: [Double](repeating: 0, count: n * L), count: 2)
        diffuse = [Double](repeating: 0, count: n * L)
        zoneMass = [Double](repeating: 0, count: zones * L)
        G = [Double](repeating: 0, count: n)
        N = [Double](repeating: 0, count: n)
        against = [Double](repeating: 0, count: n * 3)
        informed = [Bool](repeating: false, count: n)
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
