import Foundation

/// The rules that read control statements in English, French and Kreyòl: numeric ("90% of the capital is now under
/// gang control", ``numeric``) and in words ("gangs control Cité Soleil", ``qualitative``), with the words that make
/// a statement a past one. One value per country: its armed groups' names (a profile's `armed-groups`) are read as
/// the subject of a statement in words, beside the generic "gangs", "armed groups", "the … alliance".
struct ControlStatementRules: Sendable {
    let qualitative: [Pattern]

    /// `armedGroups`: lower-case names, e.g. a profile's `armed-groups`.
    init(armedGroups: [String]) {
        let names = armedGroups.filter { !$0.isEmpty }.map {
            NSRegularExpression.escapedPattern(for: $0).replacingOccurrences(of: " ", with: #"\s+"#)
        }
        qualitative = Self.qualitativePatterns(armedGroups: names.map { "|" + $0 }.joined())
    }

    /// The numeric statements' patterns (the same in every country).
    var numeric: [Pattern] { Self.patterns }

    /// A pattern of a numeric control statement and where its share and place are.
    struct Pattern: @unchecked Sendable {
        let regex: NSRegularExpression
        let share: Int
        let place: Int
        /// Words (lower case) one of which a sentence must hold for the pattern to be tried: a substring test costs
        /// far less than the regex engine's scan, and most sentences hold none of them.
        let needs: [[UInt8]]
        init(_ pattern: String, share: Int, place: Int, needs: [String] = []) {
            // A statement may run over a line break ("… 75% of the⏎capital is now under …").
            regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive, .dotMatchesLineSeparators])
            self.share = share
            self.place = place
            self.needs = needs.map { Array($0.utf8) }
        }

        /// Whether the sentence (lower case, UTF-8) can match at all. A plain byte search: Foundation's
        /// `String.contains` took a quarter of the time on a 1.5 MB line.
        func mayMatch(_ lower: [UInt8]) -> Bool {
            needs.isEmpty || needs.contains { Self.holds(lower, $0) }
        }

        static func holds(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
            guard let first = needle.first, hay.count >= needle.count else { return needle.isEmpty }
            return hay.withUnsafeBufferPointer { h in
                needle.withUnsafeBufferPointer { n in
                    var i = 0
                    let last = h.count - n.count
                    while i <= last {
                        if h[i] == first {
                            var k = 1
                            while k < n.count && h[i + k] == n[k] { k += 1 }
                            if k == n.count { return true }
                        }
                        i += 1
                    }
                    return false
                }
            }
        }
    }

    /// Numbers: "90%", "90 %", "90 percent", French "80,5 %".
    private static let pct = #"(\d+(?:[.,]\d+)?)\s?(?:%|percent|per cent|pour cent|pousan)"#
    /// What every pattern holding `pct` needs in the sentence.
    private static let pctWords = ["%", "percent", "per cent", "pour cent", "pousan"]
    private static let about = #"(?:an\s+estimated\s+|estimated\s+|up\s+to\s+|about\s+|around\s+|some\s+|nearly\s+|almost\s+|an alarming\s+|approximately\s+|roughly\s+|more than\s+|over\s+|environ\s+|près\s+de\s+|plus\s+de\s+|quelque\s+|apeprè\s+|prèske\s+)?"#
    private static let armed = #"(?:gangs?|armed groups?|criminal groups?|armed gangs?|groupes?\s+armés|bandes?\s+armées|gangs?\s+armés|gang(?:\s+yo)?|gwoup\s+ame(?:\s+yo)?)"#
    private static let placeEnd = #"(?=[,.;:]|\s+and\s+|\s+et\s+|\s+where\s+|\s+où\s+|$)"#

    // Every open-ended group of the patterns below is bounded ({1,120} characters before a verb, {1,160} for a place):
    // an unbounded lazy group at the start of a pattern ("([^,.;:]+?) fell under …") made the regex engine rescan the
    // rest of the sentence from every position — 69 s on a 1.5 MB line of one town's name — where a bound keeps each
    // pattern linear in the sentence (docs/reliability.md).
    static let patterns: [Pattern] = [
        // "90% of the capital is now under gang control", "75% of the⏎capital is now under the control of armed
        // groups"
        Pattern(pct + #"\s+of\s+(.{1,160}?)\s+(?:is|are|was|were|remains?|now)\s+(?:now\s+|still\s+|currently\s+|effectively\s+|firmly\s+)?(?:under\s+(?:the\s+)?(?:control|domination|sway|grip)\s+of|under|controlled\s+by|in\s+the\s+hands\s+of|held\s+by)\s+(?:the\s+)?(?:\w+\s+)?"# + armed, share: 1, place: 2, needs: pctWords),
        // "gangs (already) control 85% of the capital", "armed groups held 80% of the city"
        Pattern(#"(?:"# + armed + #"|they)\s+(?:now\s+|already\s+|reportedly\s+|still\s+|effectively\s+)?(?:have\s+|has\s+)?(?:control|controls|controlled|hold|holds|held|dominate|dominates|taken\s+over|took\s+over|seized|taken\s+control\s+of|took\s+control\s+of)\s+"# + about + pct + #"\s+of\s+(.{1,160}?)"# + placeEnd, share: 1, place: 2, needs: pctWords),
        // "were previously estimated to control 80% of the capital", "believed to hold 60% of …"
        Pattern(#"(?:estimated|said|believed|thought|reported|understood)\s+to\s+(?:control|hold|dominate)\s+"# + about + pct + #"\s+of\s+(.{1,160}?)"# + placeEnd, share: 1, place: 2, needs: pctWords),
        // "controlling 85% of the capital", "hold sway over approximately 85% of the city"
        Pattern(#"(?:controlling|control of|sway over|grip on)\s+"# + about + pct + #"\s+of\s+(.{1,160}?)"# + placeEnd, share: 1, place: 2, needs: pctWords),
        // French: "80 % de la capitale est sous la domination des groupes armés", "… sous le contrôle des gangs"
        Pattern(pct + #"\s+(?:de\s+la|du|des|de|d')\s*(.{1,160}?)\s+(?:est|sont|serait|seraient|était|étaient|reste|restent|se\s+trouve|se\s+trouvent|demeure|demeurent)\s+(?:désormais\s+|toujours\s+|actuellement\s+|aujourd'hui\s+|déjà\s+)?(?:sous|aux\s+mains|entre\s+les\s+mains|contrôlée?s?\s+par)\s+(?:le\s+contrôle|la\s+domination|l'emprise|la\s+coupe|l'autorité)?\s*(?:des|de|du|d')?\s*"# + armed, share: 1, place: 2, needs: pctWords),
        // French: "les gangs contrôlent 80 % de la capitale"
        Pattern(armed + #"\s+(?:contrôlent|contrôleraient|contrôlaient|contrôle|dominent|tiennent|occupent)\s+(?:désormais\s+|déjà\s+|actuellement\s+)?"# + about + pct + #"\s+(?:de\s+la|du|des|de|d')\s*(.{1,160}?)"# + placeEnd, share: 1, place: 2, needs: pctWords),
        // Kreyòl: "gang yo kontwole 80% kapital la", "80% Pòtoprens anba kontwòl gang yo"
        Pattern(armed + #"\s+(?:kontwole|kontwòle|kenbe|domine)\s+"# + about + pct + #"\s+(?:nan\s+|de\s+)?(.{1,160}?)"# + placeEnd, share: 1, place: 2, needs: pctWords),
        Pattern(pct + #"\s+(?:nan\s+|de\s+)?(.{1,160}?)\s+(?:anba\s+kontwòl|anba\s+kontwol|anba\s+men|nan\s+men)\s+"# + armed, share: 1, place: 2, needs: pctWords),
    ]

    static let cityWords = ["the city", "the town", "la ville", "vil la"]

    /// The mention of the commune an article names most (the first named among equals).
    static func mostNamedCommune(_ mentions: [PlaceMention]) -> PlaceMention? {
        var counts: [String: Int] = [:]
        for m in mentions { if let c = m.commune { counts[c, default: 0] += 1 } }
        guard let top = counts.values.max() else { return nil }
        return mentions.first { $0.commune.map { counts[$0] == top } ?? false }
    }

    /// Words that make a statement a past estimate rather than today's ("previously estimated", "auparavant").
    static let pastMarkers = ["previously", "formerly", "earlier estimate", "had been", "used to", "last year", "auparavant",
                              "précédemment", "l'an dernier", "l'année dernière", "anvan"]

    /// Control said in words: "gangs control Cité Soleil", "Solino fell under the control of the
    /// alliance", "gunmen seized control of the town", "les gangs contrôlent Martissant", "gang yo kontwole Bel Air".
    /// The place must be one the sentence names (or, for "the town", the one place it names); the class is the
    /// state's when the police or the army took it, else the gangs' when the sentence names them.
    static func qualitativePatterns(armedGroups: String) -> [Pattern] { [
        Pattern(#"(?:gangs?|armed groups?|gunmen|bandits|the\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:gang|alliance|coalition)"# + armedGroups + #")\s+(?:has\s+|have\s+|had\s+)?(?:now\s+|already\s+|effectively\s+|still\s+|largely\s+|fully\s+)?(?:control|controls|controlled|hold|holds|held|run|runs)\s+(?!\d|about|around|some|nearly|almost|approximately|roughly|more|over|an\s|the\s+(?:area|roads?|streets?|entrances?|exits?)\b)(.{1,160}?)"# + placeEnd, share: 0, place: 1, needs: ["control", "hold", "held", "run"]),
        Pattern(#"([^,.;:]{1,120}?)\s+(?:fell|has\s+fallen|had\s+fallen|came|has\s+come|is\s+now|is|was)\s+(?:now\s+|entirely\s+|largely\s+|fully\s+)?under\s+(?:the\s+)?(?:control|grip)\s+of\s+(?:the\s+)?[^,.;]{0,40}?(?:gangs?|alliance|coalition|armed groups?)"#, share: 0, place: 1, needs: ["under"]),
        Pattern(#"(?:seized|took|taken|seize|take|gained|wrested|retook|regained)\s+control\s+of\s+(.{1,160}?)"# + placeEnd, share: 0, place: 1, needs: ["control"]),
        Pattern(#"(?:gangs?|groupes?\s+armés|bandes?\s+armées|bandits)\s+(?:contrôlent|contrôlaient|contrôle|tiennent|occupent)\s+(?!\d|environ|près|plus)(.{1,160}?)"# + placeEnd, share: 0, place: 1, needs: ["contrôl", "tiennent", "occupent"]),
        // French: "Cabaret est tombée sous le contrôle des gangs", "… est passé sous la coupe des groupes armés"
        Pattern(#"([^,.;:]{1,120}?)\s+(?:est|sont|était|étaient)\s+(?:désormais\s+|aujourd'hui\s+|déjà\s+)?(?:tombée?s?\s+|passée?s?\s+)?(?:désormais\s+)?sous\s+(?:le\s+contrôle|la\s+coupe|la\s+domination|l'emprise)\s+(?:des|de|du|d')\s*[^,.;]{0,40}?(?:gangs?|groupes?\s+armés|bandes?\s+armées|bandits|coalition)"#, share: 0, place: 1, needs: ["sous"]),
        Pattern(#"(?:pris|prennent|prend|repris)\s+le\s+contrôle\s+(?:de\s+la|du|des|de|d')\s*(.{1,160}?)"# + placeEnd, share: 0, place: 1, needs: ["contrôle"]),
        Pattern(#"(?:gang(?:\s+yo)?|bandi(?:\s+yo)?)\s+(?:kontwole|kontwòle|pran\s+kontwòl)\s+(?!\d)(.{1,160}?)"# + placeEnd, share: 0, place: 1, needs: ["kontwol", "kontwòl"]),
    ] }
}
