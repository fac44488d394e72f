import CProj

/// Geodesic measures on the WGS 84 ellipsoid, through GeographicLib's
/// routines as shipped inside PROJ (`geod_*`).
///
/// # Units
/// Areas in square metres, lengths in metres, azimuths in degrees clockwise
/// from north. The same algorithms back PostGIS `ST_Area(geography)`, so
/// results agree with it to rounding.
///
/// # References
/// C. F. F. Karney, *Algorithms for geodesics*, J. Geodesy 87 (2013).
/// WGS 84: a = 6 378 137 m, f = 1/298.257223563 (NGA.STND.0036).
public enum Geodesic {
    /// WGS 84 semi-major axis, metres.
    public static let semiMajorAxis = 6_378_137.0
    /// WGS 84 flattening.
    public static let flattening = 1 / 298.257223563

    /// The initialised ellipsoid; read-only after start-up, so shared by all threads.
    private static let ellipsoid: Ellipsoid = Ellipsoid()

    /// Holds the `geod_geodesic` constants at a fixed address; written once in
    /// `init`, only read afterwards (so safe to share across threads).
    private final class Ellipsoid: @unchecked Sendable {
        let g: UnsafeMutablePointer<geod_geodesic>
        init() {
            g = .allocate(capacity: 1)
            g.initialize(to: geod_geodesic())
            geod_init(g, Geodesic.semiMajorAxis, Geodesic.flattening)
        }
        deinit { g.deallocate() }
    }

    /// Signed area of a ring in m²: positive when counter-clockwise.
    ///
    /// Wraps `geod_polygonarea` (the closing position is dropped first).
    public static func signedArea(of ring: LinearRing) -> Double {
        ringMeasures(ring.coordinates).area
    }

    /// Area of a polygon in m²: exterior minus holes, whatever the ring orientation.
    ///
    /// `area(Polygon)` of a degenerate ring is `0.0`.
    public static func area(of polygon: Polygon) -> Double {
        var a = abs(ringMeasures(polygon.exterior.coordinates).area)
        for h in polygon.holes { a -= abs(ringMeasures(h.coordinates).area) }
        return max(0, a)
    }

    /// Sum of the parts' areas in m² (parts are assumed not to overlap, as in
    /// a valid multipolygon).
    public static func area(of multiPolygon: MultiPolygon) -> Double {
        multiPolygon.polygons.reduce(0) { $0 + area(of: $1) }
    }

    /// Area of any geometry in m²: polygons and multipolygons (and polygons
    /// in collections) have area; points and lines have 0.
    public static func area(of geometry: Geometry) -> Double {
        geometry.polygons.reduce(0) { $0 + area(of: $1) }
    }

    /// Perimeter of a polygon in metres, holes included.
    public static func perimeter(of polygon: Polygon) -> Double {
        polygon.rings.reduce(0) { $0 + ringMeasures($1.coordinates).perimeter }
    }

    /// Length of a path in metres.
    public static func length(of coordinates: [Coordinate]) -> Double {
        guard coordinates.count > 1 else { return 0 }
        var total = 0.0
        for i in 1..<coordinates.count { total += distance(coordinates[i - 1], coordinates[i]) }
        return total
    }

    /// Shortest distance along the ellipsoid in metres. Wraps `geod_inverse`.
    public static func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        inverse(a, b).distance
    }

    /// Distance (m) and azimuths (degrees clockwise from north) at each end of
    /// the geodesic from `a` to `b`. Wraps `geod_inverse`.
    public static func inverse(_ a: Coordinate, _ b: Coordinate) -> (distance: Double, initialAzimuth: Double, finalAzimuth: Double) {
        var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
        geod_inverse(ellipsoid.g, a.latitude, a.longitude, b.latitude, b.longitude, &s12, &azi1, &azi2)
        return (s12, azi1, azi2)
    }

    /// The point `distance` metres from `start` along `azimuth` (degrees
    /// clockwise from north). Wraps `geod_direct`.
    public static func destination(from start: Coordinate, azimuth: Double, distance: Double) -> Coordinate {
        var lat2 = 0.0, lon2 = 0.0, azi2 = 0.0
        geod_direct(ellipsoid.g, start.latitude, start.longitude, azimuth, distance, &lat2, &lon2, &azi2)
        return Coordinate(longitude: lon2, latitude: lat2)
    }

    /// Area (signed, m²) and perimeter (m) of a closed ring.
    private static func ringMeasures(_ coordinates: [Coordinate]) -> (area: Double, perimeter: Double) {
        var n = coordinates.count
        if n > 1, coordinates[0] == coordinates[n - 1] { n -= 1 }
        guard n >= 3 else { return (0, 0) }
        var lats = [Double](unsafeUninitializedCapacity: n) { buf, count in
            for i in 0..<n { buf[i] = coordinates[i].latitude }
            count = n
        }
        var lons = [Double](unsafeUninitializedCapacity: n) { buf, count in
            for i in 0..<n { buf[i] = coordinates[i].longitude }
            count = n
        }
        var area = 0.0, perimeter = 0.0
        geod_polygonarea(ellipsoid.g, &lats, &lons, Int32(n), &area, &perimeter)
        return (area, perimeter)
    }
}
