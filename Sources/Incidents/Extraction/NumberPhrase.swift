/// Numbers as news write them: digits (`500`, `1,660`), words (`two`,
/// `twelve`, `deux`), and vague amounts (`dozens`, `hundreds`, `thousands`),
/// with the qualifier before them (`over`, `more than`, `at least`, `nearly`).
enum NumberPhrase {
    static let words: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
        "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "douze": 12,
        "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100,
    ]
    static let vague: [String: Int] = ["dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "dizaines": 20,
                                       "centaines": 200, "milliers": 2000]

    /// A number starting at word `i`: its value, qualifier, and the index after it.
    static func parse(_ ws: [TextSegmenter.Word], at i: Int) -> (count: ReportedCount, next: Int)? {
        guard i < ws.count else { return nil }
        let w = ws.map(\.text)
        let lower = w[i].lowercased()
        var qualifier = "exact"
        var value: Int?
        var next = i + 1
        if let v = Int(lower.filter { $0 != "," }), !lower.contains("%") {
            value = v
            // "1,660" is tokenised as 1 + 660 by the word splitter: rejoin thousands groups.
            while next < w.count, w[next].count == 3, let tail = Int(w[next]), ws[next].gap == "," { value = value! * 1000 + tail; next += 1 }
        } else if let v = words[lower] {
            value = v
            if next < w.count, let unit = words[w[next].lowercased()], unit < 10, v >= 20 { value = v + unit; next += 1 }
        } else if let v = vague[lower] {
            value = v
            qualifier = "approximate"
        }
        guard let v = value else { return nil }
        // Qualifier words before the number.
        let before = (max(0, i - 2)..<i).map { w[$0].lowercased() }.joined(separator: " ")
        if qualifier == "exact" {
            if before.hasSuffix("more than") || before.hasSuffix("over") || before.hasSuffix("plus de") || before.hasSuffix("upwards of") { qualifier = "over" }
            else if before.hasSuffix("at least") || before.hasSuffix("au moins") { qualifier = "at least" }
            else if before.hasSuffix("nearly") || before.hasSuffix("almost") || before.hasSuffix("about") || before.hasSuffix("around")
                        || before.hasSuffix("some") || before.hasSuffix("roughly") || before.hasSuffix("approximately") || before.hasSuffix("près de")
                        || before.hasSuffix("environ") || before.hasSuffix("estimated") { qualifier = "about" }
            else if before.hasSuffix("up to") { qualifier = "up to" }
        }
        return (ReportedCount(v, qualifier: qualifier), next)
    }
}
