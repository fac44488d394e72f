import CGEOS

extension Geometry {
    /// The part of this geometry inside each of `pieces` (small polygons such as grid cells), in their order; an
    /// empty geometry where a piece misses it.
    ///
    /// Intersecting a large outline with thousands of cells one call at a time converts and scans the whole outline
    /// every time (O(V·n)). Here the outline goes to GEOS once and is cut down by halves of the piece set — each half's
    /// bounding rectangle, a little enlarged, `GEOSClipByRect_r` — so every exact piece
    /// intersection works on a small part of the outline: O(V log n); a piece whose rectangle lies wholly inside is
    /// returned as it is. The rectangle cuts lie outside every piece they hold, so the results equal `intersection(_:)`
    /// piece by piece up to rounding.
    public func intersections(with pieces: [Polygon]) throws -> [Geometry] {
        guard !pieces.isEmpty else { return [] }
        let ctx = GEOSContext.current
        let whole = try ctx.make(self)
        let boxes = pieces.map { BoundingBox(enclosing: $0.exterior.coordinates)! }
        var out = [Geometry](repeating: .geometryCollection([]), count: pieces.count)
        try PiecewiseCutter(context: ctx, whole: whole, pieces: pieces, boxes: boxes).cut(whole, Array(pieces.indices), into: &out)
        return out
    }
}

/// The recursion behind ``Geometry/intersections(with:)``.
private struct PiecewiseCutter {
    let context: GEOSContext
    /// The whole outline: what a piece is intersected with when GEOS refuses a cut-down part.
    let whole: GEOSGeometry
    let pieces: [Polygon]
    let boxes: [BoundingBox]
    /// Below this many vertices a part is intersected with each of its pieces directly.
    static let leafVertices: Int32 = 96

    func cut(_ part: GEOSGeometry, _ indices: [Int], into out: inout [Geometry]) throws {
        let h = context.handle
        if GEOSisEmpty_r(h, part.pointer) == 1 { return }
        if indices.count == 1 || GEOSGetNumCoordinates_r(h, part.pointer) <= Self.leafVertices {
            for i in indices {
                // Most pieces near a boundary lie wholly inside or outside it: a rectangle clip tells, then GEOS
                // intersects only the pieces the outline crosses.
                guard let (clipped, full) = try clip(part, to: boxes[i]) else { continue }
                out[i] = full ? .polygon(pieces[i]) : try exact(clipped, i)
            }
            return
        }
        // Split along the longer side of the set's extent, at the median of the pieces' centres.
        let box = extent(indices)
        let alongX = box.maxLongitude - box.minLongitude >= box.maxLatitude - box.minLatitude
        let sorted = indices.sorted {
            alongX ? boxes[$0].center.longitude < boxes[$1].center.longitude : boxes[$0].center.latitude < boxes[$1].center.latitude
        }
        let mid = sorted.count / 2
        for half in [Array(sorted[..<mid]), Array(sorted[mid...])] {
            guard let (clipped, full) = try clip(part, to: extent(half)) else { continue }
            if full {
                for i in half { out[i] = .polygon(pieces[i]) }  // the whole rectangle lies inside: so does every piece in it
            } else {
                try cut(clipped, half, into: &out)
            }
        }
    }

    /// The box around these pieces.
    private func extent(_ indices: [Int]) -> BoundingBox {
        indices.dropFirst().reduce(boxes[indices[0]]) { $0.union(boxes[$1]) }
    }

    /// The part inside `box` enlarged a little (so no rectangle edge runs along a piece's edge), and whether that is
    /// the whole rectangle; nil when nothing is left. GEOSClipByRect_r is a plain rectangle clip (no noding): fast,
    /// and its rare invalid output only sends the pieces concerned back to the whole outline (``exact(_:_:)``).
    private func clip(_ part: GEOSGeometry, to box: BoundingBox) throws -> (GEOSGeometry, Bool)? {
        let h = context.handle
        let pad = max(box.maxLongitude - box.minLongitude, box.maxLatitude - box.minLatitude) * 0.01 + 1e-9
        let r = box.expanded(by: pad)
        guard let raw = GEOSClipByRect_r(h, part.pointer, r.minLongitude, r.minLatitude, r.maxLongitude, r.maxLatitude) else {
            throw context.failure("GEOSClipByRect_r")
        }
        let clipped = GEOSGeometry(owning: raw, context: context)
        // `raw` is read while `clipped` (its owner) is kept alive: Swift may end a lifetime at its last use.
        return withExtendedLifetime(clipped) { () -> (GEOSGeometry, Bool)? in
            if GEOSisEmpty_r(h, raw) == 1 { return nil }
            var area = 0.0
            let full = GEOSGeomTypeId_r(h, raw) == Int32(GEOS_POLYGON.rawValue) && GEOSGetNumInteriorRings_r(h, raw) == 0
                && GEOSGetNumCoordinates_r(h, raw) == 5 && GEOSArea_r(h, raw, &area) == 1
                && area >= (r.maxLongitude - r.minLongitude) * (r.maxLatitude - r.minLatitude) * (1 - 1e-12)
            return (clipped, full)
        }
    }

    /// One piece against a part of the outline (against the whole outline if GEOS refuses the part).
    private func exact(_ part: GEOSGeometry, _ i: Int) throws -> Geometry {
        let h = context.handle
        let piece = try context.make(.polygon(pieces[i]))
        let raw = withExtendedLifetime(piece) { GEOSIntersection_r(h, part.pointer, piece.pointer) }
            ?? withExtendedLifetime(piece) { GEOSIntersection_r(h, whole.pointer, piece.pointer) }
        guard let raw else { throw context.failure("GEOSIntersection_r") }
        let result = GEOSGeometry(owning: raw, context: context)
        // Handles stay alive until GEOS is done with them (Swift may end a lifetime at its last use).
        return try withExtendedLifetime(result) { try context.geometry(result.pointer) }
    }
}
