import Foundation
import GeoCore

/// A filter over a feature's fields, in the small SQL subset ogr2ogr's `-where` accepts:
///
///     event_type = 'Battles' AND fatalities > 0
///     admin2 IN ('North', 'South') OR NOT (actor1 LIKE '%police%')
///     event_date >= '2025-01-01' AND notes IS NOT NULL
///
/// Comparisons `= == != <> < <= > >=`, `[NOT] IN (…)`, `[NOT] LIKE` (`%` any run, `_` one character; case-insensitive,
/// as OGR's), `[NOT] BETWEEN a AND b`, `IS [NOT] NULL`, `AND`, `OR`, `NOT`, parentheses. Keywords in any case; a field
/// is a bare name or a "double-quoted" one, text is 'single-quoted' ('' for a quote). Numbers compare as numbers,
/// dates as ISO text, anything else as text; a comparison with a null is false (SQL's rule). Field names are checked
/// against the layer's when parsed, with a suggestion for a misspelt one.
public struct FieldExpression: Sendable, CustomStringConvertible {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let expression: String
        public let offset: Int
        public let reason: String
        public var description: String {
            "--where: \(reason) at character \(offset + 1) of \"\(expression)\""
        }
    }

    indirect enum Node: Sendable {
        case field(String)
        case text(String)
        case number(Double)
        case null
        case compare(Node, Comparison, Node)
        case isNull(Node, negated: Bool)
        case inList(Node, [Node], negated: Bool)
        case like(Node, String, negated: Bool)
        case and(Node, Node)
        case or(Node, Node)
        case not(Node)
    }

    enum Comparison: String, Sendable { case eq = "=", ne = "<>", lt = "<", le = "<=", gt = ">", ge = ">=" }

    let root: Node
    public let description: String

    /// Parses `text`; every field it names must be one of `fields` (when given), else the error suggests the nearest.
    public init(_ text: String, fields: [String]? = nil) throws {
        var p = Parser(text: text, fields: fields)
        root = try p.parseExpression()
        try p.expectEnd()
        description = text
    }

    /// Whether the feature passes the filter.
    public func matches(_ feature: Feature) -> Bool { Self.truth(root, feature) == true }

    // MARK: evaluation (three-valued, as SQL: nil is unknown)

    private enum Value { case number(Double), text(String), null }

    private static func value(_ n: Node, _ f: Feature) -> Value {
        switch n {
        case .field(let name):
            switch f[name] ?? .null {
            case .null: return .null
            case .int(let i): return .number(Double(i))
            case .double(let d): return .number(d)
            case .bool(let b): return .number(b ? 1 : 0)
            case .string(let s): return .text(s)
            case .date(let d): return .text(d.description)
            }
        case .text(let s): return .text(s)
        case .number(let d): return .number(d)
        case .null: return .null
        default: return truth(n, f).map { .number($0 ? 1 : 0) } ?? .null
        }
    }

    private static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.null, _), (_, .null): return nil
        case (.number(let x), .number(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.number(let x), .text(let t)), (.text(let t), .number(let x)):
            // A number against text that reads as a number compares numerically; else as text.
            if let y = Double(t.trimmingCharacters(in: .whitespaces)) {
                let (l, r) = if case .number = a { (x, y) } else { (y, x) }
                return l < r ? -1 : (l > r ? 1 : 0)
            }
            let l = if case .number = a { NumberText.format(x) } else { t }
            let r = if case .number = a { t } else { NumberText.format(x) }
            return l < r ? -1 : (l > r ? 1 : 0)
        case (.text(let x), .text(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        }
    }

    private static func truth(_ n: Node, _ f: Feature) -> Bool? {
        switch n {
        case .compare(let l, let op, let r):
            guard let c = compare(value(l, f), value(r, f)) else { return nil }
            switch op {
            case .eq: return c == 0
            case .ne: return c != 0
            case .lt: return c < 0
            case .le: return c <= 0
            case .gt: return c > 0
            case .ge: return c >= 0
            }
        case .isNull(let x, let negated):
            let isNull = if case .null = value(x, f) { true } else { false }
            return isNull != negated
        case .inList(let x, let list, let negated):
            let v = value(x, f)
            if case .null = v { return nil }
            var sawNull = false
            for item in list {
                switch compare(v, value(item, f)) {
                case 0?: return !negated
                case nil: sawNull = true
                default: break
                }
            }
            return sawNull ? nil : negated
        case .like(let x, let pattern, let negated):
            guard case .text(let s) = value(x, f) else {
                if case .number(let d) = value(x, f) { return like(NumberText.format(d), pattern) != negated }
                return nil
            }
            return like(s, pattern) != negated
        case .and(let l, let r):
            let a = truth(l, f), b = truth(r, f)
            if a == false || b == false { return false }
            return a == true && b == true ? true : nil
        case .or(let l, let r):
            let a = truth(l, f), b = truth(r, f)
            if a == true || b == true { return true }
            return a == false && b == false ? false : nil
        case .not(let x): return truth(x, f).map { !$0 }
        case .field, .text, .number, .null:
            switch value(n, f) {
            case .null: return nil
            case .number(let d): return d != 0
            case .text(let s): return !s.isEmpty
            }
        }
    }

    /// SQL LIKE, case-insensitive: `%` any run of characters, `_` exactly one.
    static func like(_ text: String, _ pattern: String) -> Bool {
        let s = Array(text.lowercased()), p = Array(pattern.lowercased())
        var i = 0, j = 0, star = -1, mark = 0
        while i < s.count {
            if j < p.count, p[j] == "_" || p[j] == s[i] { i += 1; j += 1 }
            else if j < p.count, p[j] == "%" { star = j; mark = i; j += 1 }
            else if star >= 0 { j = star + 1; mark += 1; i = mark }
            else { return false }
        }
        while j < p.count, p[j] == "%" { j += 1 }
        return j == p.count
    }
}

/// Numbers as the writers print them (integers without ".0").
enum NumberText {
    static func format(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }
}
