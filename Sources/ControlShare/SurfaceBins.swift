/// Events the incident surface cannot tell apart — the same grid cell, class and precision (located or diffuse) —
/// with their weights summed. Every step of the surface depends on an event only through these, so it runs over
/// bins (at most cells × classes × 2, usually far fewer than events), and a bootstrap replicate is the same bins
/// with resampled weights (docs/control-share.md).
struct SurfaceBins {
    /// Per bin: grid column and row (possibly outside the grid: a kernel may still reach it), the cell index when
    /// inside the grid, class, precision and summed weight.
    private(set) var col: [Int] = [], row: [Int] = []
    private(set) var cell: [Int?] = []
    private(set) var classIndex: [Int] = []
    private(set) var diffuse: [Bool] = []
    /// Per bin: its events lie within the surface's recent window (``SurfaceParameters/recentDays``).
    private(set) var recent: [Bool] = []
    /// Per bin: its events' age bucket (``ZoneEvidence/bucket(age:)``).
    private(set) var bucket: [Int] = []
    /// Whether some bins are recent, and some are not.
    private(set) var hasRecent = false, hasOlder = false
    private(set) var weight: [Double] = []
    /// Per source (in the order given): its bin.
    private(set) var binOf: [Int32] = []

    var count: Int { col.count }

    private struct Key: Hashable {
        let col: Int, row: Int, classIndex: Int, diffuse: Bool, recent: Bool, bucket: Int
    }

    init(_ sources: [IncidentSurface.Source], grid: SurfaceGrid) {
        var index: [Key: Int32] = [:]
        binOf.reserveCapacity(sources.count)
        for s in sources {
            let c = Int(((s.x - grid.x0) / grid.size).rounded(.down)), r = Int(((s.y - grid.y0) / grid.size).rounded(.down))
            let key = Key(col: c, row: r, classIndex: s.classIndex, diffuse: s.diffuse, recent: s.recent, bucket: s.bucket)
            if let b = index[key] {
                weight[Int(b)] += s.weight
                binOf.append(b)
                continue
            }
            let b = Int32(col.count)
            index[key] = b
            col.append(c)
            row.append(r)
            cell.append(c >= 0 && r >= 0 && c < grid.columns && r < grid.rows ? r * grid.columns + c : nil)
            classIndex.append(s.classIndex)
            diffuse.append(s.diffuse)
            recent.append(s.recent)
            bucket.append(s.bucket)
            if s.recent { hasRecent = true } else { hasOlder = true }
            weight.append(s.weight)
            binOf.append(b)
        }
    }
}
