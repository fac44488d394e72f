import Foundation

/// Turns place names into comparable keys, robust to French, Kreyòl and
/// English spellings.
///
/// Steps, in order:
/// 1. Unicode NFKD, combining marks stripped, case folded (so NFC and NFD
///    inputs give the same key: "Mibalè" = "Mibale\u{300}" → `mibale`).
/// 2. Apostrophes (’ ' ʼ ` ´), hyphens and dashes, dots, commas, slashes and
///    underscores become spaces; runs of spaces collapse.
/// 3. `st`, `saint` → `saint`; `ste`, `sainte` → `sainte`.
/// 4. Administrative noise is dropped: leading articles (`le`, `la`, `les`,
///    `l`), `commune de`, `arrondissement de`, `section communale de`,
///    ordinal section prefixes (`3e section`, `1re section de`, `2ème`),
///    and a trailing `commune`.
///
/// ```swift
/// NameNormalizer.key("Pétion-Ville")          // "petion ville"
/// NameNormalizer.key("3e Section Martissant") // "martissant"
/// NameNormalizer.key("St-Marc")               // "saint marc"
/// ```
public enum NameNormalizer {
    /// The comparison key of a name ("" for names with no letters or digits).
    public static func key(_ name: String) -> String {
        let tokens = tokens(name)
        return tokens.joined(separator: " ")
    }

    /// The key's words.
    public static func tokens(_ name: String) -> [String] {
        var words = rawTokens(name)
        // Saint / Sainte abbreviations.
        words = words.map { w in
            switch w {
            case "st", "saint", "sen", "sent": "saint"
            case "ste", "sainte", "stes": "sainte"
            default: w
            }
        }
        return stripNoise(words)
    }

    /// Folded, mark-free words, before any noise is dropped (for matching
    /// patterns in running text).
    public static func rawTokens(_ name: String) -> [String] {
        var out = ""
        out.reserveCapacity(name.utf8.count)
        for scalar in name.decomposedStringWithCompatibilityMapping.unicodeScalars {
            let v = scalar.value
            if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark { continue }
            if v < 0x80 {
                let c = Character(scalar)
                if c.isLetter || c.isNumber { out.append(Character(String(c).lowercased())) } else { out.append(" ") }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                out.append(contentsOf: String(scalar).lowercased())
            } else {
                out.append(" ")  // apostrophes, dashes, other punctuation and symbols
            }
        }
        // Ligatures that NFKD leaves whole.
        return out.replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "æ", with: "ae")
            .replacingOccurrences(of: "ß", with: "ss")
            .split(separator: " ").map(String.init)
    }

    private static let articles: Set<String> = ["le", "la", "les", "l"]
    private static let ordinalSuffixes = ["e", "er", "ere", "re", "eme", "em", "me", "nd", "nde", "ieme"]

    /// `3e`, `1re`, `2eme`, `10ème` (marks already stripped), or a bare number before "section".
    static func isOrdinal(_ w: String) -> Bool {
        let digits = w.prefix { $0.isNumber }
        guard !digits.isEmpty else { return ["premiere", "deuxieme", "troisieme", "quatrieme", "cinquieme", "sixieme", "septieme", "huitieme", "neuvieme", "dixieme"].contains(w) }
        let rest = w.dropFirst(digits.count)
        return rest.isEmpty || ordinalSuffixes.contains(String(rest))
    }

    static func stripNoise(_ input: [String]) -> [String] {
        var w = input
        // "<ordinal> section [communale] [de|des|du]" prefixes.
        if w.count >= 3, isOrdinal(w[0]), w[1] == "section" {
            w.removeFirst(2)
            if w.first == "communale" { w.removeFirst() }
            if w.count > 1, ["de", "du", "d", "des"].contains(w[0]) { w.removeFirst() }
        }
        // "section communale de …", "commune de …", "arrondissement de …", "ville de …", "departement de …".
        for prefix in [["section", "communale"], ["commune"], ["arrondissement"], ["ville"], ["departement"], ["department"], ["city", "of"], ["town", "of"]]
        where w.count > prefix.count && Array(w.prefix(prefix.count)) == prefix {
            w.removeFirst(prefix.count)
            if w.count > 1, ["de", "du", "d", "des", "of"].contains(w[0]) { w.removeFirst() }
            break
        }
        // Trailing "commune" / "department" / "city".
        if w.count > 1, ["commune", "department", "departement", "city"].contains(w.last!) { w.removeLast() }
        // Leading article (not when it is the whole name).
        if w.count > 1, articles.contains(w[0]) { w.removeFirst() }
        return w
    }
}
