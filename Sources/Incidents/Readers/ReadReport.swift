/// What reading incidents did: every row read is kept or rejected, and every
/// rejection and warning has a line saying where and why.
public struct ReadReport: Sendable, CustomStringConvertible {
    public var read = 0
    public var kept = 0
    public var geocoded = 0
    public var rejected = 0
    /// `file:line[:column]: reason`, in input order.
    public var problems: [String] = []
    public var warnings: [String] = []

    public init() {}

    public var description: String { "read \(read), kept \(kept), geocoded \(geocoded), rejected \(rejected)" }

    /// Adds another file's counts and lines to this report.
    public mutating func absorb(_ other: ReadReport) {
        read += other.read
        kept += other.kept
        geocoded += other.geocoded
        rejected += other.rejected
        problems += other.problems
        warnings += other.warnings
    }
}

/// What to do with a row that cannot be read.
public enum OnError: String, Sendable, CaseIterable {
    /// Stop at the first bad row with its error.
    case fail
    /// Leave the row out and report it (the default).
    case skip
}

/// A row that cannot be used, and where it is.
public struct IncidentRowError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: String?
    public let reason: String

    public init(file: String, line: Int, column: String?, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "\(file):\(line)\(column.map { ":\($0)" } ?? ""): \(reason)" }
}
