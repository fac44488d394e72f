import CGEOS

/// Set operations through GEOS (OverlayNG). Results are in the same
/// longitude/latitude degrees as the inputs; measure them with ``Geodesic``.
extension Geometry {
    /// The part of this geometry inside `other`. Wraps `GEOSIntersection_r`.
    public func intersection(_ other: Geometry) throws -> Geometry {
        try GEOSOperation.binary(self, other, "GEOSIntersection_r") { GEOSIntersection_r($0, $1, $2) }
    }

    /// Everything in either geometry. Wraps `GEOSUnion_r`.
    public func union(_ other: Geometry) throws -> Geometry {
        try GEOSOperation.binary(self, other, "GEOSUnion_r") { GEOSUnion_r($0, $1, $2) }
    }

    /// This geometry less `other`. Wraps `GEOSDifference_r`.
    public func difference(_ other: Geometry) throws -> Geometry {
        try GEOSOperation.binary(self, other, "GEOSDifference_r") { GEOSDifference_r($0, $1, $2) }
    }

    /// The union of many geometries at once (cascaded; much faster than
    /// folding ``union(_:)``). Wraps `GEOSUnaryUnion_r`.
    ///
    /// `unaryUnion([])` is an empty collection.
    public static func unaryUnion(_ geometries: [Geometry]) throws -> Geometry {
        guard !geometries.isEmpty else { return .geometryCollection([]) }
        return try GEOSOperation.unary(.geometryCollection(geometries), "GEOSUnaryUnion_r") { GEOSUnaryUnion_r($0, $1) }
    }

    /// A point guaranteed to lie inside the geometry (inside a polygon, on a
    /// line), unlike the centroid of a crescent. Wraps `GEOSPointOnSurface_r`.
    public func representativePoint() throws -> Coordinate {
        let g = try GEOSOperation.unary(self, "GEOSPointOnSurface_r") { GEOSPointOnSurface_r($0, $1) }
        guard case .point(let p) = g else {
            throw GeoLibraryError.geos(operation: "GEOSPointOnSurface_r", message: "empty geometry has no representative point")
        }
        return p.coordinate
    }

    /// Douglas–Peucker simplification that keeps rings valid and
    /// non-overlapping. `tolerance` is in degrees. Wraps
    /// `GEOSTopologyPreserveSimplify_r`.
    public func simplified(tolerance: Double) throws -> Geometry {
        try GEOSOperation.unary(self, "GEOSTopologyPreserveSimplify_r") { GEOSTopologyPreserveSimplify_r($0, $1, tolerance) }
    }

    /// GEOS `contains` (boundary points are *not* contained). Wraps `GEOSContains_r`.
    public func geosContains(_ other: Geometry) throws -> Bool {
        try GEOSOperation.predicate(self, other, "GEOSContains_r") { GEOSContains_r($0, $1, $2) }
    }

    /// GEOS `intersects`. Wraps `GEOSIntersects_r`.
    public func geosIntersects(_ other: Geometry) throws -> Bool {
        try GEOSOperation.predicate(self, other, "GEOSIntersects_r") { GEOSIntersects_r($0, $1, $2) }
    }
}
