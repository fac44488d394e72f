import GeoCore
import Testing

@Suite("PROJ transformations")
struct ProjectionTests {
    @Test("WGS 84 lon/lat ⇄ UTM 18N round trip, axis order lon/lat")
    func utmRoundTrip() throws {
        let toUTM = try CoordinateTransformation(from: "EPSG:4326", to: "EPSG:32618")
        let back = try CoordinateTransformation(from: "EPSG:32618", to: "EPSG:4326")
        let pap = Coordinate(longitude: -72.3388, latitude: 18.5392)
        let (e, n) = try toUTM.transform(x: pap.longitude, y: pap.latitude)
        // Port-au-Prince lies about 780 km east of UTM 18N's false origin line and 2,050 km north.
        #expect(e > 770_000 && e < 790_000, "easting \(e)")
        #expect(n > 2_040_000 && n < 2_060_000, "northing \(n)")
        let (lon, lat) = try back.transform(x: e, y: n)
        #expect(abs(lon - pap.longitude) < 1e-9 && abs(lat - pap.latitude) < 1e-9)

        var xs = [pap.longitude, -72.0], ys = [pap.latitude, 19.0]
        try toUTM.transform(xs: &xs, ys: &ys)
        #expect(abs(xs[0] - e) < 1e-6 && abs(ys[0] - n) < 1e-6)
    }

    @Test("unknown EPSG codes are a clear error")
    func unknownCode() throws {
        let e = try #require(throws: GeoLibraryError.self) { try CoordinateTransformation(from: "EPSG:999999", to: "EPSG:4326") }
        #expect(e.description.contains("EPSG:999999"))
    }

    @Test("ESRI WKT for a .prj and identification of the COD-AB .prj")
    func esriWKT() throws {
        let wkt = try CoordinateTransformation.esriWKT(for: "EPSG:4326")
        #expect(wkt.hasPrefix("GEOGCS[\"GCS_WGS_1984\""))
        let id = try CoordinateTransformation.identify(wkt)
        #expect(id.code == "EPSG:4326")
        #expect(id.isGeographic)
        #expect(try CoordinateTransformation.identify("EPSG:32618").isGeographic == false)
    }

    @Test("WGS 84 as a PROJ string gives the same bits as EPSG:4326 to and from a local equal-area projection")
    func wgs84String() throws {
        let laea = "+proj=laea +lat_0=19.0 +lon_0=-72.7 +datum=WGS84 +units=m +no_defs +type=crs"
        let (byCode, byString) = (try CoordinateTransformation(from: "EPSG:4326", to: laea), try CoordinateTransformation(from: CoordinateTransformation.wgs84, to: laea))
        let (backByCode, backByString) = (try CoordinateTransformation(from: laea, to: "EPSG:4326"), try CoordinateTransformation(from: laea, to: CoordinateTransformation.wgs84))
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let (x, y) = (Double.random(in: -74.6 ... -71.6, using: &rng), Double.random(in: 17.9...20.1, using: &rng))
            let a = try byCode.transform(x: x, y: y), b = try byString.transform(x: x, y: y)
            #expect(a.x.bitPattern == b.x.bitPattern && a.y.bitPattern == b.y.bitPattern, "(\(x), \(y))")
            let c = try backByCode.transform(x: a.x, y: a.y), d = try backByString.transform(x: a.x, y: a.y)
            #expect(c.x.bitPattern == d.x.bitPattern && c.y.bitPattern == d.y.bitPattern)
            #expect(abs(c.x - x) < 1e-6 && abs(c.y - y) < 1e-6)  // lon/lat order both ways (the inverse is a series: ~1e-8°)
        }
    }
}
