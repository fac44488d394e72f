import Foundation
import GeoCore
import Gazetteer
import Zones

/// Extracts place mentions, incidents and control statements from news text
/// (English or French) with transparent rules.
///
/// - Places: word sequences that start and end with a capital letter are
///   looked up exactly (accent- and case-tolerant, aliases included) in the
///   gazetteer, longest first; places outside the profile's country (countries, large world
///   cities) are listed apart; nationalities and words after a personal
///   title (President, Mayor …) are not places.
/// - Incidents: one per event described. A sentence with a trigger word
///   (attacked, marched, clashed …) starts an event; following sentences that
///   add triggers but name no new place extend it (counts, flags). The type
///   follows ``EventRules``; actors come from the actor table; numbers from
///   ``NumberPhrase``; dates from ``DateResolver``. An event with no place in
///   the country is kept at country precision (geo_precision 3, no coordinates, no
///   invented commune).
/// - Control statements: "N% of PLACE is under gang control", "gangs control
///   N% of PLACE", with the reporting source and date.
public struct TextExtractor: Sendable {
    public let gazetteer: Gazetteer
    public let actors: ActorTable
    public let world: [String: (name: String, code: String)]
    /// The country the events are written in (ACLED's country, iso and region fields; its generic actors' names).
    public let country: ExtractionCountry
    /// The control statements' rules, with the country's armed groups.
    let controlRules: ControlStatementRules

    /// The largest article read (16 MiB; a news article is a few kilobytes): extraction is linear, but takes about
    /// 80 bytes of memory per byte of text that has no sentence ends (docs/reliability.md). Larger is refused.
    public static let maxTextBytes = 16 << 20

    /// Why the article at `path` is not read, or nil: larger than ``maxTextBytes`` (checked before reading).
    public static func sizeProblem(path: String) -> String? {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxTextBytes else { return nil }
        return "\(size >> 20) MiB of text, over the \(maxTextBytes >> 20) MiB an article may have (split it into articles)"
    }

    public init(gazetteer: Gazetteer, actors: ActorTable, worldPlacesPath: String?, country: ExtractionCountry) throws {
        self.gazetteer = gazetteer
        self.actors = actors
        self.country = country
        controlRules = ControlStatementRules(armedGroups: country.armedGroups)
        var world: [String: (String, String)] = [:]
        if let worldPlacesPath {
            guard let text = try? String(contentsOfFile: worldPlacesPath, encoding: .utf8) else {
                throw IncidentRowError(file: worldPlacesPath, line: 0, column: nil, reason: "cannot read the world places list")
            }
            for line in text.split(separator: "\n").dropFirst() {
                let f = line.split(separator: "\t").map(String.init)
                if f.count >= 3 { world[NameNormalizer.rawTokens(f[0]).joined(separator: " ")] = (f[0], f[2]) }
            }
        }
        for (alias, name, code) in [("u s", "United States", "US"), ("usa", "United States", "US"), ("dr", "Dominican Republic", "DO"),
                                    ("republique dominicaine", "Dominican Republic", "DO"), ("etats unis", "United States", "US")] {
            world[alias] = (name, code)
        }
        self.world = world
        communeIDs = Set(gazetteer.zoneSet?.layers.first { $0.level == .adm2 }?.zones.map(\.id) ?? [])
        worldFirstWords = Set(world.keys.compactMap { $0.split(separator: " ").first.map(String.init) })
    }

    /// The ids of the commune level's zones (events are told apart by commune; ``PlaceMention/commune``'s level).
    let communeIDs: Set<String>

    /// The first words of ``world``'s keys: a span starting otherwise is not looked up there.
    private let worldFirstWords: Set<String>

    static let titles: Set<String> = ["president", "prime", "minister", "mr", "mrs", "ms", "mayor", "senator", "general", "gen", "pastor",
                                      "father", "sister", "dr", "judge", "commissioner", "spokesman", "spokesperson", "chief", "leader",
                                      "secretary", "ambassador", "deputy", "depute", "maire", "pere", "soeur"]
    static let demonyms: Set<String> = ["haitian", "haitians", "kenyan", "kenyans", "dominican", "dominicans", "american", "americans",
                                        "canadian", "french", "jamaican", "bahamian", "salvadoran", "guatemalan", "belizean", "chadian",
                                        "bangladeshi", "beninese", "haitien", "haitienne", "haitiens", "kenyan", "dominicain", "dominicaine"]
    /// Lower-case words allowed inside a place name.
    /// The connectors that bind a name to the next word as one longer name ("Vallée de Bourdon").
    static let genitives: Set<String> = ["de", "du", "des", "d'", "d’"]

    static let connectors: Set<String> = ["de", "du", "des", "la", "le", "les", "au", "aux", "a", "à", "d", "l", "en", "sur", "et"]
    /// Capitalised words that are never places on their own.
    static let stopwords: Set<String> = ["the", "on", "in", "since", "however", "during", "with", "over", "after", "before", "he", "she",
                                         "they", "we", "it", "a", "an", "but", "and", "at", "by", "for", "of", "to", "this", "that",
                                         "haiti", "haïti", "ayiti", "mission", "police", "le", "la", "les", "un", "une", "des", "selon",
                                         "est", "west", "north", "south", "east"]

    /// A text cut into sentences and words: the first stage of ``extract(text:file:reportDate:sourceURL:)``, which
    /// needs neither the gazetteer nor the actor table (a caller may cut a long text while the gazetteer is built).
    public struct SegmentedText: Sendable {
        let sentences: [TextSegmenter.Sentence]
    }

    /// The first stage, on its own (see ``SegmentedText``).
    public static func segment(_ text: String) -> SegmentedText { SegmentedText(sentences: TextSegmenter.sentences(text)) }

    public func extract(text: String, file: String, reportDate: CalendarDate?, sourceURL: String? = nil) -> Extraction {
        extract(Self.segment(text), file: file, reportDate: reportDate, sourceURL: sourceURL)
    }

    /// The places, control statements and events of a text cut by ``segment(_:)``, in three stages: the places of
    /// every sentence (``placesBySentence(_:file:)``), then sentence by sentence the control statements and the
    /// events (an ``EventAssembly`` follows the event being told), then events told twice merged (``EventCoreference``).
    public func extract(_ segmented: SegmentedText, file: String, reportDate: CalendarDate?, sourceURL: String? = nil) -> Extraction {
        let sentences = segmented.sentences
        let placesBySentence = placesBySentence(sentences, file: file)
        var mentions: [PlaceMention] = []
        var outside: [PlaceMention] = []
        var unknown: [PlaceMention] = []
        var control: [ControlObservation] = []
        var events = EventAssembly(extractor: self, file: file, reportDate: reportDate, sourceURL: sourceURL)
        var unit = -1  // the running index of event clauses (a sentence may tell two events)
        for (sentenceIndex, sentence) in sentences.enumerated() {
            let (sentencePlaces, abroad) = placesBySentence[sentenceIndex]
            mentions += sentencePlaces
            outside += abroad.filter { !$0.isUnknown }
            unknown += abroad.filter(\.isUnknown)
            let numeric = controlStatements(sentence, index: sentenceIndex, file: file, reportDate: reportDate, mentions: sentencePlaces,
                                            article: mentions)
            control += numeric
            if numeric.isEmpty { control += qualitativeStatements(sentence, file: file, reportDate: reportDate, mentions: sentencePlaces) }
            let sentenceFolded = sentence.words.map { NameNormalizer.rawTokens($0.text).first ?? "" }
            let clauses = TextSegmenter.clauses(sentence, folded: sentenceFolded) { !EventRules.flags($0).intersection(.event).isEmpty }
            for s in clauses {
                unit += 1
                let folded = clauses.count == 1 ? sentenceFolded : s.words.map { NameNormalizer.rawTokens($0.text).first ?? "" }
                let here = clauses.count == 1 ? sentencePlaces : sentencePlaces.filter { $0.span.start >= s.start && $0.span.end <= s.end }
                events.read(clause: s, index: unit, folded: folded, places: here)
            }
        }
        var incidents = events.finished()
        incidents = EventCoreference(communes: communeIDs, umbrellas: country.umbrellas).merge(incidents)
        var out = Extraction(file: file, reportDate: reportDate, mentions: mentions, outside: outside, incidents: incidents, control: control)
        out.unknownPlaces = unknown
        if !events.unresolvedDates.isEmpty {
            out.warnings.append("\(file): \(events.unresolvedDates.count) incident\(events.unresolvedDates.count == 1 ? "" : "s") left undated: relative dates (\(Array(Set(events.unresolvedDates)).sorted().prefix(3).map { "'\($0)'" }.joined(separator: ", "))) need the report's date (give --date YYYY-MM-DD)")
        }
        return out
    }

    /// The first stage after segmenting: the places of every sentence (in the country, and abroad), homonyms then
    /// settled by the article's other places. Long texts (hundreds of sentences) are read on every core, in runs of
    /// sentences each with its own memo.
    func placesBySentence(_ sentences: [TextSegmenter.Sentence], file: String) -> [([PlaceMention], [PlaceMention])] {
        let run = sentences.count < 128 ? sentences.count : max(32, sentences.count / (4 * ProcessInfo.processInfo.activeProcessorCount))
        let runs = stride(from: 0, to: sentences.count, by: max(1, run)).map { $0..<min(sentences.count, $0 + max(1, run)) }
        var placesBySentence = runs.parallelMap(chunk: 1) { r in
            var memo: [String: GeocodeResult] = [:]
            return r.map { places(in: sentences[$0], index: $0, file: file, memo: &memo) }
        }.flatMap { $0 }
        Self.settleHomonyms(&placesBySentence)
        return placesBySentence
    }

    /// The event's place among a clause's places: one named right after an event word ("attacked Mirebalais", "ont
    /// envahi Saut-d'Eau", "atake Mibalè"), else the first that is not a reference, an origin or where someone spoke
    /// from; "à Wharf Jérémie, dans la commune de Cité Soleil": the commune the text says the place is in.
    static func eventPlace(_ s: TextSegmenter.Sentence, folded: [String], places here: [PlaceMention]) -> PlaceMention? {
        let afterTrigger = here.first { m in
            guard let k = s.words.firstIndex(where: { $0.start == m.span.start }) else { return false }
            return (max(0, k - 2)..<k).contains { !EventRules.flags([folded[$0]]).intersection(.event).isEmpty }
        }
        var location = afterTrigger ?? here.first { m in
            // Not "northeast of the capital"-style references, not places only named as origins ("from Canaan"),
            // not where someone spoke from ("a police spokesman in the capital said", "speaking in …"), not
            // where a group is based ("active around Canaan", "based in the capital").
            guard let k = s.words.firstIndex(where: { $0.start == m.span.start }) else { return true }
            let before = k > 0 ? folded[k - 1] : ""
            let twoBefore = k > 1 ? folded[k - 2] : ""
            if ["in", "a", "depuis", "nan", "around", "out"].contains(before), speakers.contains(twoBefore) { return false }
            // "the commune of Cité Soleil", "la prison de Croix-des-Bouquets": the place itself.
            if ["of", "de", "d"].contains(before), placeNouns.contains(twoBefore) { return true }
            return !["of", "from", "de", "near", "pres"].contains(before)
        } ?? here.first { m in
            // Only a place someone spoke from: the event has no place of its own in this sentence.
            guard let k = s.words.firstIndex(where: { $0.start == m.span.start }), k > 1 else { return true }
            return !(["in", "a", "depuis", "nan", "around", "out"].contains(folded[k - 1]) && speakers.contains(folded[k - 2]))
        }
        if let m = location, let end = s.words.firstIndex(where: { $0.end >= m.span.end }) {
            let next = folded[(end + 1)..<min(folded.count, end + 7)]
            if let c = next.firstIndex(of: "commune"), c + 1 < folded.count, ["of", "de", "d"].contains(folded[c + 1]), c + 2 < s.words.count,
               let stated = here.first(where: { $0.span.start == s.words[c + 2].start }), stated.commune != nil {
                location = stated
            }
        }
        return location
    }

    /// The incident at the mention's place (a hotspot resolved to its zone, "Pont-Sondé" → commune Saint-Marc, keeps
    /// its own name, at zone precision).
    func move(_ inc: inout Incident, to m: PlaceMention) {
        guard let c = m.coordinate else { return }
        let viaZone = country.pcodePrefix.map { m.placeID?.hasPrefix($0) == true } == true && NameNormalizer.key(m.text) != NameNormalizer.key(m.name)
        inc.location = viaZone ? m.text : m.name
        inc.latitude = c.latitude
        inc.longitude = c.longitude
        inc.geoPrecision = viaZone ? 2 : gazetteerKindPrecision(m)
        inc.zoneChain = m.zones.map(\.pcode)
        inc.admin1 = country.admin(1, in: m.zones)
        inc.admin2 = country.admin(2, in: m.zones)
        inc.admin3 = country.admin(3, in: m.zones)
        inc.confidence = 0.8
    }

    /// Nouns after which "of X" / "de X" names the place itself ("the town of Mirebalais", "la commune de Cité Soleil").
    static let placeNouns: Set<String> = ["commune", "town", "city", "village", "neighbourhood", "neighborhood", "district", "prison",
                                          "station", "hospital", "market", "department", "ville", "quartier", "localite", "departement",
                                          "commissariat", "region", "area", "suburb", "outskirts", "penitentiary", "centre", "center"]

    /// Event nouns that, after a determiner, name the event told before ("the attack", "l'assaut", "this massacre").
    static let anaphoricNouns: Set<String> = ["attack", "attacks", "assault", "raid", "massacre", "killings", "killing", "kidnapping",
                                              "attaque", "assaut", "incendie", "violence", "clashes", "affrontements", "atak", "jailbreak",
                                              "shooting", "fighting", "tuerie", "massacres"]
    static let determiners: Set<String> = ["the", "this", "that", "these", "those", "its", "l", "cette", "cet", "ce", "ces", "la", "le", "les"]

    /// Whether every event word of the sentence names an event already told ("It was unclear whether the police had
    /// expected the attack"): then the sentence adds to that event and starts none.
    static func onlyAnaphoric(_ folded: [String]) -> Bool {
        var masked = folded
        var any = false
        for k in folded.indices.dropFirst() where anaphoricNouns.contains(folded[k]) && determiners.contains(folded[k - 1]) {
            masked[k] = ""
            any = true
        }
        return any && EventRules.flags(masked).intersection(.event).isEmpty
    }

    /// Whether the mention names a place within the incident's (a commune of the area its place stands for), or the
    /// incident has no place of its own.
    func refines(_ m: PlaceMention, _ inc: Incident) -> Bool {
        guard let here = EventCoreference(communes: communeIDs).commune(inc) else { return true }
        guard let there = m.commune else { return false }
        return country.umbrellas[here]?.contains(there) == true
    }

    /// Words that put an event in the past of the report ("last year", "the anniversary of …").
    static let backgroundPhrases: [[String]] = [["last", "year"], ["a", "year", "after"], ["years", "ago"], ["year", "ago"],
                                                ["anniversary"], ["anniversaire"], ["an", "dernier"], ["annee", "derniere"],
                                                ["ane", "pase"], ["l", "an", "passe"]]
    /// Words that make a count a period's total ("in 2024", "this year", "since January").
    static let periodWords: Set<String> = ["year", "years", "since", "so", "annee", "depuis", "months", "mois", "ane"]

    /// "background" for an event before the report's time (dated over a month before it, or told as "last year",
    /// "the anniversary of", "in 2023"), "aggregate" for a period's statistic ("gangs killed more than 5,600 people in
    /// 2024"); nil for an event of the report.
    static func backgroundOrAggregate(_ folded: [String], incident inc: Incident, reportDate: CalendarDate?) -> String? {
        // (Not the displaced: one attack can drive thousands from their homes — "the attack on Kenscoff has left more
        // than 1,660 people displaced".)
        let counts = [inc.killed, inc.injured, inc.abducted].compactMap { $0?.value }
        let years = folded.indices.compactMap { k -> Int? in
            guard k > 0, ["in", "en", "of", "since", "depuis", "nan"].contains(folded[k - 1]), let y = Int(folded[k]), (1900...2100).contains(y) else { return nil }
            return y
        }
        let period = !years.isEmpty || folded.contains { periodWords.contains($0) }
        if let top = counts.max(), top >= 1_000 || (top >= 100 && period) { return "aggregate" }
        if let r = reportDate {
            // "since June": a period running to the report — its totals, not one event.
            if let end = inc.extra.first(where: { $0.name == "date_end" }), end.value == .date(r),
               let d = inc.eventDate, r.daysSinceEpoch - d.daysSinceEpoch > 31 { return "aggregate" }
            if let d = inc.eventDate, r.daysSinceEpoch - d.daysSinceEpoch > 31 { return "background" }
            if years.contains(where: { $0 < r.year }) { return "background" }
        }
        for p in backgroundPhrases where p.count <= folded.count {
            for i in 0...(folded.count - p.count) where folded[i] == p[0] && folded[i..<(i + p.count)].elementsEqual(p) { return "background" }
        }
        return nil
    }

    private func gazetteerKindPrecision(_ m: PlaceMention) -> Int {
        // A department or the country itself is region precision (3); another zone or a town, 1; a place known only
        // by name and point, 2.
        guard !m.zones.isEmpty else { return 2 }
        let level = m.zones.first { $0.pcode == m.placeID }?.level
        return level == .adm0 || level == .adm1 ? 3 : 1
    }

    // MARK: Places

    /// `memo`: the article's lookups so far by the words as written (a text repeats its places: each is looked up once).
    private func places(in s: TextSegmenter.Sentence, index: Int, file: String, memo: inout [String: GeocodeResult]) -> ([PlaceMention], [PlaceMention]) {
        let w = s.words
        var taken = [Bool](repeating: false, count: w.count)
        var here: [PlaceMention] = []
        var abroad: [PlaceMention] = []
        // Per word, once: capitalised, a number, its folded tokens.
        let upper = w.map { $0.text.first?.isUppercase == true }
        let number = w.map { $0.text.first?.isNumber == true }
        let tokens = w.map { NameNormalizer.rawTokens($0.text) }
        func capital(_ k: Int) -> Bool { upper[k] || number[k] && k > 0 && capital(k - 1) }
        func joinable(_ k: Int) -> Bool {
            // The gap before word k may join it to the previous word: a space, hyphen or apostrophe only.
            let g = w[k].gap
            return g.count <= 2 && g.allSatisfy { $0 == " " || $0 == "-" || $0 == "'" || $0 == "’" || $0 == "‑" }
        }
        // The sentence's character positions, so a span's text is cut out in time proportional to its length.
        let positions = Array(s.text.indices) + [s.text.endIndex]
        for length in stride(from: min(6, w.count), through: 1, by: -1) {
            guard w.count >= length else { continue }
            for start in 0...(w.count - length) {
                let end = start + length - 1
                if (start...end).contains(where: { taken[$0] }) { continue }
                guard capital(start), capital(end) else { continue }
                if length > 1, !(start + 1...end).allSatisfy(joinable) { continue }
                if (start...end).contains(where: { !capital($0) && !Self.connectors.contains(w[$0].text.lowercased()) }) { continue }
                let folded = (start...end).flatMap { tokens[$0] }
                if length == 1, Self.stopwords.contains(folded.first ?? "") || Self.demonyms.contains(folded.first ?? "") { continue }
                if start > 0, Self.titles.contains(tokens[start - 1].first ?? "") { continue }
                let chars = TextSpan(file: file, start: w[start].start, end: w[end].end)
                let surface = String(s.text[positions[w[start].start - s.start]..<positions[w[end].end - s.start]])
                if let first = folded.first, worldFirstWords.contains(first), let (name, code) = world[folded.joined(separator: " ")] {
                    abroad.append(PlaceMention(text: surface, span: chars, sentence: index, placeID: nil, name: name, coordinate: nil, zones: [], countryCode: code))
                    for k in start...end { taken[k] = true }
                    continue
                }
                // A name followed by "de/du/des" and a capitalised word is the start of a longer name ("Vallée de
                // Bourdon", a quartier, is not La Vallée): unless the whole is known (matched above, longest first), it is
                // an unknown place — listed, never cut to the known name inside it.
                if end + 2 < w.count, Self.genitives.contains(w[end + 1].text.lowercased()), joinable(end + 1), joinable(end + 2), capital(end + 2) {
                    // The words after it are a known place ("Commune de Mirebalais", "Vallée de Jacmel"): that place is
                    // the mention, this head only describes it.
                    if taken[end + 2] { continue }
                    var last = end + 2
                    while last + 1 < w.count, capital(last + 1), joinable(last + 1), !taken[last + 1] { last += 1 }
                    let tail = String(s.text[positions[w[end + 2].start - s.start]..<positions[w[last].end - s.start]])
                    let tailResult = memo[tail] ?? gazetteer.lookup(tail, options: .init(exactOnly: true))
                    memo[tail] = tailResult
                    if let t = tailResult.match, t.quality >= 0.98, t.place.kind != .village || Self.locativeCue(before: start, words: w) { continue }
                    let whole = String(s.text[positions[w[start].start - s.start]..<positions[w[last].end - s.start]])
                    var unknown = PlaceMention(text: whole, span: TextSpan(file: file, start: w[start].start, end: w[last].end), sentence: index,
                                               placeID: nil, name: whole, coordinate: nil, zones: [], countryCode: nil)
                    unknown.isUnknown = true
                    abroad.append(unknown)
                    for k in start...last { taken[k] = true }
                    continue
                }
                // Single capitalised words glued to a longer capitalised run are names of people or bodies ("Jean Massillon").
                if length == 1 {
                    let prevCap = start > 0 && capital(start - 1) && joinable(start)
                    let nextCap = end + 1 < w.count && capital(end + 1) && joinable(end + 1)
                    // "Jean Baptiste" is a person even at the start of a sentence; "In Bellevue" is a place.
                    if prevCap && !(start - 1 == 0 && Self.stopwords.contains(NameNormalizer.rawTokens(w[0].text).first ?? "")) { continue }
                    if nextCap && !Self.placeFollowers.contains(NameNormalizer.rawTokens(w[end + 1].text).first ?? "") { continue }
                }
                let r: GeocodeResult
                if let known = memo[surface] {
                    r = known
                } else {
                    r = gazetteer.lookup(surface, options: .init(exactOnly: true))
                    memo[surface] = r
                }
                guard let m = r.match, m.quality >= 0.98 else { continue }
                // A village known only by name and point (thousands of them, many named like people: Jean, Louis,
                // Moïse, Henry) counts in running text only where the words before it say a place follows.
                let villageAllowed = Self.locativeCue(before: start, words: w)
                if m.place.kind == .village, !villageAllowed { continue }
                var mention = PlaceMention(text: surface, span: chars, sentence: index, placeID: m.place.id, name: m.place.name,
                                           coordinate: m.place.coordinate, zones: m.zones, countryCode: country.iso2)
                if r.ambiguous {
                    // Every place the name fits about as well, for the article's context to choose from.
                    let all = gazetteer.lookup(surface, options: .init(alternatives: 200, exactOnly: true))
                    mention.ambiguous = true
                    mention.candidates = ([m] + all.alternatives).filter { $0.rank > m.rank - 0.03 && ($0.place.kind != .village || villageAllowed) }
                        .map { PlaceMention.Candidate(placeID: $0.place.id, name: $0.place.name, coordinate: $0.place.coordinate, zones: $0.zones) }
                }
                here.append(mention)
                for k in start...end { taken[k] = true }
            }
        }
        return (here.sorted { $0.span.start < $1.span.start }, abroad.sorted { $0.span.start < $1.span.start })
    }

    /// Words that say a place name follows: "in", "near", "the village of", "à", "nan" (Kreyòl), "localité de".
    static let locatives: Set<String> = ["in", "at", "near", "into", "around", "outside", "village", "villages", "hamlet", "locality", "localities",
                                         "area", "town", "neighbourhood", "neighborhood", "community", "zone", "quartier", "localite", "habitation",
                                         "a", "au", "pres", "vers", "nan", "lan", "bo", "kote", "lokalite", "katye", "dans", "commune"]

    /// Whether the words before word `start` say a place follows ("in Bois Neuf", "the village of Gros Morne",
    /// "localité de Platon", "nan Solino"), skipping one connector ("of", "de", "du", "la").
    static func locativeCue(before start: Int, words w: [TextSegmenter.Word]) -> Bool {
        var k = start - 1
        guard k >= 0 else { return false }
        var word = NameNormalizer.rawTokens(w[k].text).first ?? ""
        if ["of", "de", "du", "d", "la", "l", "des"].contains(word), k > 0 {
            k -= 1
            word = NameNormalizer.rawTokens(w[k].text).first ?? ""
        }
        return locatives.contains(word)
    }

    /// A name several places share about equally ("Bellevue", "Drouillard") goes to the one nearest the places the
    /// article names without doubt (its context, as Mordecai's geoparser uses it); with no such place, to the best
    /// ranked. The others stay listed as alternatives.
    static func settleHomonyms(_ bySentence: inout [([PlaceMention], [PlaceMention])]) {
        // The article's first 200 distinct places named without doubt (a long text repeats them), and one choice per
        // set of candidates: the work is bounded whatever the text's length.
        var seen = Set<String>()
        var anchors: [Coordinate] = []
        var anchorNames: [String] = []
        for m in bySentence.lazy.flatMap({ $0.0 }) where !m.ambiguous && anchors.count < 200 {
            if let c = m.coordinate, let id = m.placeID, seen.insert(id).inserted {
                anchors.append(c)
                // A place that opens the article ("PORT-AU-PRINCE, April 1 —") is its dateline.
                anchorNames.append(m.sentence == 0 && m.span.start <= 2 ? "the dateline's \(m.name)" : m.name)
            }
        }
        var choices: [[String]: (Int, String)] = [:]
        for si in bySentence.indices {
            for mi in bySentence[si].0.indices where bySentence[si].0[mi].ambiguous {
                let m = bySentence[si].0[mi]
                let ids = m.candidates.map(\.placeID)
                let pick: Int, rule: String
                if let known = choices[ids] {
                    (pick, rule) = known
                } else {
                    func distance(_ c: PlaceMention.Candidate) -> Double { anchors.map { Geodesic.distance($0, c.coordinate) }.min() ?? .infinity }
                    pick = anchors.isEmpty ? 0 : (m.candidates.indices.min { distance(m.candidates[$0]) < distance(m.candidates[$1]) } ?? 0)
                    if anchors.isEmpty || !m.candidates.indices.contains(pick) {
                        rule = "the best ranked: the article names no other place without doubt"
                    } else {
                        let c = m.candidates[pick].coordinate
                        let nearest = anchors.indices.min { Geodesic.distance(anchors[$0], c) < Geodesic.distance(anchors[$1], c) }!
                        rule = "the nearest to the article's other places: \(Int((Geodesic.distance(anchors[nearest], c) / 1000).rounded())) km from \(anchorNames[nearest])"
                    }
                    choices[ids] = (pick, rule)
                }
                guard m.candidates.indices.contains(pick) else { continue }
                let chosen = m.candidates[pick]
                var settled = PlaceMention(text: m.text, span: m.span, sentence: m.sentence, placeID: chosen.placeID, name: chosen.name,
                                           coordinate: chosen.coordinate, zones: chosen.zones, countryCode: m.countryCode)
                settled.ambiguous = true
                settled.chosenBy = rule
                settled.alternatives = m.candidates.filter { $0.placeID != chosen.placeID }.prefix(10)
                    .map { PlaceAlternative(placeID: $0.placeID, name: $0.name, commune: $0.zones.first { $0.level == .adm2 }?.pcode) }
                bySentence[si].0[mi] = settled
            }
        }
    }

    /// Who speaks from a place ("a spokesman in the capital said"): that place is not the event's.
    static let speakers: Set<String> = ["spokesman", "spokeswoman", "spokesperson", "speaking", "spoke", "said", "told", "reporters",
                                        "journalists", "based", "headquarters", "officials", "official", "ministry", "conference",
                                        "porte", "parole", "declare", "depi", "pale", "active", "operating", "operates", "base", "baze"]

    /// Capitalised words that may follow a place name without being part of a person's name.
    static let placeFollowers: Set<String> = ["mayor", "police", "prison", "hospital", "officials", "residents", "commune", "department",
                                              "road", "airport", "port", "market", "city", "town", "national", "highway", "route"]

    // MARK: Counts

    func addCounts(_ s: TextSegmenter.Sentence, to inc: inout Incident) {
        let w = s.words
        let folded = w.map { NameNormalizer.rawTokens($0.text).first ?? "" }
        var i = 0
        while i < w.count {
            guard let (count, next) = NumberPhrase.parse(w, at: i) else { i += 1; continue }
            // A year or a percentage is not a head count.
            if count.qualifier == "exact", count.value >= 1900 && count.value <= 2100 { i = next; continue }
            if w[i].text.hasSuffix("%") || (next < w.count && ["percent", "pour", "%"].contains(folded[next])) { i = next; continue }
            let after = Array(folded[next..<min(folded.count, next + 8)])
            let before = Array(folded[max(0, i - 4)..<i])
            var stop = after.count
            let rest = Array(w[next..<min(w.count, next + 8)])
            for k in 1..<max(1, rest.count) where NumberPhrase.parse(rest, at: k) != nil { stop = k; break }
            let window = Array(after.prefix(stop))
            func has(_ words: Set<String>) -> Bool { !Set(window).isDisjoint(with: words) }
            // The words after the number decide first ("three others … injuries"); the verb just before
            // it only when nothing after does ("killing at least 40 people").
            let killedWords: Set<String> = ["killed", "dead", "died", "deaths", "bodies", "tues", "morts", "tuees", "murdered", "executed"]
            let injuredWords: Set<String> = ["injured", "wounded", "injuries", "blesses", "hurt"]
            let abductedWords: Set<String> = ["kidnapped", "abducted", "enleves", "kidnappes", "hostages"]
            let displacedWords: Set<String> = ["displaced", "homeless", "deplaces"]
            let prisoners = has(["inmates", "prisoners", "detainees", "detenus", "prisonniers"])
            let justBefore = Set(before.suffix(3))
            if has(killedWords) { inc.killed = merged(inc.killed, count) }
            else if has(injuredWords) { inc.injured = merged(inc.injured, count) }
            else if has(abductedWords) { inc.abducted = merged(inc.abducted, count) }
            else if prisoners && (has(["freed", "escaped", "released", "broke", "liberes"]) || justBefore.contains("freeing") || justBefore.contains("releasing")) {
                inc.freed = merged(inc.freed, count)
            } else if has(displacedWords) || (has(["fled", "flee"]) && !prisoners) { inc.displaced = merged(inc.displaced, count) }
            else if !justBefore.isDisjoint(with: ["killing", "killed", "tuant"]) { inc.killed = merged(inc.killed, count) }
            else if !justBefore.isDisjoint(with: ["injuring", "wounding"]) { inc.injured = merged(inc.injured, count) }
            else if !justBefore.isDisjoint(with: ["displaced", "displacing"]) { inc.displaced = merged(inc.displaced, count) }
            i = next
        }
    }

    private func merged(_ old: ReportedCount?, _ new: ReportedCount) -> ReportedCount {
        guard let old else { return new }
        return ReportedCount(old.value + new.value, qualifier: old.qualifier == new.qualifier ? old.qualifier : "about")
    }
}
