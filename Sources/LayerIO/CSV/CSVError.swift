/// A CSV problem at a place in a file: path, line (1-based) and, where it
/// applies, the column (1-based field number).
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let column: Int?
    public let reason: String

    public init(path: String, line: Int, column: Int? = nil, reason: String) {
        self.path = path
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        "\(path):\(line)\(column.map { ":\($0)" } ?? ""): \(reason)"
    }
}
