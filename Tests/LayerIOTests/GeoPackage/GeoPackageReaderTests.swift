import Foundation
import GeoCore
import LayerIO
import Testing
import TestSupport

@Suite("GeoPackage reader: ours and GDAL's files, typed columns, layers, CRS")
struct GeoPackageReaderTests {
    @Test("what GeoPackageWriter writes reads back: ids, typed values, nulls, geometry; several layers are named")
    func roundTrip() throws {
        let dir = try SharedData.temporaryDirectory("gpkg-read")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("two.gpkg").path
        let communes = Array(try ShapefileReader.read(path: SharedData.codABLevel(2)).features.prefix(5))
        let names = ["Cité Soleil", "Grand'Anse", "Delmas 30"]
        var points: [Feature] = []
        for i in 0..<3 {
            let killed: PropertyValue = i == 1 ? .null : .int(i * 7)
            let day = try CalendarDate(year: 2025, month: 3, day: 29 + i)
            let point = Geometry.point(Point(Coordinate(longitude: -72.3 + Double(i) / 10, latitude: 18.5)))
            let props: [Property] = [Property("name", .string(names[i])), Property("killed", killed), Property("share", .double(0.25 * Double(i))),
                                     Property("seen", .date(day)), Property("ok", .bool(i % 2 == 0))]
            points.append(Feature(id: .int(i + 1), geometry: point, properties: props))
        }
        let w = try GeoPackageWriter(path: path)
        try w.addLayer(name: "communes", features: communes)
        try w.addLayer(name: "incidents", features: points)
        try w.finish()

        #expect(try GeoPackageReader.layers(path: path).map(\.name) == ["communes", "incidents"])
        #expect(throws: GeoPackageReader.Error.severalLayers(path: path, layers: ["communes", "incidents"])) { try LayerReader.read(path: path) }
        let back = try LayerReader.read(path: path + "|layername=incidents")
        #expect(back.features.count == 3)
        for (a, b) in zip(points, back.features) {
            #expect(b.geometry == a.geometry)
            for p in a.properties {
                let value: PropertyValue? = b[p.name]
                #expect(value == p.value, Comment(rawValue: p.name))
            }
        }
        let polygons = try GeoPackageReader.read(path: path, layer: "COMMUNES")  // any case
        #expect(polygons.features.map { $0["ADM2_PCODE"] } == communes.map { $0["ADM2_PCODE"] })
        let areaIn = communes.reduce(0) { $0 + Geodesic.area(of: $1.geometry!) }
        let areaOut = polygons.features.reduce(0) { $0 + Geodesic.area(of: $1.geometry!) }
        #expect(abs(areaOut - areaIn) / areaIn < 1e-9)
        #expect(throws: GeoPackageReader.Error.noSuchLayer(path: path, layer: "zones", layers: ["communes", "incidents"])) {
            try GeoPackageReader.read(path: path, layer: "zones")
        }
        let notGpkg = dir.appendingPathComponent("x.gpkg").path
        try Data("not sqlite".utf8).write(to: URL(fileURLWithPath: notGpkg))
        #expect(throws: GeoPackageReader.Error.self) { try LayerReader.read(path: notGpkg) }
    }

    @Test("a GDAL GeoPackage in UTM 18N with 3D polygons: reprojected to WGS 84, read in 2D")
    func gdalFile() throws {
        let dir = try SharedData.temporaryDirectory("gpkg-gdal")
        defer { try? FileManager.default.removeItem(at: dir) }
        let gpkg = try SharedData.codABGeoPackage(in: dir)
        let adm1 = SharedData.codABLevel(1)

        let departments = try LayerReader.read(path: gpkg + "|layername=hti_adm1")
        let original = try ShapefileReader.read(path: adm1)
        #expect(departments.features.count == 10)
        let a = departments.features.reduce(0) { $0 + Geodesic.area(of: $1.geometry!) }
        let b = original.features.reduce(0) { $0 + Geodesic.area(of: $1.geometry!) }
        #expect(abs(a - b) / b < 1e-3, "areas \(a) vs \(b)")  // UTM and back: within 0.1%
        let box = try #require(departments.boundingBox)
        #expect(box.minLongitude > -75 && box.maxLongitude < -71 && box.minLatitude > 17.9 && box.maxLatitude < 20.2)

        #expect(departments.features.first?["adm1_pcode"]?.stringValue?.hasPrefix("HT") == true)
    }
}
