import Foundation
import GeoCore
import LayerIO
import Zones

/// Layer readers: Shapefile (+ DBF), GeoJSON, population tables.
enum ReaderTargets {
    /// Input layout: two big-endian UInt32 lengths (of the .shp and the .shx),
    /// then the .shp, the .shx and the .dbf bytes. Lengths past the end are
    /// cut to what is there, so every input is a (possibly empty) triple.
    /// `Fuzz/seed-shapefile.py` packs real shapefiles this way.
    static func shapefile(_ bytes: [UInt8]) {
        var rest = bytes[...]
        func length() -> Int {
            guard rest.count >= 4 else { rest = rest.suffix(0); return 0 }
            let v = rest.prefix(4).reduce(0) { $0 << 8 | Int($1) }
            rest = rest.dropFirst(4)
            return v
        }
        let shpLength = length(), shxLength = length()
        let shp = rest.prefix(shpLength); rest = rest.dropFirst(shp.count)
        let shx = rest.prefix(shxLength); rest = rest.dropFirst(shx.count)
        Scratch.write(shp, as: "layer.shp")
        Scratch.write(shx, as: "layer.shx")
        Scratch.write(rest, as: "layer.dbf")
        guard let reader = try? ShapefileReader(path: Scratch.folder + "/layer.shp") else { return }
        for i in 0..<reader.recordCount {
            guard let f = try? reader.feature(at: i) else { continue }
            _ = f.geometry?.boundingBox
        }
    }

    static func geojson(_ bytes: [UInt8]) {
        guard let fc = try? GeoJSONReader.decode(bytes) else { return }
        // What the zone loader does next with a read layer: bounds and a round trip.
        for f in fc.features { _ = f.geometry?.boundingBox }
        _ = try? GeoJSONReader.decode(GeoJSONWriter.encode(fc))
    }

    /// A boundary layer as `--boundaries` loads it: COD-AB detection, ids and
    /// names, validity (strict, then repaired with GEOS make-valid), then the
    /// point locator and a few points placed (with snapping).
    static func zones(_ bytes: [UInt8]) {
        let path = Scratch.write(bytes, as: "zones.geojson")
        for repair in [false, true] {
            var options = ZoneLayerLoader.Options()
            options.repair = repair
            guard let layer = try? ZoneLayerLoader.loadFile(path, options: options), !layer.zones.isEmpty else { continue }
            let locator = PointLocator(layer: layer)
            for c in [Coordinate(longitude: -72.34, latitude: 18.54), Coordinate(longitude: 0, latitude: 0)] {
                _ = locator.zoneIndex(containing: c)
                _ = locator.place(c, snapKm: 2)
            }
        }
    }

    static func population(_ bytes: [UInt8]) {
        _ = try? PopulationTable.read(path: Scratch.write(bytes, as: "population.csv"))
    }
}
