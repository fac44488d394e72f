/// A static R-tree packed with the Sort-Tile-Recursive algorithm, for
/// bounding-box queries over items numbered 0..<n.
///
/// Built once from the items' boxes; queries return candidate item indexes
/// whose boxes intersect the query (callers then apply the exact test).
///
/// # References
/// S. Leutenegger, M. Lopez, J. Edgington, *STR: a simple and efficient
/// algorithm for R-tree packing*, ICDE 1997.
public struct STRTree: Sendable {
    @usableFromInline
    struct Node: Sendable {
        @usableFromInline var minX, minY, maxX, maxY: Double
        /// Leaf level: the item index. Upper levels: first child in the level below.
        @usableFromInline var first: Int32
        /// Upper levels: number of children. Leaf level: 0.
        @usableFromInline var count: Int32
    }

    /// levels[0] holds leaves (one per item); the last level holds the root's children.
    @usableFromInline let levels: [[Node]]
    public let nodeCapacity: Int
    public var count: Int { levels.first?.count ?? 0 }

    /// Packs the boxes (item `i` has `boxes[i]`).
    public init(boxes: [BoundingBox], nodeCapacity: Int = 16) {
        precondition(nodeCapacity >= 2, "nodeCapacity must be at least 2")
        self.nodeCapacity = nodeCapacity
        var level = boxes.enumerated().map { i, b in
            Node(minX: b.minLongitude, minY: b.minLatitude, maxX: b.maxLongitude, maxY: b.maxLatitude, first: Int32(i), count: 0)
        }
        var levels: [[Node]] = []
        if level.isEmpty { self.levels = []; return }
        while true {
            level = Self.sortTileRecursive(level, capacity: nodeCapacity)
            levels.append(level)
            if level.count <= nodeCapacity { break }
            var parents: [Node] = []
            parents.reserveCapacity((level.count + nodeCapacity - 1) / nodeCapacity)
            var start = 0
            while start < level.count {
                let end = min(start + nodeCapacity, level.count)
                var n = level[start]
                for k in (start + 1)..<end {
                    n.minX = min(n.minX, level[k].minX); n.minY = min(n.minY, level[k].minY)
                    n.maxX = max(n.maxX, level[k].maxX); n.maxY = max(n.maxY, level[k].maxY)
                }
                n.first = Int32(start)
                n.count = Int32(end - start)
                parents.append(n)
                start = end
            }
            level = parents
        }
        self.levels = levels
    }

    /// Orders nodes so that each run of `capacity` is spatially compact:
    /// vertical slices by centre x, each sorted by centre y.
    private static func sortTileRecursive(_ nodes: [Node], capacity: Int) -> [Node] {
        let n = nodes.count
        let leaves = (n + capacity - 1) / capacity
        let slices = Int(Double(leaves).squareRoot().rounded(.up))
        let perSlice = slices * capacity
        let byX = nodes.sorted { ($0.minX + $0.maxX) < ($1.minX + $1.maxX) }
        var out: [Node] = []
        out.reserveCapacity(n)
        var start = 0
        while start < n {
            let end = min(start + perSlice, n)
            out.append(contentsOf: byX[start..<end].sorted { ($0.minY + $0.maxY) < ($1.minY + $1.maxY) })
            start = end
        }
        return out
    }

    /// Calls `body` with each item whose box contains the point (closed boxes).
    @inlinable
    public func forEachCandidate(containing c: Coordinate, _ body: (Int) throws -> Void) rethrows {
        try forEachCandidate(intersecting: BoundingBox(minLongitude: c.longitude, minLatitude: c.latitude,
                                                       maxLongitude: c.longitude, maxLatitude: c.latitude), body)
    }

    /// Calls `body` with each item whose box intersects `box`.
    @inlinable
    public func forEachCandidate(intersecting box: BoundingBox, _ body: (Int) throws -> Void) rethrows {
        guard let top = levels.last else { return }
        let topLevel = levels.count - 1
        // Depth-first with a fixed stack: at most (capacity - 1) siblings wait per level.
        let capacity = top.count + (nodeCapacity + 1) * (levels.count + 1)
        try withUnsafeTemporaryAllocation(of: (Int32, Int32).self, capacity: capacity) { stack in
            var depth = 0
            for i in 0..<top.count { stack[depth] = (Int32(topLevel), Int32(i)); depth += 1 }
            while depth > 0 {
                depth -= 1
                let (lv, i) = (Int(stack[depth].0), Int(stack[depth].1))
                let n = levels[lv][i]
                guard n.minX <= box.maxLongitude, box.minLongitude <= n.maxX,
                      n.minY <= box.maxLatitude, box.minLatitude <= n.maxY else { continue }
                if lv == 0 {
                    try body(Int(n.first))
                } else {
                    for k in Int(n.first)..<Int(n.first + n.count) { stack[depth] = (Int32(lv - 1), Int32(k)); depth += 1 }
                }
            }
        }
    }

    /// Item indexes whose boxes intersect `box`, in ascending order.
    public func query(_ box: BoundingBox) -> [Int] {
        var out: [Int] = []
        forEachCandidate(intersecting: box) { out.append($0) }
        return out.sorted()
    }
}
