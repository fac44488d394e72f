import Foundation
import GeoCore

/// Reads a vector layer by its file extension: `.geojson`/`.json` (RFC 7946), `.shp` (ESRI Shapefile, through
/// shapelib) or `.gpkg` (GeoPackage: its only feature layer, or the one named as QGIS names it,
/// `file.gpkg|layername=zones`).
public enum LayerReader {
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case unsupportedFormat(path: String)
        case notFound(path: String)

        public var description: String {
            switch self {
            case .unsupportedFormat(let p): "\(p): unsupported layer format (expected .geojson, .json, .shp or .gpkg)"
            case .notFound(let p): "\(p): no such file"
            }
        }
    }

    /// `true` for paths this reader can open.
    public static func canRead(_ path: String) -> Bool {
        ["geojson", "json", "shp", "gpkg"].contains(URL(fileURLWithPath: GeoPackageReader.split(path).path).pathExtension.lowercased())
    }

    public static func read(path: String) throws -> FeatureCollection {
        let (file, layer) = GeoPackageReader.split(path)
        if URL(fileURLWithPath: file).pathExtension.lowercased() == "gpkg" { return try GeoPackageReader.read(path: file, layer: layer) }
        guard FileManager.default.fileExists(atPath: path) else { throw Error.notFound(path: path) }
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "geojson", "json": return try GeoJSONReader.read(path: path)
        case "shp": return try ShapefileReader.read(path: path)
        default: throw Error.unsupportedFormat(path: path)
        }
    }
}
