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
}
