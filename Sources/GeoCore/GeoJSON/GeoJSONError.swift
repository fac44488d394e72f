/// Malformed GeoJSON, with where: a path such as
/// `features[3].geometry.coordinates[0][5]` (feature index, ring, position).
public struct GeoJSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file, when read from one.
    public var file: String?
    /// JSON path of the offending member (`$` is the document root).
    public var path: String
    public var reason: String

    public init(file: String? = nil, path: String, reason: String) {
        self.file = file
        self.path = path
        self.reason = reason
    }

    public var description: String {
        let prefix = file.map { "\($0): " } ?? ""
        return "\(prefix)invalid GeoJSON at \(path): \(reason)"
    }
}
