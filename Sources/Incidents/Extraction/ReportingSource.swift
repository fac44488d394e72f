import Foundation

/// Who a control statement says reports it: the United Nations by any of its names (English, French, Kreyòl, the
/// acronym "UN" in capitals — never French "un"), else the words after "according to", "selon", "dapre". One rule
/// for numeric and qualitative statements alike.
enum ReportingSource {
    static let unitedNationsNames = ["u.n.", "united nations", "l'onu", "secretary-general", "nations unies", "nasyonzini"]
    static let attributions = ["according to ", "selon ", "dapre "]

    /// `sentence` as written, `lower` the same in lower case.
    static func of(sentence: String, lower: String) -> String? {
        if unitedNationsNames.contains(where: { lower.contains($0) })
            || sentence.range(of: #"\bUN\b"#, options: .regularExpression) != nil {
            return "United Nations"
        }
        for a in attributions {
            if let r = lower.range(of: a) {
                return String(lower[r.upperBound...].prefix { $0 != "," && $0 != "." }).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
