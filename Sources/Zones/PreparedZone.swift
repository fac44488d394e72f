import GeoCore

/// A zone's rings prepared for fast repeated point-in-polygon tests: every
/// edge in canonical order (lower latitude first), bucketed into horizontal
/// bands so a test looks only at the edges that can straddle the point's
/// latitude.
///
/// The test is the crossing-number rule of ``PointInPolygon`` evaluated over
/// all rings of all parts at once: for a valid (multi)polygon, the parity
/// over exterior and hole edges together is odd exactly inside. Results are
/// identical to ``PointInPolygon`` (same canonical cross product), including
/// the edge rule.
struct PreparedZone: Sendable {
    let box: BoundingBox
    private let minY: Double
    private let inverseBandHeight: Double
    private let bandCount: Int
    /// bandStart[k]..<bandStart[k+1] indexes `edges` for band k.
    private let bandStart: [Int32]
    /// Flattened edges: ax, ay, bx, by (ay <= by).
    private let edges: [Double]

    init(_ geometry: Geometry) {
        var raw: [(Double, Double, Double, Double)] = []
        for p in geometry.polygons {
            for ring in p.rings {
                let c = ring.coordinates
                for i in 1..<c.count {
                    let p0 = c[i - 1], p1 = c[i]
                    if p0.latitude == p1.latitude { continue }  // horizontal edges never count
                    let (a, b) = p0.latitude < p1.latitude ? (p0, p1) : (p1, p0)
                    raw.append((a.longitude, a.latitude, b.longitude, b.latitude))
                }
            }
        }
        let box = geometry.boundingBox!
        self.box = box
        self.minY = box.minLatitude
        let bands = max(1, min(4096, raw.count / 4))
        self.bandCount = bands
        let height = max((box.maxLatitude - box.minLatitude) / Double(bands), 1e-12)
        self.inverseBandHeight = 1 / height
        var counts = [Int32](repeating: 0, count: bands + 1)
        func band(_ y: Double) -> Int { min(bands - 1, max(0, Int((y - box.minLatitude) / height))) }
        for e in raw { for k in band(e.1)...band(e.3) { counts[k + 1] += 1 } }
        for k in 0..<bands { counts[k + 1] += counts[k] }
        var fill = counts
        var flat = [Double](repeating: 0, count: Int(counts[bands]) * 4)
        for e in raw {
            for k in band(e.1)...band(e.3) {
                let at = Int(fill[k]) * 4
                flat[at] = e.0; flat[at + 1] = e.1; flat[at + 2] = e.2; flat[at + 3] = e.3
                fill[k] += 1
            }
        }
        self.bandStart = counts
        self.edges = flat
    }

    @inline(__always)
    func contains(_ x: Double, _ y: Double) -> Bool {
        guard x >= box.minLongitude, x <= box.maxLongitude, y >= box.minLatitude, y <= box.maxLatitude else { return false }
        let k = min(bandCount - 1, max(0, Int((y - minY) * inverseBandHeight)))
        var inside = false
        edges.withUnsafeBufferPointer { e in
            var i = Int(bandStart[k]) * 4
            let end = Int(bandStart[k + 1]) * 4
            while i < end {
                let ay = e[i + 1], by = e[i + 3]
                // Straddles y with the half-open rule: ay <= y < by (ay < by by construction).
                if (ay > y) != (by > y) {
                    let ax = e[i], bx = e[i + 2]
                    if (bx - ax) * (y - ay) - (by - ay) * (x - ax) > 0 { inside.toggle() }
                }
                i += 4
            }
        }
        return inside
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
