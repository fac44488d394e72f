/// A typed attribute value, as GeoJSON, DBF and GeoPackage can hold it.
public enum PropertyValue: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    /// A calendar day, written as ISO 8601 `YYYY-MM-DD` in GeoJSON and as `D` in DBF.
    case date(CalendarDate)
    case null

    public var isNull: Bool { if case .null = self { true } else { false } }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }

    /// Ints and doubles as a double.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    public var intValue: Int? { if case .int(let i) = self { i } else { nil } }

    public var description: String {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .bool(let b): String(b)
        case .date(let d): d.description
        case .null: "null"
        }
    }
}
