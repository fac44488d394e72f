/// A failure writing a file, with the path and the system's reason.
public struct FileOutputError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let operation: String
    public let errno: Int32
    public let reason: String

    public var description: String { "cannot \(operation) \(path): \(reason)" }
}
