import Foundation
import GeoCore

/// Reads a vector layer by its file extension: `.geojson`/`.json` (RFC 7946)
/// or `.shp` (ESRI Shapefile, through shapelib).
public enum LayerReader {
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case unsupportedFormat(path: String)
        case notFound(path: String)

        public var description: String {
            switch self {
            case .unsupportedFormat(let p): "\(p): unsupported layer format (expected .geojson, .json or .shp)"
            case .notFound(let p): "\(p): no such file"
            }
        }
    }

    /// `true` for paths this reader can open.
    public static func canRead(_ path: String) -> Bool {
        ["geojson", "json", "shp"].contains(URL(fileURLWithPath: path).pathExtension.lowercased())
    }

    public static func read(path: String) throws -> FeatureCollection {
        guard FileManager.default.fileExists(atPath: path) else { throw Error.notFound(path: path) }
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "geojson", "json": return try GeoJSONReader.read(path: path)
        case "shp": return try ShapefileReader.read(path: path)
        default: throw Error.unsupportedFormat(path: path)
        }
    }
}
