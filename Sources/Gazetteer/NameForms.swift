import Foundation

/// Forms of a place name the gazetteer compares beside its key (``NameNormalizer/key(_:)``): the words as written,
/// the letters squeezed together, whether it can name a section.
enum NameForms {
    /// A name's folded words as written, without a section's "<ordinal> section" (compared by ``sectionOrdinal``).
    static func literalWords(_ name: String) -> [String] {
        literalWords(repaired: NameNormalizer.repairSection(NameNormalizer.rawTokens(name)))
    }

    /// ``literalWords(_:)`` from a name's repaired raw words.
    static func literalWords(repaired w: [String]) -> [String] {
        w.count > 2 && w[1] == "section" && NameNormalizer.isOrdinal(w[0]) ? Array(w.dropFirst(2)) : w
    }

    /// A name's folded letters and digits with nothing between them.
    static func compactForm(_ name: String) -> String { NameNormalizer.rawTokens(name).joined() }

    /// "section" in any case (only such names can have a section ordinal).
    static func mentionsSection(_ name: String) -> Bool {
        let u = Array(name.utf8)
        let word = Array("section".utf8)
        guard u.count >= word.count else { return false }
        for i in 0...(u.count - word.count) where (u[i] | 0x20) == word[0] {
            var k = 1
            while k < word.count && (u[i + k] | 0x20) == word[k] { k += 1 }
            if k == word.count { return true }
        }
        return false
    }
}
