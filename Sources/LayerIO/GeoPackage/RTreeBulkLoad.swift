import GeoCore

/// Fills a new, empty SQLite R-tree (`CREATE VIRTUAL TABLE … USING rtree(id, minx, maxx, miny, maxy)`, a GeoPackage's
/// `rtree_<table>_geom`) with every entry at once, by writing its three shadow tables directly: inserting through the
/// virtual table costs SQLite a descent and often a node split per row (12 s for a million points, more than the
/// rows themselves), while the packed tree is built in memory in a fraction of that.
///
/// The tree follows SQLite's R-tree format (sqlite.org/rtree.html, and the module's own checker `rtreecheck()`,
/// which the tests run): node 1 is the root; a node's blob is the tree's depth (root only, 16 bits big-endian), its
/// cell count (16 bits), then per cell a 64-bit id (a row's fid in a leaf, a child's node number above) and the box
/// as four 32-bit floats (min x, max x, min y, max y), big-endian, zero-padded to the node size SQLite chose when the
/// table was created; `<rtree>_rowid` maps each row to its leaf and `<rtree>_parent` each node to its parent. Boxes
/// are rounded outwards to floats, as SQLite does, so a stored box always contains the row's. Leaves are filled along
/// a Z-curve over the boxes' centres (``RTreeEntry/zOrdered(_:in:)``) and each level packs the one below in order.
enum RTreeBulkLoad {
    struct Cell {
        var id: Int64
        var minX: Float, maxX: Float, minY: Float, maxY: Float

        init(id: Int64, box: BoundingBox) {
            self.id = id
            minX = Self.down(box.minLongitude); maxX = Self.up(box.maxLongitude)
            minY = Self.down(box.minLatitude); maxY = Self.up(box.maxLatitude)
        }

        /// The box around `cells`, under `id`.
        init(id: Int64, around cells: ArraySlice<Cell>) {
            self.id = id
            minX = cells.map(\.minX).min()!; maxX = cells.map(\.maxX).max()!
            minY = cells.map(\.minY).min()!; maxY = cells.map(\.maxY).max()!
        }

        /// The largest float not above `d`, and the smallest not below.
        static func down(_ d: Double) -> Float { let f = Float(d); return Double(f) > d ? f.nextDown : f }
        static func up(_ d: Double) -> Float { let f = Float(d); return Double(f) < d ? f.nextUp : f }
    }

    static func fill(_ db: SQLiteDatabase, rtree name: String, entries: [RTreeEntry], extent: BoundingBox) throws {
        guard !entries.isEmpty else { return }
        func quoted(_ suffix: String) -> String { GeoPackageWriter.quote(name + suffix) }
        guard let size = try db.firstText("SELECT length(data) FROM \(quoted("_node")) WHERE nodeno = 1").flatMap({ Int($0) }),
              size >= 4 + 24 * 2 else {
            throw SQLiteError(path: db.path, code: 0, message: "R-tree \(name) has no root node to fill", sql: nil)
        }
        let capacity = (size - 4) / 24
        // levels[0]: the leaves' cells, grouped `capacity` at a time; each level above: one cell per node below, its id
        // the node's index in its level until node numbers are given.
        var levels: [[Cell]] = [RTreeEntry.zOrdered(entries, in: extent).map { Cell(id: $0.fid, box: $0.box) }]
        while levels.last!.count > capacity {
            let below = levels.last!
            levels.append(stride(from: 0, to: below.count, by: capacity).map { start in
                Cell(id: Int64(start / capacity), around: below[start..<min(below.count, start + capacity)])
            })
        }
        // Node numbers: the root 1, then level by level downwards.
        let nodesAt = levels.map { ($0.count + capacity - 1) / capacity }
        var firstNumber = [Int64](repeating: 0, count: levels.count)
        var next: Int64 = 1
        for d in levels.indices.reversed() {
            firstNumber[d] = next
            next += Int64(nodesAt[d])
        }
        let depth = levels.count - 1
        let node = try db.prepare("INSERT OR REPLACE INTO \(quoted("_node")) (nodeno, data) VALUES (?, ?)")
        let parent = try db.prepare("INSERT INTO \(quoted("_parent")) (nodeno, parentnode) VALUES (?, ?)")
        var leafOf = [(fid: Int64, node: Int64)]()
        leafOf.reserveCapacity(entries.count)
        var blob = [UInt8]()
        blob.reserveCapacity(size)
        for d in levels.indices {
            let cells = levels[d]
            for k in 0..<nodesAt[d] {
                let number = firstNumber[d] + Int64(k)
                let members = cells[(k * capacity)..<min(cells.count, (k + 1) * capacity)]
                blob.removeAll(keepingCapacity: true)
                append(UInt16(d == depth ? depth : 0), to: &blob)
                append(UInt16(members.count), to: &blob)
                for c in members {
                    // Above the leaves a cell's id is its child's index in the level below: its node number is given here.
                    let id = d == 0 ? c.id : firstNumber[d - 1] + c.id
                    append(UInt64(bitPattern: id), to: &blob)
                    for v in [c.minX, c.maxX, c.minY, c.maxY] { append(v.bitPattern, to: &blob) }
                    if d == 0 { leafOf.append((c.id, number)) }
                }
                blob += repeatElement(0, count: size - blob.count)
                try node.run([.int(number), .blob(blob)])
                if d < depth { try parent.run([.int(number), .int(firstNumber[d + 1] + Int64(k / capacity))]) }
            }
        }
        // Rows in fid order: appended to the rowid table's B-tree, never inserted in its middle.
        leafOf.sort { $0.fid < $1.fid }
        let rowid = try db.prepare("INSERT INTO \(quoted("_rowid")) (rowid, nodeno) VALUES (?, ?)")
        for (fid, number) in leafOf { try rowid.run([.int(fid), .int(number)]) }
    }

    private static func append<T: FixedWidthInteger>(_ v: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.bigEndian) { out.append(contentsOf: $0) }
    }
}
