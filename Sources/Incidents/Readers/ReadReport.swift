/// What reading incidents did: every row read is kept or rejected, and every
/// rejection and warning has a line saying where and why.
public struct ReadReport: Sendable, CustomStringConvertible {
    public var read = 0
    public var kept = 0
    public var geocoded = 0
    public var rejected = 0
    /// `file:line[:column]: reason`, in input order: the first ``lineLimit``
    /// (``rejected`` counts them all).
    public var problems: [String] = []
    /// The first ``lineLimit`` warnings, in input order.
    public var warnings: [String] = []
    /// Problems and warnings past ``lineLimit``: counted, not kept (a million
    /// points outside the zones would otherwise be held as a million lines).
    public var problemsLeftOut = 0
    public var warningsLeftOut = 0
    public static let lineLimit = 1_000

    /// Every warning, kept or not.
    public var warningCount: Int { warnings.count + warningsLeftOut }

    public init() {}

    /// Records a warning (the text is only made while it is kept).
    public mutating func warn(_ line: @autoclosure () -> String) {
        if warnings.count < Self.lineLimit { warnings.append(line()) } else { warningsLeftOut += 1 }
    }

    /// Records why a row was rejected.
    public mutating func problem(_ line: @autoclosure () -> String) {
        if problems.count < Self.lineLimit { problems.append(line()) } else { problemsLeftOut += 1 }
    }

    public var description: String { "read \(read), kept \(kept), geocoded \(geocoded), rejected \(rejected)" }

    /// Adds another file's counts and lines to this report.
    public mutating func absorb(_ other: ReadReport) {
        read += other.read
        kept += other.kept
        geocoded += other.geocoded
        rejected += other.rejected
        for p in other.problems { problem(p) }
        problemsLeftOut += other.problemsLeftOut
        for w in other.warnings { warn(w) }
        warningsLeftOut += other.warningsLeftOut
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
