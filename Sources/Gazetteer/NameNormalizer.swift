import Foundation
import GeoCore

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
        if let fast = latinKey(name) { return fast }
        return tokens(name).joined(separator: " ")
    }

    /// One pass over a Latin name straight to its key, when no rule beyond
    /// folding applies (no Saint abbreviation, no noise word at either end);
    /// `nil` sends the name through ``tokens(_:)``.
    private static func latinKey(_ name: String) -> String? {
        let capacity = latinKeyCapacity(name)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { out in
            latinKey(name, into: out).map { String(decoding: UnsafeBufferPointer(rebasing: out[0..<$0]), as: UTF8.self) }
        }
    }

    /// Bytes ``latinKey(_:into:)`` may need for `name`.
    static func latinKeyCapacity(_ name: String) -> Int { max(1, 2 * name.utf8.count) }

    /// Writes the key of a Latin name into `out` (at least
    /// ``latinKeyCapacity(_:)`` bytes) and returns its length, or `nil` when
    /// the name needs the full rules. Allocates nothing.
    static func latinKey(_ name: String, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        guard let (n, needsRules) = latinFold(name, into: out), !needsRules else { return nil }
        return n
    }

    /// Writes a Latin name's folded words (lower case, unaccented, one space
    /// between words: the words ``rawTokens(_:)`` gives) into `out` and
    /// returns their length and whether the key needs the full rules (a
    /// Saint abbreviation, a noise word at either end, an ordinal); `nil`
    /// for names outside the Latin fast path. Allocates nothing: the
    /// exact-lookup hot path.
    static func latinFold(_ name: String, into out: UnsafeMutableBufferPointer<UInt8>) -> (Int, Bool)? {
        var count = 0
        var tokenStart = 0
        var firstEnd = -1
        var pendingSpace = false
        var inToken = false
        var needsRules = false
        func tokenIs(_ word: StaticString) -> Bool {
            word.utf8CodeUnitCount == count - tokenStart
                && memcmp(out.baseAddress! + tokenStart, word.utf8Start, word.utf8CodeUnitCount) == 0
        }
        func endToken() {
            if tokenIs("st") || tokenIs("ste") || tokenIs("stes") || tokenIs("sen") || tokenIs("sent") { needsRules = true }
            if firstEnd < 0 { firstEnd = count }
        }
        for scalar in name.unicodeScalars {
            let v = scalar.value
            var letter: UInt8 = 0
            var second: UInt8 = 0
            if v < 0x80 {
                let b = UInt8(v)
                switch b {
                case 0x41...0x5A: letter = b + 32
                case 0x61...0x7A, 0x30...0x39: letter = b
                default: break
                }
            } else if v >= 0xC0 && v < 0x180 {
                let folded = latinFoldPacked[Int(v - 0xC0)]
                if folded == 0 { return nil }
                letter = UInt8(folded & 0xFF)
                second = UInt8(folded >> 8)
            } else if v == 0x2019 || v == 0x2018 || v == 0x02BC || v == 0xB4 || v == 0x2013 || v == 0x2014 || v == 0xA0 || v == 0xAB || v == 0xBB {
                letter = 0
            } else {
                return nil
            }
            if letter == 0 {
                if inToken { endToken(); inToken = false; pendingSpace = true }
                continue
            }
            if !inToken {
                if pendingSpace && count > 0 { out[count] = 0x20; count += 1 }
                tokenStart = count
                inToken = true
            }
            out[count] = letter; count += 1
            if second != 0 { out[count] = second; count += 1 }
        }
        if inToken { endToken() }
        guard count > 0 else { return (0, false) }
        // Noise words at either end, or an ordinal first word: use the full rules.
        var lastStart = 0
        for i in stride(from: count - 1, through: 0, by: -1) where out[i] == 0x20 { lastStart = i + 1; break }
        if lastStart > 0 {
            let first = UnsafeBufferPointer(rebasing: out[0..<firstEnd]), last = UnsafeBufferPointer(rebasing: out[lastStart..<count])
            if first[0] >= 0x30 && first[0] <= 0x39 { return (count, true) }
            for word in noiseBytes where word.elementsEqual(first) || word.elementsEqual(last) { return (count, true) }
            for word in ordinalBytes where word.elementsEqual(first) { return (count, true) }
        }
        return (count, needsRules)
    }

    /// The key's words.
    public static func tokens(_ name: String) -> [String] {
        keyWords(repaired: repairSection(rawTokens(name)))
    }

    /// What matching needs of one query, each derived once: its key, its
    /// section ordinal and its squeezed form (``rawTokens(_:)`` joined with
    /// nothing between them). The same as ``key(_:)``, ``sectionOrdinal(_:)``
    /// and `rawTokens(name).joined()` one by one, which would fold the name
    /// four times over.
    struct QueryForms {
        let key: String
        let ordinal: Int?
        let squeezed: String
        /// The repaired words as written (``repairSection(_:)`` of ``rawTokens(_:)``); only made when the
        /// name has a section ordinal (otherwise empty).
        var repaired: [String] = []
    }

    static func forms(_ name: String) -> QueryForms {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: formsCapacity(name)) { out in
            let fold = latinFold(name, into: out)
            return forms(name, folded: out, fold)
        }
    }

    /// Bytes ``forms(_:folded:_:)`` needs for `name`.
    static func formsCapacity(_ name: String) -> Int { 2 * latinKeyCapacity(name) }

    /// ``forms(_:)`` from `name`'s fold already written into `out` (``formsCapacity(_:)`` bytes) by
    /// ``latinFold(_:into:)``, which returned `fold`.
    static func forms(_ name: String, folded out: UnsafeMutableBufferPointer<UInt8>, _ fold: (Int, Bool)?) -> QueryForms {
        // Most queries are Latin names that need no rule and have no digit in their first word: then the folded
        // words are the key, there is no ordinal (not even a garbled one), and no word array is built.
        // A Latin name that needs the rules ("3e Section …") has its raw words and squeezed form from the same fold.
        if let (n, needsRules) = fold {
            let words = UnsafeBufferPointer(rebasing: out[0..<n])
            var m = n
            for b in words where b != 0x20 { out[m] = b; m += 1 }
            let squeezed = String(decoding: UnsafeBufferPointer(rebasing: out[n..<m]), as: UTF8.self)
            var firstWordHasDigit = false
            for b in words { if b == 0x20 { break }; if b >= 0x30 && b <= 0x39 { firstWordHasDigit = true; break } }
            guard needsRules || firstWordHasDigit else {
                return QueryForms(key: String(decoding: words, as: UTF8.self), ordinal: nil, squeezed: squeezed)
            }
            let raw = words.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
            let repaired = repairSection(raw)
            let ordinal = sectionOrdinal(repaired: repaired)
            // Without a rule to apply, the folded words are the key even when the first holds a digit.
            return QueryForms(key: needsRules ? keyWords(repaired: repaired).joined(separator: " ") : String(decoding: words, as: UTF8.self),
                              ordinal: ordinal, squeezed: squeezed, repaired: ordinal == nil ? [] : repaired)
        }
        let raw = rawTokens(name)
        let repaired = repairSection(raw)
        let ordinal = sectionOrdinal(repaired: repaired)
        return QueryForms(key: keyWords(repaired: repaired).joined(separator: " "), ordinal: ordinal, squeezed: raw.joined(),
                          repaired: ordinal == nil ? [] : repaired)
    }

    /// The key's words from a name's repaired raw words (``repairSection(_:)``).
    static func keyWords(repaired: [String]) -> [String] {
        var words = repaired
        // Saint / Sainte abbreviations.
        for k in words.indices {
            switch words[k] {
            case "st", "sen", "sent": words[k] = "saint"
            case "ste", "stes": words[k] = "sainte"
            default: break
            }
        }
        // Most names carry no noise words: skip the rules then.
        guard words.count > 1, noiseWords.contains(words[0]) || noiseWords.contains(words[words.count - 1]) || isOrdinal(words[0]) else {
            return words
        }
        return stripNoise(words)
    }

    private static let noiseBytes: [[UInt8]] = noiseWords.map { Array($0.utf8) }
    private static let ordinalBytes: [[UInt8]] = ordinalWords.map { Array($0.utf8) }
    /// Ordinals written as words, first to tenth (marks stripped).
    private static let ordinalWordList = ["premiere", "deuxieme", "troisieme", "quatrieme", "cinquieme", "sixieme",
                                          "septieme", "huitieme", "neuvieme", "dixieme"]
    private static let ordinalWords = Set(ordinalWordList)

    /// Words that can start or end administrative noise.
    private static let noiseWords: Set<String> = [
        "le", "la", "les", "l", "section", "commune", "arrondissement", "ville", "departement", "department", "city", "town",
    ]

    /// Folded, mark-free words, before any noise is dropped (for matching
    /// patterns in running text).
    public static func rawTokens(_ name: String) -> [String] {
        if let ascii = asciiTokens(name) { return ascii }
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

    /// Fast path for Latin names (ASCII and Latin-1/Latin Extended-A letters,
    /// the accents of French and Kreyòl): letters folded to unaccented lower
    /// case through a table, digits kept, everything else a separator.
    /// Other scripts (and combining marks) return `nil` for the Unicode path.
    private static func asciiTokens(_ name: String) -> [String]? {
        var tokens: [String] = []
        var current: [UInt8] = []
        for scalar in name.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let b = UInt8(v)
                switch b {
                case 0x41...0x5A: current.append(b + 32)
                case 0x61...0x7A, 0x30...0x39: current.append(b)
                default:
                    if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
                }
            } else if v >= 0xC0 && v < 0x180, let folded = latinFold[Int(v - 0xC0)] {
                current.append(contentsOf: folded)
            } else if v == 0x2019 || v == 0x2018 || v == 0x02BC || v == 0xB4 || v == 0x2013 || v == 0x2014 || v == 0xA0 || v == 0xAB || v == 0xBB {
                if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
            } else {
                return nil
            }
        }
        if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
        return tokens
    }

    /// U+00C0…U+017F folded to ASCII lower case (nil: not a letter, use the Unicode path).
    private static let latinFold: [[UInt8]?] = (0xC0..<0x180).map { v -> [UInt8]? in
        guard let scalar = Unicode.Scalar(v), scalar.properties.isAlphabetic else { return nil }
        let folded = String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars
            .filter { $0.properties.generalCategory != .nonspacingMark }
            .map { String($0).lowercased() }.joined()
        let special: [UInt32: String] = [0xC6: "ae", 0xE6: "ae", 0x152: "oe", 0x153: "oe", 0xDF: "ss", 0xD8: "o", 0xF8: "o", 0xD0: "d", 0xF0: "d",
                                         0xDE: "th", 0xFE: "th", 0x110: "d", 0x111: "d", 0x141: "l", 0x142: "l", 0x131: "i", 0x126: "h", 0x127: "h"]
        let text = special[UInt32(v)] ?? folded
        let bytes = Array(text.utf8)
        return bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) } && !bytes.isEmpty ? bytes : nil
    }

    /// ``latinFold`` packed for the allocation-free path: first byte in the
    /// low 8 bits, the optional second (æ → ae) in the next 8; 0 = not a letter.
    private static let latinFoldPacked: [UInt16] = latinFold.map { bytes in
        guard let bytes, bytes.count <= 2 else { return 0 }
        return UInt16(bytes[0]) | (bytes.count > 1 ? UInt16(bytes[1]) << 8 : 0)
    }

    private static let articles: Set<String> = ["le", "la", "les", "l"]
    private static let ordinalSuffixes: [String] = ["e", "er", "ere", "re", "eme", "em", "me", "nd", "nde", "ieme"]
    private static let ordinalSuffixBytes: [[UInt8]] = ordinalSuffixes.map { Array($0.utf8) }
    private static let linkWords: Set<String> = ["de", "du", "d", "des"]
    private static let linkWordsEnglish: Set<String> = ["de", "du", "d", "des", "of"]
    private static let noisePrefixes: [[String]] = [["section", "communale"], ["commune"], ["arrondissement"], ["ville"], ["departement"],
                                                    ["department"], ["city", "of"], ["town", "of"]]
    private static let trailingNoise: Set<String> = ["commune", "department", "departement", "city"]

    /// The number of a section communale named with its ordinal ("3e Section
    /// Martissant" → 3, "Première section de X" → 1), or nil. The key drops
    /// the ordinal (so "Martissant" finds the section); ranking uses it to
    /// tell apart same-named sections ("1re" and "3e Section Montagne Noire").
    public static func sectionOrdinal(_ name: String) -> Int? {
        sectionOrdinal(repaired: repairSection(rawTokens(name)))
    }

    /// ``sectionOrdinal(_:)`` from a name's repaired raw words.
    static func sectionOrdinal(repaired words: [String]) -> Int? {
        guard words.count >= 3, words[1] == "section", isOrdinal(words[0]) else { return nil }
        let w = words[0]
        let digits = w.utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
        if digits > 0 { return Int(String(Substring(w.utf8.prefix(digits)))) }
        return ordinalWordList.firstIndex(of: w).map { $0 + 1 }
    }

    /// Typing slips in section names, repaired so the noise rules still see
    /// "<ordinal> section": a misspelt `section` after an ordinal ("1re
    /// Sectio", "3e Setion"), and `section` glued to a neighbour ("2eSection
    /// Bellevue", "6e SectionBoulmier", "4 eSection").
    static func repairSection(_ input: [String]) -> [String] {
        guard let first = input.first, first.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) || ordinalWords.contains(first) else { return input }
        var w = input
        let section = sectionBytes
        // A garbled ordinal before "section" ("e8", "3eo", "r1e", "2ee", "1r") → "8e", "3e", "1e", "2e", "1e".
        if w.count >= 2, !isOrdinal(w[0]), let n = garbledOrdinal(w[0]),
           w[1] == "section" || w[1].hasPrefix("section") || EditDistance.bounded(Array(w[1].utf8), section, bound: 1) != nil {
            w[0] = "\(n)e"
        }
        // "2esection" → "2e" "section"
        if w[0].utf8.count > section.count, case let head = Array(w[0].utf8), let at = (1...(head.count - section.count)).first(where: { head[$0..<($0 + section.count)].elementsEqual(section) }),
           isOrdinal(String(decoding: head[..<at], as: UTF8.self)) {
            let rest = String(decoding: head[(at + section.count)...], as: UTF8.self)
            w.replaceSubrange(0...0, with: [String(decoding: head[..<at], as: UTF8.self), "section"] + (rest.isEmpty ? [] : [rest]))
        }
        guard w.count >= 2 else { return w }
        // "4" "esection" → "4" "section"; "1re" "sectio" → "1re" "section"
        if w[1] != "section", isOrdinal(w[0]), w[1].utf8.count >= 5 {
            if w[1].hasPrefix("section") {
                w.replaceSubrange(1...1, with: ["section", String(w[1].dropFirst(7))])
            } else if let d = EditDistance.bounded(Array(w[1].utf8), section, bound: 1), d == 1 {
                w[1] = "section"
            }
        }
        return w
    }

    private static let sectionBytes = Array("section".utf8)

    /// A number of one or two digits in a short word of letters around it
    /// ("e8", "3eo", "r1e"): an ordinal with a typing slip.
    static func garbledOrdinal(_ w: String) -> Int? {
        let u = Array(w.utf8)
        guard u.count <= 4, let start = u.firstIndex(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let end = u[start...].firstIndex { !($0 >= 0x30 && $0 <= 0x39) } ?? u.count
        guard end - start <= 2, !u[end...].contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
              u.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) }) else { return nil }
        return Int(String(decoding: u[start..<end], as: UTF8.self)).flatMap { (1...20).contains($0) ? $0 : nil }
    }

    /// `3e`, `1re`, `2eme`, `10ème` (marks already stripped), or a bare number before "section".
    static func isOrdinal(_ w: String) -> Bool {
        let digits = w.utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
        guard digits > 0 else { return ordinalWords.contains(w) }
        guard digits < w.utf8.count else { return true }
        let suffix = w.utf8.dropFirst(digits)
        return ordinalSuffixBytes.contains { $0.elementsEqual(suffix) }
    }

    static func stripNoise(_ input: [String]) -> [String] {
        var w = input
        // "<ordinal> section [communale] [de|des|du]" prefixes.
        if w.count >= 3, isOrdinal(w[0]), w[1] == "section" {
            w.removeFirst(2)
            if w.first == "communale" { w.removeFirst() }
            if w.count > 1, linkWords.contains(w[0]) { w.removeFirst() }
        }
        // "section communale de …", "commune de …", "arrondissement de …", "ville de …", "departement de …".
        for prefix in noisePrefixes where w.count > prefix.count && w.starts(with: prefix) {
            w.removeFirst(prefix.count)
            if w.count > 1, linkWordsEnglish.contains(w[0]) { w.removeFirst() }
            break
        }
        // Trailing "commune" / "department" / "city".
        if w.count > 1, trailingNoise.contains(w.last!) { w.removeLast() }
        // Leading article (not when it is the whole name).
        if w.count > 1, articles.contains(w[0]) { w.removeFirst() }
        return w
    }
}
