/// Splits text into sentences and words, keeping character offsets.
///
/// Offsets count Characters (grapheme clusters) from the start of the text.
struct TextSegmenter {
    struct Word: Sendable {
        let text: String
        let start: Int
        let end: Int
        /// The characters between the previous word and this one.
        let gap: String
    }

    struct Sentence: Sendable {
        let text: String
        let start: Int
        let end: Int
        let words: [Word]
    }

    /// Abbreviations whose final dot does not end a sentence.
    private static let abbreviations: Set<String> = ["u.n", "u.s", "mr", "mrs", "ms", "dr", "st", "ste", "gen", "jan", "feb", "aug",
                                                     "sept", "oct", "nov", "dec", "no", "vs", "etc", "m", "mme", "lt", "col", "sgt"]

    /// The most words a sentence holds: a longer run (scraped pages, PDFs turned into text and OCR output often come
    /// as one unpunctuated line) is cut into pieces of at most this many words, at a comma or semicolon where one is
    /// near the end of the piece, else between two words separated by white space. Every later stage works within a
    /// sentence, so the extractor's time is linear in the text whatever its shape. Real sentences are far shorter
    /// (the longest in the test articles has 93 words).
    static let maxWords = 200
    /// The most characters a piece spans (200 words of 12 letters): pieces are also cut here, so that a run of long
    /// words or of punctuation between two words never gives a later stage (the control-statement patterns are
    /// regular expressions) more than this to scan.
    static let maxChars = 2_400
    /// The most letters a word holds: a longer run of letters (no language has one; a scraped page can) is cut into
    /// words of this length.
    static let maxWordCharacters = 64

    static func sentences(_ text: String) -> [Sentence] {
        let chars = Array(text)
        // Character offset → String.Index, so pieces of the text are copied as bytes rather than rebuilt by character.
        let positions = Array(text.indices) + [text.endIndex]
        func slice(_ a: Int, _ b: Int) -> String { String(text[positions[a]..<positions[b]]) }
        var out: [Sentence] = []
        var start = 0
        var i = 0
        func flush(_ end: Int) {
            var s = start, e = end
            while s < e, isWhitespace(chars[s]) { s += 1 }
            while e > s, isWhitespace(chars[e - 1]) { e -= 1 }
            if e > s { append(s, e, words(chars, s, e, slice)) }
            start = end
        }
        func append(_ s: Int, _ e: Int, _ ws: [Word]) {
            guard ws.count > maxWords || e - s > maxChars else {
                out.append(Sentence(text: slice(s, e), start: s, end: e, words: ws))
                return
            }
            var from = 0
            while from < ws.count {
                // The most words from `from` that fit in maxWords words and maxChars characters (at least one word:
                // a word is never longer than maxWordCharacters).
                var limit = from + 1
                while limit < ws.count, limit - from < maxWords, ws[limit].end - ws[from].start <= maxChars { limit += 1 }
                // The piece ends before word `cut`: a comma or semicolon in the last quarter, else a plain space.
                var cut = limit
                if limit < ws.count {
                    let window = stride(from: limit, to: from + max(1, (limit - from) * 3 / 4), by: -1)
                    cut = window.first { k in ws[k].gap.contains { $0 == "," || $0 == ";" || $0 == ":" } }
                        ?? window.first { k in ws[k].gap.allSatisfy(\.isWhitespace) } ?? limit
                }
                // The sentence's own start and end where they are close to its words (quotes, a final dot), not a
                // long run of punctuation.
                let pieceStart = from == 0 && ws[0].start - s <= 16 ? s : ws[from].start
                let pieceEnd = cut == ws.count && e - ws[cut - 1].end <= 16 ? e : ws[cut - 1].end
                let words = from == 0 && cut == ws.count ? ws : piece(ws[from..<cut])
                out.append(Sentence(text: slice(pieceStart, pieceEnd), start: pieceStart, end: pieceEnd, words: words))
                from = cut
            }
        }
        // The first word of a piece has no gap before it, as the first word of a sentence.
        func piece(_ ws: ArraySlice<Word>) -> [Word] {
            var p = Array(ws)
            if let f = p.first { p[0] = Word(text: f.text, start: f.start, end: f.end, gap: "") }
            return p
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\n", i + 1 < chars.count, chars[i + 1] == "\n" { flush(i); i += 2; continue }
            if c == "." || c == "!" || c == "?" {
                // The word before the dot.
                // (Looking back at most 16 characters: a run of "a.a.a.a…" must not be rescanned at every dot.)
                var w = i - 1
                while w >= start, w >= i - 16, isLetter(chars[w]) || chars[w] == "." { w -= 1 }
                let before = slice(w + 1, i).lowercased()
                var j = i + 1
                while j < chars.count, chars[j] == "\"" || chars[j] == "”" || chars[j] == "’" || chars[j] == ")" { j += 1 }
                let atEnd = j >= chars.count
                let followedBySpace = !atEnd && isWhitespace(chars[j])
                var k = j
                while k < chars.count, isWhitespace(chars[k]) { k += 1 }
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

    // Character properties with an ASCII fast path (most characters of any article): Character's own properties look
    // up Unicode tables for every character, a tenth of a long extraction's time.
    @inline(__always) static func isLetter(_ c: Character) -> Bool {
        if let a = c.asciiValue { return (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A }
        return c.isLetter
    }

    @inline(__always) static func isAlphanumeric(_ c: Character) -> Bool {
        if let a = c.asciiValue { return (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A || (a >= 0x30 && a <= 0x39) }
        return c.isLetter || c.isNumber
    }

    /// Unicode White_Space among ASCII characters: tab, line feed, vertical tab, form feed, carriage return, space.
    @inline(__always) static func isWhitespace(_ c: Character) -> Bool {
        if let a = c.asciiValue { return a == 0x20 || (a >= 0x09 && a <= 0x0D) }
        return c.isWhitespace
    }

    /// Words: runs of letters and digits, with inner apostrophes kept in the gap.
    static func words(_ chars: [Character], _ from: Int, _ to: Int, _ slice: (Int, Int) -> String) -> [Word] {
        var out: [Word] = []
        var i = from
        var gapStart = from
        while i < to {
            if isAlphanumeric(chars[i]) {
                let s = i
                while i < to, i - s < maxWordCharacters, isAlphanumeric(chars[i]) || chars[i] == "%" { i += 1 }
                out.append(Word(text: slice(s, i), start: s, end: i, gap: slice(gapStart, s)))
                gapStart = i
            } else {
                i += 1
            }
        }
        return out
    }
}

extension TextSegmenter {
    /// Words that open a clause telling another event ("…, while hundreds of students marched in Cap-Haïtien").
    static let clauseOpeners: Set<String> = ["while", "whereas", "meanwhile", "tandis", "pandan"]

    /// A sentence cut into clauses that each tell an event of their own: at ", while" / ", tandis que" / ", alors que"
    /// and at semicolons, where the words on both sides hold an event (`hasEvent` over the folded words). A sentence
    /// with one event, or none, is returned whole.
    static func clauses(_ s: Sentence, folded: [String], hasEvent: ([String]) -> Bool) -> [Sentence] {
        guard s.words.count > 3 else { return [s] }
        var cuts: [Int] = []
        for k in 1..<s.words.count {
            let gap = s.words[k].gap
            let opener = clauseOpeners.contains(folded[k]) || (folded[k] == "alors" && k + 1 < folded.count && folded[k + 1] == "que")
            if (opener && gap.contains(",")) || gap.contains(";") { cuts.append(k) }
        }
        guard !cuts.isEmpty else { return [s] }
        // Word ranges; a range without an event joins the one before it (or the next, for the first).
        var ranges: [Range<Int>] = zip([0] + cuts, cuts + [s.words.count]).map { $0..<$1 }
        var k = 0
        while k < ranges.count && ranges.count > 1 {
            if hasEvent(Array(folded[ranges[k]])) { k += 1; continue }
            if k > 0 {
                ranges[k - 1] = ranges[k - 1].lowerBound..<ranges[k].upperBound
            } else {
                ranges[1] = ranges[0].lowerBound..<ranges[1].upperBound
            }
            ranges.remove(at: k)
        }
        guard ranges.count > 1 else { return [s] }
        let chars = Array(s.text)
        return ranges.enumerated().map { i, r in
            let start = i == 0 ? s.start : s.words[r.lowerBound].start
            let end = i == ranges.count - 1 ? s.end : s.words[r.upperBound - 1].end
            var words = Array(s.words[r])
            if i > 0 { words[0] = Word(text: words[0].text, start: words[0].start, end: words[0].end, gap: "") }
            return Sentence(text: String(chars[(start - s.start)..<(end - s.start)]), start: start, end: end, words: words)
        }
    }
}
