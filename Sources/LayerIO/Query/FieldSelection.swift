import Foundation
import GeoCore

/// The columns to keep, in the order given (`--select event_date,event_type,fatalities`, as ogr2ogr's `-select`).
/// Names are checked against the layer's when parsed, with a suggestion for a misspelt one; the feature id and
/// geometry are always kept.
public struct FieldSelection: Sendable, Equatable {
    public struct UnknownField: Error, Equatable, CustomStringConvertible {
        public let field: String
        public let suggestion: String?
        public let fields: [String]
        public init(field: String, suggestion: String?, fields: [String]) {
            self.field = field
            self.suggestion = suggestion
            self.fields = fields
        }
        public var description: String {
            "--select: no field '\(field)'\(suggestion.map { "; did you mean \($0)?" } ?? "") (fields: \(fields.joined(separator: ", ")))"
        }
    }

    public let names: [String]

    /// `list`: names separated by commas (blanks around them ignored); `fields`: the layer's fields.
    public init(_ list: String, fields: [String]) throws {
        var names: [String] = []
        for raw in list.split(separator: ",") {
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            if let known = FieldName.resolve(name, among: fields) { names.append(known); continue }
            throw UnknownField(field: name, suggestion: EditDistance.suggestion(for: name, among: fields), fields: fields)
        }
        self.names = names
    }

    /// The feature with only the selected properties, in the selection's order (absent ones null).
    public func apply(_ f: Feature) -> Feature {
        var out = f
        out.properties = names.map { Property($0, f[$0] ?? .null) }
        return out
    }
}
