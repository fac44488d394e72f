import Foundation
import GeoCore
import LayerIO

/// A layer's zones as rows: p-code, name, level, parent, area, population.
/// Renders the `zones` command's table, JSON, CSV and GeoJSON.
public struct ZoneListing {
    public let layer: ZoneLayer

    public init(layer: ZoneLayer) { self.layer = layer }

    public func table() -> String {
        var t = TextTable(headers: ["pcode", "name", "level", "parent", "area_km2", "population"],
                          alignments: [.left, .left, .left, .left, .right, .right])
        for z in layer.zones {
            t.append([z.id, z.name, z.level.rawValue, z.parentID ?? "", String(format: "%.2f", z.areaKm2), z.population.map { String(format: "%.0f", $0) } ?? ""])
        }
        return t.render()
    }

    private func properties(_ z: Zone) -> [Property] {
        [Property("pcode", .string(z.id)), Property("name", .string(z.name)), Property("level", .string(z.level.rawValue)),
         Property("parent", z.parentID.map { .string($0) } ?? .null), Property("area_km2", .double((z.areaKm2 * 1e4).rounded() / 1e4)),
         Property("population", z.population.map { .double($0) } ?? .null),
         Property("rep_lon", .double((z.representativePoint.longitude * 1e7).rounded() / 1e7)),
         Property("rep_lat", .double((z.representativePoint.latitude * 1e7).rounded() / 1e7))]
    }

    /// One JSON array of objects (the GeoJSON properties, no geometry).
    public func json() -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, z) in layer.zones.enumerated() {
            out.append(contentsOf: (i == 0 ? "\n" : ",\n").utf8)
            out.append(UInt8(ascii: "{"))
            for (k, p) in properties(z).enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(p.name, to: &out)
                out.append(UInt8(ascii: ":"))
                switch p.value {
                case .string(let s): JSONText.appendString(s, to: &out)
                case .double(let d): JSONText.appendShortest(d, to: &out)
                default: out.append(contentsOf: "null".utf8)
                }
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "\n]\n".utf8)
        return out
    }

    public func csv() -> [UInt8] {
        let sink = MemorySink()
        let w = CSVWriter(sink: sink)
        try? w.writeRow(["pcode", "name", "level", "parent", "area_km2", "population", "rep_lon", "rep_lat"])
        for z in layer.zones {
            try? w.writeRow([z.id, z.name, z.level.rawValue, z.parentID ?? "", String(format: "%.4f", z.areaKm2),
                             z.population.map { String(format: "%.0f", $0) } ?? "",
                             String(format: "%.7f", z.representativePoint.longitude), String(format: "%.7f", z.representativePoint.latitude)])
        }
        try? w.finish()
        return sink.bytes
    }

    public func featureCollection() -> FeatureCollection {
        FeatureCollection(layer.zones.map { Feature(id: .string($0.id), geometry: $0.geometry, properties: properties($0)) })
    }
}
