import Foundation

/// What reading incidents did: every row read is kept or rejected, and every
/// rejection and warning has a line saying where and why.
public struct ReadReport: Sendable, CustomStringConvertible {
    public var read = 0
    public var kept = 0
    public var geocoded = 0
    public var rejected = 0
    /// Events without `geo_precision` whose point was found to be their admin unit's default point (precision 2 or 3 set).
    public var precisionInferred = 0
    /// Events placed by their source at the whole country, kept without a point (``ACLEDLocationPrecision/dropCountryPoint(_:)``).
    public var countryLevel = 0
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

    /// A row that cannot be used: rethrown under `--on-error fail`, else counted as rejected with its reason.
    public mutating func reject(_ e: IncidentRowError, policy: OnError) throws {
        if policy == .fail { throw e }
        rejected += 1
        problem(e.description)
    }

    /// Records why a row was rejected.
    public mutating func problem(_ line: @autoclosure () -> String) {
        if problems.count < Self.lineLimit { problems.append(line()) } else { problemsLeftOut += 1 }
    }

    /// Values of non-essential columns that could not be understood, per column (the events were kept).
    public var columnIssues: [ColumnIssue] = []
    /// The columns found in each table read (file → header), for the message when nothing could be kept.
    public var headers: [String: [String]] = [:]

    /// Records a value of `column` that could not be understood; the event is kept (`action` says how).
    public mutating func columnIssue(file: String, column: String, line: Int, value: String, action: String) {
        if let i = columnIssues.firstIndex(where: { $0.file == file && $0.column == column && $0.action == action }) {
            columnIssues[i].count += 1
        } else {
            columnIssues.append(ColumnIssue(file: file, column: column, action: action, count: 1, firstLine: line, example: value))
        }
    }

    public var description: String { "read \(read), kept \(kept), geocoded \(geocoded), rejected \(rejected)" }

    /// The warnings with one line per column issue in front (what an analyst reads first).
    public var allWarnings: [String] {
        columnIssues.map(\.description) + warnings
            + (countryLevel > 0 ? ["\(countryLevel) events placed by their source at the whole country (location = the country, geo_precision 3): kept without a point — in the country's counts, not in a zone's, and left out of point layers"] : [])
    }

    /// The commonest reasons rows were rejected (the reason without file and line), most frequent first.
    public func topReasons(_ n: Int = 3) -> [(reason: String, count: Int)] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for p in problems {
            // `file:line[:column]: reason` → `column: reason`, so the same cause on many lines counts once.
            var general = p.replacingOccurrences(of: #"^.*?(:\d+:|: event [^:]+:)\s*"#, with: "", options: .regularExpression)
            general = general.replacingOccurrences(of: #"'[^']*'"#, with: "'…'", options: .regularExpression)
            if counts[general] == nil { order.append(general) }
            counts[general, default: 0] += 1
        }
        return order.map { ($0, counts[$0]!) }.sorted { $0.1 > $1.1 }.prefix(n).map { $0 }
    }

    /// Why this read is not good enough to go on with, or nil: no event kept from a non-empty input,
    /// or more than half the rows rejected.
    public var failure: String? {
        guard read > 0 else { return nil }
        let why: String
        if kept == 0 { why = "no event kept: all \(read) rows were rejected" }
        else if rejected * 2 > read { why = "\(rejected) of \(read) rows rejected (more than half)" }
        else { return nil }
        let reasons = topReasons().map { "\($0.count)× \($0.reason)" }
        var text = why + (reasons.isEmpty ? "" : "; top reasons: " + reasons.joined(separator: "; "))
        if kept == 0 || rejected * 2 > read {
            // Which files, with which columns, and the flags that fix the usual causes.
            for (file, columns) in headers.sorted(by: { $0.key < $1.key }) {
                let shown = columns.prefix(12).joined(separator: ", ") + (columns.count > 12 ? ", …" : "")
                text += "\n  \(file): columns \(shown)"
                if columns.count == 1, let only = columns.first, only.contains(";") || only.contains("\t") {
                    text += " — one column holding separators: give --delimiter ';' (or tab)"
                }
            }
            text += "\n  name the columns with --columns latitude=COL,longitude=COL,event_date=COL (and --delimiter ';' for a semicolon-separated file)"
        }
        return text
    }

    /// Adds another file's counts and lines to this report.
    public mutating func absorb(_ other: ReadReport) {
        read += other.read
        kept += other.kept
        geocoded += other.geocoded
        rejected += other.rejected
        precisionInferred += other.precisionInferred
        countryLevel += other.countryLevel
        headers.merge(other.headers) { a, _ in a }
        for p in other.problems { problem(p) }
        problemsLeftOut += other.problemsLeftOut
        for w in other.warnings { warn(w) }
        warningsLeftOut += other.warningsLeftOut
        for c in other.columnIssues {
            if let i = columnIssues.firstIndex(where: { $0.file == c.file && $0.column == c.column && $0.action == c.action }) {
                columnIssues[i].count += c.count
            } else { columnIssues.append(c) }
        }
    }
}

/// Values of one column of one file that could not be understood, counted (the events are kept).
public struct ColumnIssue: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let column: String
    /// What was done with the value: e.g. "left empty", "kept as written".
    public let action: String
    public var count: Int
    public let firstLine: Int
    public let example: String

    public var description: String {
        let n = count == 1 ? "1 value" : "\(count.formatted(grouping: true)) values"
        return "\(file): \(column): \(n) not understood (first on line \(firstLine): '\(example.prefix(60))'); \(action), events kept"
    }
}

extension Int {
    /// 4329 → "4,329".
    func formatted(grouping: Bool) -> String {
        let s = String(self.magnitude)
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (self < 0 ? "-" : "") + out
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

    /// `file:line[:column]: reason`; `file: reason` for a problem of the whole file (line 0).
    public var description: String { line == 0 && column == nil ? "\(file): \(reason)" : "\(file):\(line)\(column.map { ":\($0)" } ?? ""): \(reason)" }
}
