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

    static func population(_ bytes: [UInt8]) {
        _ = try? PopulationTable.read(path: Scratch.write(bytes, as: "population.csv"))
    }
}
