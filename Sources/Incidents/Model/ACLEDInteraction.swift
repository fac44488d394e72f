/// ACLED's actor categories in every vintage of its exports.
///
/// Older exports write `inter1`/`inter2` as numbers 1–8 and `interaction` as
/// the two codes joined, smaller first (`37`, `13`; `60` for protesters
/// alone). Current exports (2024–) write the category words instead:
/// `inter1` = `Political militia`, `interaction` = `Political militia-Civilians`
/// or `Protesters only`. Both are read into the numeric codes, which is what
/// IncidentMap keeps and exports (the words are ``ACLEDTaxonomy/interNames``).
public enum ACLEDInteraction {
    /// Category word (lower-case, singular and plural) → inter code.
    static let codeByWord: [String: Int] = [
        "state forces": 1, "state force": 1,
        "rebel group": 2, "rebel groups": 2,
        "political militia": 3, "political militias": 3,
        "identity militia": 4, "identity militias": 4,
        "rioters": 5, "rioter": 5,
        "protesters": 6, "protester": 6,
        "civilians": 7, "civilian": 7,
        "external/other forces": 8, "external/other force": 8, "external forces": 8, "other forces": 8,
    ]

    /// The inter code of `text`: a number 0–8 or a category word (any case). `nil` when neither.
    public static func interCode(_ text: String) -> Int? {
        let t = text.trimmingBlanks()
        if let n = Int(t), (0...8).contains(n) { return n }
        if let d = Double(t), let n = Int(exactly: d), (0...8).contains(n) { return n }
        return codeByWord[t.lowercased()]
    }

    /// An `interaction` value: the actor categories it names (first, second) and its numeric code.
    public struct Parsed: Equatable, Sendable {
        public let first: Int?
        public let second: Int?
        public let code: Int

        public init(first: Int?, second: Int?, code: Int) {
            self.first = first
            self.second = second
            self.code = code
        }
    }

    /// Parses `37`, `60`, `Political militia-Civilians`, `Protesters only`,
    /// `External/Other forces only`, `State forces-Political militia`. `nil` when the text is none of these.
    public static func parse(_ text: String) -> Parsed? {
        let t = text.trimmingBlanks()
        if let n = Int(t) ?? Double(t).flatMap({ Int(exactly: $0) }) {
            // Two digits: the two codes (smaller first); x0: one actor alone.
            guard (0...88).contains(n) else { return nil }
            let a = n / 10, b = n % 10
            guard (0...8).contains(a) else { return nil }
            return Parsed(first: a == 0 ? nil : a, second: b == 0 ? nil : b, code: n)
        }
        let lower = t.lowercased()
        if lower.hasSuffix(" only") {
            guard let a = codeByWord[String(lower.dropLast(5)).trimmingCharacters(in: [" "])] else { return nil }
            return Parsed(first: a, second: nil, code: a * 10)
        }
        // The category words hold no '-', so the first '-' with a category on both sides splits them.
        var i = lower.startIndex
        while let dash = lower[i...].firstIndex(of: "-") {
            let left = String(lower[..<dash]).trimmingCharacters(in: [" "])
            let right = String(lower[lower.index(after: dash)...]).trimmingCharacters(in: [" "])
            if let a = codeByWord[left], let b = codeByWord[right] {
                return Parsed(first: a, second: b, code: ACLEDTaxonomy.interaction(a, b)!)
            }
            i = lower.index(after: dash)
        }
        if let a = codeByWord[lower] { return Parsed(first: a, second: nil, code: a * 10) }
        return nil
    }
}
