/// A failure inside GEOS or PROJ, with the library's own message.
public enum GeoLibraryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A GEOS call failed (`operation` names the C function).
    case geos(operation: String, message: String)
    /// PROJ could not build a CRS or transformation from `definition`.
    case unknownCRS(definition: String, message: String)
    /// PROJ failed to transform a coordinate.
    case transformFailed(message: String, position: Int?)

    public var description: String {
        switch self {
        case let .geos(op, msg): "GEOS \(op) failed: \(msg)"
        case let .unknownCRS(def, msg): "unknown or unsupported CRS \"\(def)\": \(msg)"
        case let .transformFailed(msg, position): "coordinate transformation failed\(position.map { " at position \($0)" } ?? ""): \(msg)"
        }
    }
}
