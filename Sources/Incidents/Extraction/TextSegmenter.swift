/// Splits text into sentences and words, keeping character offsets.
///
/// Offsets count Characters (grapheme clusters) from the start of the text.
struct TextSegmenter {
    struct Word {
        let text: String
        let start: Int
        let end: Int
        /// The characters between the previous word and this one.
        let gap: String
    }

    struct Sentence {
        let text: String
        let start: Int
        let end: Int
        let words: [Word]
    }

    /// Abbreviations whose final dot does not end a sentence.
    private static let abbreviations: Set<String> = ["u.n", "u.s", "mr", "mrs", "ms", "dr", "st", "ste", "gen", "jan", "feb", "aug",
                                                     "sept", "oct", "nov", "dec", "no", "vs", "etc", "m", "mme", "lt", "col", "sgt"]

    static func sentences(_ text: String) -> [Sentence] {
        let chars = Array(text)
        var out: [Sentence] = []
        var start = 0
        var i = 0
        func flush(_ end: Int) {
            var s = start, e = end
            while s < e, chars[s].isWhitespace { s += 1 }
            while e > s, chars[e - 1].isWhitespace { e -= 1 }
            if e > s { out.append(Sentence(text: String(chars[s..<e]), start: s, end: e, words: words(chars, s, e))) }
            start = end
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\n", i + 1 < chars.count, chars[i + 1] == "\n" { flush(i); i += 2; continue }
            if c == "." || c == "!" || c == "?" {
                // The word before the dot.
                var w = i - 1
                while w >= start, chars[w].isLetter || chars[w] == "." { w -= 1 }
                let before = String(chars[(w + 1)..<i]).lowercased()
                var j = i + 1
                while j < chars.count, chars[j] == "\"" || chars[j] == "”" || chars[j] == "’" || chars[j] == ")" { j += 1 }
                let atEnd = j >= chars.count
                let followedBySpace = !atEnd && chars[j].isWhitespace
                var k = j
                while k < chars.count, chars[k].isWhitespace { k += 1 }
                let nextUpper = k < chars.count && (chars[k].isUppercase || chars[k] == "“" || chars[k] == "\"" || chars[k].isNumber)
                let isAbbrev = c == "." && (abbreviations.contains(before) || (before.count == 1 && chars[max(0, i - 1)].isUppercase))
                if atEnd || (followedBySpace && nextUpper && !isAbbrev) {
                    flush(j)
                    i = j
                    continue
                }
            }
            i += 1
        }
        flush(chars.count)
        return out
    }

    /// Words: runs of letters and digits, with inner apostrophes kept in the gap.
    static func words(_ chars: [Character], _ from: Int, _ to: Int) -> [Word] {
        var out: [Word] = []
        var i = from
        var gapStart = from
        while i < to {
            if chars[i].isLetter || chars[i].isNumber {
                let s = i
                while i < to, chars[i].isLetter || chars[i].isNumber || chars[i] == "%" { i += 1 }
                out.append(Word(text: String(chars[s..<i]), start: s, end: i, gap: String(chars[gapStart..<s])))
                gapStart = i
            } else {
                i += 1
            }
        }
        return out
    }
}
