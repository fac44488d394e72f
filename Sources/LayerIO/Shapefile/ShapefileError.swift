/// A Shapefile that cannot be read, naming the file and, where it applies,
/// the record (0-based, as shapelib and GDAL's FID count them).
public enum ShapefileError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case missingCompanion(path: String, companion: String)
    case unsupportedShapeType(path: String, type: Int32)
    case corruptHeader(path: String, reason: String)
    case unreadableRecord(path: String, record: Int, reason: String)
    case recordCountMismatch(path: String, shapes: Int, attributes: Int)
    case invalidGeometry(path: String, record: Int, reason: String)
    case unreadableProjection(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "\(path): cannot open shapefile: \(reason)"
        case let .missingCompanion(path, companion): "\(path): the companion file \(companion) is missing"
        case let .unsupportedShapeType(path, type): "\(path): unsupported shape type \(type)"
        case let .corruptHeader(path, reason): "\(path): corrupt header: \(reason)"
        case let .unreadableRecord(path, record, reason): "\(path): record \(record): \(reason)"
        case let .recordCountMismatch(path, shapes, attributes):
            "\(path): the .shp has \(shapes) records but the .dbf has \(attributes)"
        case let .invalidGeometry(path, record, reason): "\(path): record \(record): invalid geometry: \(reason)"
        case let .unreadableProjection(path, reason): "\(path): cannot use the .prj: \(reason)"
        }
    }
}
