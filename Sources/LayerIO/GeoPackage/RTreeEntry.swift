import GeoCore

/// A row's box for a GeoPackage's R-tree index (`rtree_<table>_geom`), and the order to insert them in.
struct RTreeEntry {
    let fid: Int64
    let box: BoundingBox

    /// The entries along a Z-order (Morton) curve over their boxes' centres, quantised to 2¹⁶ steps of `extent` on
    /// each axis; ties keep their order. Packed in this order, a leaf holds entries that lie close together, so a
    /// query's box meets few leaves (``RTreeBulkLoad``).
    static func zOrdered(_ entries: [RTreeEntry], in extent: BoundingBox) -> [RTreeEntry] {
        let width = extent.maxLongitude - extent.minLongitude, height = extent.maxLatitude - extent.minLatitude
        func step(_ v: Double, _ lo: Double, _ span: Double) -> UInt32 {
            guard span > 0, v.isFinite else { return 0 }
            return UInt32(max(0, min(65_535, ((v - lo) / span * 65_535).rounded(.down))))
        }
        let keys = entries.map { e -> UInt64 in
            let x = step((e.box.minLongitude + e.box.maxLongitude) / 2, extent.minLongitude, width)
            let y = step((e.box.minLatitude + e.box.maxLatitude) / 2, extent.minLatitude, height)
            return interleave(x) | interleave(y) << 1
        }
        return entries.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { entries[$0] }
    }

    /// The 16 low bits of `v` spread to the even bits of the result.
    static func interleave(_ v: UInt32) -> UInt64 {
        var x = UInt64(v & 0xFFFF)
        x = (x | (x << 8)) & 0x00FF_00FF
        x = (x | (x << 4)) & 0x0F0F_0F0F
        x = (x | (x << 2)) & 0x3333_3333
        x = (x | (x << 1)) & 0x5555_5555
        return x
    }
}
