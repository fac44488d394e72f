/// How `--where` and `--select` find a field a user typed: as written, else the same letters in another case
/// (`Fatalities` for `fatalities`); when neither, the caller names the nearest (`EditDistance.suggestion`).
enum FieldName {
    /// The layer's spelling of `name`, or nil when it has no such field.
    static func resolve(_ name: String, among fields: [String]) -> String? {
        fields.contains(name) ? name : fields.first { $0.lowercased() == name.lowercased() }
    }
}
