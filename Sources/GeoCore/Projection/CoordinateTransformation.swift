import CProj

/// A PROJ transformation between two CRSs, with (x, y) = (longitude,
/// latitude) or (easting, northing) on both sides.
///
/// Built with `proj_create_crs_to_crs` and normalised with
/// `proj_normalize_for_visualization`, so EPSG:4326 is taken in lon/lat order
/// here even though its authority order is lat/lon. Each transformation owns
/// its own `PJ_CONTEXT` (PROJ objects are not thread-safe): use one per
/// thread, and let it go to free both.
///
/// ```swift
/// let utm = try CoordinateTransformation(from: "EPSG:4326", to: "EPSG:32618")
/// let (e, n) = try utm.transform(x: -72.3388, y: 18.5392)  // longitude, latitude in; easting, northing out
/// ```
public final class CoordinateTransformation {
    public let source: String
    public let target: String

    /// WGS 84 longitude/latitude as a PROJ string: the CRS of EPSG:4326 in this type's lon/lat order, built without
    /// PROJ's database. A transformation between it and a PROJ-string CRS (a local equal-area projection) gives the
    /// same bits as one from "EPSG:4326" and is made in under a millisecond instead of about ten (the database is
    /// opened and searched for each context).
    public static let wgs84 = "+proj=longlat +datum=WGS84 +no_defs +type=crs"
    private let context: OpaquePointer
    private let pj: OpaquePointer

    /// - Parameters:
    ///   - source: any definition PROJ accepts: `EPSG:32618`, WKT (a `.prj`), a PROJ string.
    ///   - target: likewise.
    /// - Throws: ``GeoLibraryError/unknownCRS(definition:message:)`` naming the
    ///   definition PROJ could not use.
    public init(from source: String, to target: String) throws {
        self.source = source
        self.target = target
        guard let ctx = proj_context_create() else {
            throw GeoLibraryError.unknownCRS(definition: source, message: "proj_context_create failed")
        }
        proj_log_level(ctx, PJ_LOG_NONE)
        for definition in [source, target] {
            guard let crs = proj_create(ctx, definition) else {
                let message = Self.message(ctx)
                proj_context_destroy(ctx)
                throw GeoLibraryError.unknownCRS(definition: Self.abbreviated(definition), message: message)
            }
            proj_destroy(crs)
        }
        guard let raw = proj_create_crs_to_crs(ctx, source, target, nil) else {
            let message = Self.message(ctx)
            proj_context_destroy(ctx)
            throw GeoLibraryError.unknownCRS(definition: "\(Self.abbreviated(source)) → \(Self.abbreviated(target))", message: message)
        }
        guard let normalized = proj_normalize_for_visualization(ctx, raw) else {
            let message = Self.message(ctx)
            proj_destroy(raw)
            proj_context_destroy(ctx)
            throw GeoLibraryError.unknownCRS(definition: source, message: message)
        }
        proj_destroy(raw)
        self.context = ctx
        self.pj = normalized
    }

    deinit {
        proj_destroy(pj)
        proj_context_destroy(context)
    }

    /// Transforms one position. Wraps `proj_trans`.
    public func transform(x: Double, y: Double) throws -> (x: Double, y: Double) {
        proj_errno_reset(pj)
        let out = proj_trans(pj, PJ_FWD, proj_coord(x, y, 0, 0))
        let ex = out.xy.x, ey = out.xy.y
        guard ex.isFinite, ey.isFinite, proj_errno(pj) == 0 else {
            throw GeoLibraryError.transformFailed(message: Self.message(context, pj), position: nil)
        }
        return (ex, ey)
    }

    /// Transforms many (x, y) pairs in place. Wraps `proj_trans_generic`.
    public func transform(xs: inout [Double], ys: inout [Double]) throws {
        precondition(xs.count == ys.count, "xs and ys differ in length")
        let n = xs.count
        guard n > 0 else { return }
        proj_errno_reset(pj)
        let stride = MemoryLayout<Double>.stride
        let done = xs.withUnsafeMutableBufferPointer { xb in
            ys.withUnsafeMutableBufferPointer { yb in
                proj_trans_generic(pj, PJ_FWD, xb.baseAddress, stride, n, yb.baseAddress, stride, n, nil, 0, 0, nil, 0, 0)
            }
        }
        if let bad = (0..<n).first(where: { !xs[$0].isFinite || !ys[$0].isFinite }) {
            throw GeoLibraryError.transformFailed(message: Self.message(context, pj), position: bad)
        }
        guard done == n else { throw GeoLibraryError.transformFailed(message: Self.message(context, pj), position: nil) }
    }

    /// Transforms coordinates (as x = longitude/easting, y = latitude/northing).
    public func transform(_ coordinates: [Coordinate]) throws -> [Coordinate] {
        var xs = coordinates.map(\.longitude)
        var ys = coordinates.map(\.latitude)
        try transform(xs: &xs, ys: &ys)
        return (0..<xs.count).map { Coordinate(longitude: xs[$0], latitude: ys[$0]) }
    }

    /// Transforms every position of a geometry (ring orientation is kept as is).
    public func transform(_ geometry: Geometry) throws -> Geometry {
        func ring(_ r: LinearRing) throws -> LinearRing { LinearRing(trusted: try transform(r.coordinates)) }
        func polygon(_ p: Polygon) throws -> Polygon { Polygon(exterior: try ring(p.exterior), holes: try p.holes.map(ring)) }
        switch geometry {
        case .point(let p): return .point(Point(try transform([p.coordinate])[0]))
        case .multiPoint(let m): return .multiPoint(try MultiPoint(try transform(m.coordinates)))
        case .lineString(let l): return .lineString(try LineString(try transform(l.coordinates)))
        case .multiLineString(let m): return .multiLineString(MultiLineString(try m.lineStrings.map { try LineString(try transform($0.coordinates)) }))
        case .polygon(let p): return .polygon(try polygon(p))
        case .multiPolygon(let m): return .multiPolygon(MultiPolygon(try m.polygons.map(polygon)))
        case .geometryCollection(let g): return .geometryCollection(try g.map(transform))
        }
    }

    /// The CRS as ESRI-flavoured WKT 1 (what a Shapefile `.prj` holds).
    /// Wraps `proj_as_wkt(…, PJ_WKT1_ESRI, …)`.
    public static func esriWKT(for definition: String) throws -> String { try wkt(definition, PJ_WKT1_ESRI) }

    /// The CRS as OGC WKT 1 with authority codes (what GeoPackage's
    /// `gpkg_spatial_ref_sys` holds). Wraps `proj_as_wkt(…, PJ_WKT1_GDAL, …)`.
    public static func ogcWKT(for definition: String) throws -> String { try wkt(definition, PJ_WKT1_GDAL) }

    private static func wkt(_ definition: String, _ type: PJ_WKT_TYPE) throws -> String {
        guard let ctx = proj_context_create() else { throw GeoLibraryError.unknownCRS(definition: definition, message: "no PROJ context") }
        defer { proj_context_destroy(ctx) }
        guard let crs = proj_create(ctx, definition) else {
            throw GeoLibraryError.unknownCRS(definition: Self.abbreviated(definition), message: Self.message(ctx))
        }
        defer { proj_destroy(crs) }
        guard let wkt = proj_as_wkt(ctx, crs, type, nil) else {
            throw GeoLibraryError.unknownCRS(definition: definition, message: "no WKT 1 form")
        }
        return String(cString: wkt)
    }

    /// Identifies a CRS definition (e.g. a `.prj` WKT): its authority code
    /// (`EPSG:4326`) when PROJ can match one with confidence ≥ 70, and
    /// whether it is geographic.
    public static func identify(_ definition: String) throws -> (code: String?, isGeographic: Bool) {
        // Fast path for the ESRI WKT of WGS 84 that nearly every lon/lat
        // shapefile carries (skips PROJ's database look-up).
        let compact = definition.filter { !$0.isWhitespace }
        if compact.hasPrefix("GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137"),
           compact.contains("PRIMEM[\"Greenwich\",0"), !compact.contains("PROJCS") {
            return ("EPSG:4326", true)
        }
        guard let ctx = proj_context_create() else { throw GeoLibraryError.unknownCRS(definition: definition, message: "no PROJ context") }
        defer { proj_context_destroy(ctx) }
        proj_log_level(ctx, PJ_LOG_NONE)
        guard let crs = proj_create(ctx, definition) else {
            throw GeoLibraryError.unknownCRS(definition: Self.abbreviated(definition), message: Self.message(ctx))
        }
        defer { proj_destroy(crs) }
        let type = proj_get_type(crs)
        let geographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS
        var code: String?
        var confidence: UnsafeMutablePointer<Int32>?
        if let matches = proj_identify(ctx, crs, "EPSG", nil, &confidence) {
            defer { proj_list_destroy(matches); proj_int_list_destroy(confidence) }
            if proj_list_get_count(matches) > 0, let confidence, confidence[0] >= 70,
               let best = proj_list_get(ctx, matches, 0) {
                defer { proj_destroy(best) }
                if let auth = proj_get_id_auth_name(best, 0), let id = proj_get_id_code(best, 0) {
                    code = "\(String(cString: auth)):\(String(cString: id))"
                }
            }
        }
        return (code, geographic)
    }

    private static func message(_ ctx: OpaquePointer?, _ pj: OpaquePointer? = nil) -> String {
        let code = pj.map { proj_errno($0) } ?? proj_context_errno(ctx)
        guard code != 0, let text = proj_context_errno_string(ctx, code) else { return "PROJ reported no detail" }
        return String(cString: text)
    }

    private static func abbreviated(_ definition: String) -> String {
        definition.count > 80 ? String(definition.prefix(77)) + "…" : definition
    }
}
