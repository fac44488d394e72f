import Foundation
import GeoCore

/// Every boundary edge of a layer in an STR-tree, for nearest-zone queries
/// (snapping points that fall just outside every zone, e.g. reports placed
/// on the coast that land in the sea).
final class BoundaryIndex: @unchecked Sendable {
    private let tree: STRTree
    /// ax, ay, bx, by per edge.
    private let edges: [Double]
    private let zoneOfEdge: [Int32]

    init(layer: ZoneLayer) {
        let edgeCount = layer.zones.reduce(0) { acc, z in acc + z.geometry.polygons.reduce(0) { $0 + $1.rings.reduce(0) { $0 + max(0, $1.coordinates.count - 1) } } }
        var edges: [Double] = []
        var zoneOfEdge: [Int32] = []
        var boxes: [BoundingBox] = []
        edges.reserveCapacity(4 * edgeCount)
        zoneOfEdge.reserveCapacity(edgeCount)
        boxes.reserveCapacity(edgeCount)
        for (z, zone) in layer.zones.enumerated() {
            for p in zone.geometry.polygons {
                for ring in p.rings {
                    let c = ring.coordinates
                    for i in 1..<c.count {
                        let a = c[i - 1], b = c[i]
                        edges.append(a.longitude); edges.append(a.latitude); edges.append(b.longitude); edges.append(b.latitude)
                        zoneOfEdge.append(Int32(z))
                        boxes.append(BoundingBox(minLongitude: min(a.longitude, b.longitude), minLatitude: min(a.latitude, b.latitude),
                                                 maxLongitude: max(a.longitude, b.longitude), maxLatitude: max(a.latitude, b.latitude)))
                    }
                }
            }
        }
        self.tree = STRTree(boxes: boxes)
        self.edges = edges
        self.zoneOfEdge = zoneOfEdge
    }

    /// The zone whose boundary is nearest to `c` within `km`, by geodesic
    /// distance to the nearest boundary point (found in a local
    /// equirectangular frame, exact enough at the few-km scale of snapping).
    /// Ties go to the lower zone index.
    func nearest(to c: Coordinate, withinKm km: Double) -> (index: Int, distanceKm: Double)? {
        let dLat = km / 110.574 * 1.01
        let k = max(0.01, cos(c.latitude * .pi / 180))
        let dLon = km / (111.320 * k) * 1.01
        let query = BoundingBox(minLongitude: c.longitude - dLon, minLatitude: c.latitude - dLat,
                                maxLongitude: c.longitude + dLon, maxLatitude: c.latitude + dLat)
        var bestEdge = -1
        var bestD = Double.infinity
        var bestPoint = c
        tree.forEachCandidate(intersecting: query) { e in
            let ax = (edges[4 * e] - c.longitude) * k, ay = edges[4 * e + 1] - c.latitude
            let bx = (edges[4 * e + 2] - c.longitude) * k, by = edges[4 * e + 3] - c.latitude
            let dx = bx - ax, dy = by - ay
            let len2 = dx * dx + dy * dy
            let t = len2 > 0 ? max(0, min(1, -(ax * dx + ay * dy) / len2)) : 0
            let px = ax + t * dx, py = ay + t * dy
            let d = px * px + py * py
            if d < bestD || (d == bestD && zoneOfEdge[e] < zoneOfEdge[bestEdge]) {
                bestD = d
                bestEdge = e
                bestPoint = Coordinate(longitude: c.longitude + px / k, latitude: c.latitude + py)
            }
        }
        guard bestEdge >= 0 else { return nil }
        let meters = Geodesic.distance(c, bestPoint)
        guard meters / 1000 <= km else { return nil }
        return (Int(zoneOfEdge[bestEdge]), meters / 1000)
    }
}

/// Builds a value once, on first use, safely from any thread (the first caller builds it under the lock).
final class LazyBox<T: Sendable>: Sendable {
    private let value = Locked<T?>(nil)
    private let make: @Sendable () -> T

    init(_ make: @escaping @Sendable () -> T) { self.make = make }

    func get() -> T {
        value.withLock { v in
            if let v { return v }
            let made = make()
            v = made
            return made
        }
    }
}
