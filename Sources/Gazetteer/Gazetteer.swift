import Foundation
import GeoCore
import Zones

/// An index of place names from several sources, answering queries with
/// ranked, zone-aware matches.
///
/// Matching runs in order and stops at the first stage that finds something:
/// exact normalised name → alias → token containment (`Delmas 30` ⊃ `Delmas`)
/// → bounded fuzzy (optimal string alignment on keys, bound scaled by
/// length, candidates from shared trigrams). See ``NameNormalizer`` for what
/// "normalised" means.
public final class Gazetteer: @unchecked Sendable {
    public private(set) var places: [Place] = []
    /// Normalised key → (place index, name) pairs.
    private var exact: [String: [(Int, String)]] = [:]
    private var aliases = AliasTable()
    /// Every distinct key, and its words, for token matching (their bytes and trigrams are in ``MatchTables``).
    private var keys: [String] = []
    private var keyTokens: [[String]] = []
    /// Names with spaces and punctuation squeezed out ("LesAnglais", "La C hapelle"
    /// both → `lesanglais`, `lachapelle`): exact and fuzzy matching of names whose
    /// words were run together or split, which the word-based key cannot see.
    private var compact: [String: [(Int, String)]] = [:]

    /// What ranking and the fuzzy stages read on every lookup, in one immutable object built with the index and
    /// then only read: a lookup takes one reference to it (no lock, no reference count per table).
    private var matchTables: MatchTables?
    /// The key of every name (for ranking candidates found through another key).
    private var nameKeys: [String: String] = [:]
    /// The section ordinal of every name that has one ("3e Section …" → 3).
    private var ordinals: [String: Int] = [:]
    /// First token → indexes into `keys` (for token containment).
    private var byToken: [String: [Int32]] = [:]
    private var indexed = false
    /// Zone chain of each place (same order as `places`), computed with the index (ranking runs only once it is built).
    private var placeZones: [[ZoneRef]] = []
    /// Key of the commune each place lies in (same order as `places`), for ranking.
    private var communeKeys: [String?] = []
    /// Results for exact and alias keys with default options, computed with
    /// the index: an exact lookup is then one normalisation and one hash look-up.
    private var precomputed = ExactKeyTable(capacity: 0)
    /// The same results by the folded words of the names whose key needs the
    /// full rules ("1re Section Martissant" → `1re section martissant`), so
    /// that these too are found without building the key.
    private var precomputedFolded = ExactKeyTable(capacity: 0)
    private var placeIndex: [String: Int] = [:]
    /// For each place, the index of the first place with its id (one candidate per id when ranking).
    private var firstWithID: [Int] = []
    /// Answers of section queries shared by their key, ordinal and literal words (``sectionMemoKey``), filled as queries come.
    private var sectionMemo = ResolutionMemo()
    /// The section ordinals of each exact key's names, for keys without an alias (what ``sectionMemoKey`` asks).
    private var ordinalsByKey: [String: [Int]] = [:]
    /// Guards the index: building is lazy, lookups may come from many threads.
    private let indexLock = NSLock()

    /// Optional boundaries: zone names become places, and matches get zone chains.
    public private(set) var zoneSet: ZoneSet?
    private var locator: PointLocator?

    public init() {}

    /// The most places one gazetteer indexes: 2,000,000 (1,000,000 take 45 s and 3.2 GB to index on a 2-core machine,
    /// docs/reliability.md); ``GazetteerBuilder`` refuses more before indexing.
    public static let maxPlaces = 2_000_000

    // MARK: Building

    /// Adding is for set-up, before lookups start (not thread-safe against lookups).
    public func add(_ newPlaces: [Place]) {
        indexLock.lock()
        defer { indexLock.unlock() }
        places.append(contentsOf: newPlaces)
        indexed = false
    }

    public func add(aliases table: AliasTable) {
        indexLock.lock()
        defer { indexLock.unlock() }
        aliases.merge(table)
    }

    /// Builds the index now (otherwise the first lookup does). Safe from any thread: the first caller builds, the
    /// others wait for it.
    public func prepare() {
        indexLock.lock()
        defer { indexLock.unlock() }
        if !indexed { buildIndex() }
    }

    /// Whether the index is built, read under the lock (a lookup may come while another thread builds it).
    private var isIndexed: Bool {
        indexLock.lock()
        defer { indexLock.unlock() }
        return indexed
    }

    /// Adds every zone of every layer as a place (names in all languages and
    /// alternate names; the representative point as coordinate) and uses the
    /// finest layer to give matches their zone chain.
    public func add(zones set: ZoneSet) {
        // Some ten thousand places to put in zones (the localities): a grid index pays for itself.
        let gridded = set.finest.map { PointLocator(layer: $0, gridded: true) }
        indexLock.lock()
        zoneSet = set
        locator = gridded
        indexed = false
        indexLock.unlock()
        var zonePlaces: [Place] = []
        for layer in set.layers {
            for z in layer.zones {
                // Some boundary cells hold several names, one per line ("4e Section Boucan Bois Pin\n4e  Section Boucan Bo*").
                let lines = (Array(z.names.values) + z.alternateNames).flatMap { $0.split(whereSeparator: \.isNewline) }
                    .map(Self.trimmed).filter { !$0.isEmpty }
                var names: [String] = []
                for n in lines where n != z.name && !names.contains(n) { names.append(n) }
                names = names.filter { !z.alternateNames.contains($0) }.sorted() + names.filter { z.alternateNames.contains($0) }
                zonePlaces.append(Place(id: z.id, name: z.name, alternateNames: names, kind: .adminZone, source: "zones:\(layer.level)",
                                        coordinate: z.representativePoint, population: z.population.flatMap { Int(exactly: $0.rounded()) },
                                        zoneLevel: layer.level))
            }
        }
        add(zonePlaces)
    }

    /// A line without the white space around it.
    private static func trimmed(_ line: Substring) -> String {
        guard let first = line.firstIndex(where: { !$0.isWhitespace }), let last = line.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(line[first...last])
    }

    private func buildIndex() {
        exact = [:]
        var keyIndex: [String: Int] = [:]
        keys = []; keyTokens = []; byToken = [:]; communeKeys = []
        var keyBytes: [[UInt8]] = [], keyGramCounts: [Int] = []
        var trigramPairs: [(key: UInt64, value: Int32)] = []
        var compactKeys: [String] = [], compactBytes: [[UInt8]] = []
        compact = [:]; matchTables = nil; ordinals = [:]; nameKeys = [:]
        sectionMemo = ResolutionMemo()
        // Each name's squeezed form and key, worked out on every core first.
        let names = places.enumerated().flatMap { (i, p) in p.allNames.map { (place: i, name: $0) } }
        let nameForms = names.parallelMap(chunk: 128) { (compact: Self.compactForm($0.name), key: NameNormalizer.key($0.name)) }
        for ((i, name), (c, key)) in zip(names, nameForms) {
            if !c.isEmpty, compact[c]?.contains(where: { $0.0 == i }) != true {
                if compact[c] == nil {
                    compactKeys.append(c)
                    compactBytes.append(Array(c.utf8))
                }
                compact[c, default: []].append((i, name))
            }
            nameKeys[name] = key
            guard !key.isEmpty else { continue }
            if exact[key]?.contains(where: { $0.0 == i }) == true { continue }
            exact[key, default: []].append((i, name))
            if keyIndex[key] == nil {
                let k = keys.count
                keyIndex[key] = k
                keys.append(key)
                let bytes = Array(key.utf8)
                keyBytes.append(bytes)
                let tokens = key.split(separator: " ").map(String.init)
                keyTokens.append(tokens)
                let grams = Self.trigrams(of: bytes)
                keyGramCounts.append(grams.count)
                for t in grams { trigramPairs.append((UInt64(t), Int32(k))) }
                if let first = tokens.first { byToken[first, default: []].append(Int32(k)) }
            }
        }
        for p in places {
            for name in p.allNames where ordinals[name] == nil && Self.mentionsSection(name) {
                if let o = NameNormalizer.sectionOrdinal(name) { ordinals[name] = o }
            }
        }
        ordinalsByKey = [:]
        for (key, hits) in exact where aliases.targets[key] == nil {
            let found = hits.compactMap { ordinals[$0.1] }
            if !found.isEmpty { ordinalsByKey[key] = found }
        }
        placeIndex = [:]
        for (i, p) in places.enumerated() where placeIndex[p.id] == nil { placeIndex[p.id] = i }
        firstWithID = places.map { placeIndex[$0.id]! }
        placeZones = places.parallelMap { self.computeZones($0) }
        communeKeys = placeZones.map { zones in zones.first { $0.level == "adm2" }.map { NameNormalizer.key($0.name) } }
        matchTables = MatchTables(places: places, keys: keys, keyBytes: keyBytes, keyGramCounts: keyGramCounts, trigrams: PostingTable(trigramPairs),
                                  hitsByKey: keys.map { exact[$0]! }, compactBytes: compactBytes, hitsByCompact: compactKeys.map { compact[$0]! })
        indexed = true
        // Every exact and alias key resolved in full ahead (on every core: resolving only reads the index).
        let precomputedKeys = Array(Set(exact.keys).union(aliases.targets.keys))
        let resolutions = precomputedKeys.parallelMap { resolve(key: $0, query: $0, options: Options()).resolution }
        precomputed = ExactKeyTable(capacity: precomputedKeys.count)
        for (key, r) in zip(precomputedKeys, resolutions) { precomputed.insert(key, r) }
        // The names whose key needs the full rules, by their folded words (the first name with a form gives its answer).
        var foldedNames: [(form: String, key: String, name: String)] = []
        var seenForms = Set<String>()
        for p in places {
            for name in p.allNames where name.utf8.count <= 512 {
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: NameNormalizer.latinKeyCapacity(name)) { out in
                    guard let (n, needsRules) = NameNormalizer.latinFold(name, into: out), needsRules, n > 0 else { return }
                    let form = String(decoding: UnsafeBufferPointer(rebasing: out[0..<n]), as: UTF8.self)
                    let key = nameKeys[name] ?? NameNormalizer.key(name)
                    guard !seenForms.contains(form), precomputed.find(key) != nil else { return }
                    seenForms.insert(form)
                    foldedNames.append((form, key, name))
                }
            }
        }
        let folded = foldedNames.parallelMap { resolve(key: $0.key, query: $0.name, options: Options()).resolution }
        precomputedFolded = ExactKeyTable(capacity: folded.count)
        for (f, r) in zip(foldedNames, folded) { precomputedFolded.insert(f.form, r) }
    }

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

    /// The distinct trigrams of `bytes` padded with two spaces before and one after, in ascending order.
    static func trigrams(of bytes: [UInt8]) -> [UInt32] {
        let padded: [UInt8] = [0x20, 0x20] + bytes + [0x20]
        var grams: [UInt32] = []
        grams.reserveCapacity(padded.count - 2)
        for i in 0..<(padded.count - 2) {
            let g: UInt32 = UInt32(padded[i]) << 16 | UInt32(padded[i + 1]) << 8 | UInt32(padded[i + 2])
            grams.append(g)
        }
        grams.sort()
        var distinct = 0
        for g in grams where distinct == 0 || grams[distinct - 1] != g { grams[distinct] = g; distinct += 1 }
        grams.removeLast(grams.count - distinct)
        return grams
    }

    // MARK: Lookup

    public struct Options: Sendable {
        /// Keep only places inside this zone (a p-code, or a zone name).
        public var within: String?
        /// Prefer places near this point.
        public var near: Coordinate?
        /// How many alternatives to report.
        public var alternatives = 5
        /// Only exact and alias matches (no token or fuzzy stage): for scanning
        /// running text, where a loose match is more often wrong than right.
        public var exactOnly = false
        public init(within: String? = nil, near: Coordinate? = nil, alternatives: Int = 5, exactOnly: Bool = false) {
            self.within = within
            self.near = near
            self.alternatives = alternatives
            self.exactOnly = exactOnly
        }
    }

    /// Resolves one name. An unknown name is not an error: the result has no
    /// match and lists near misses.
    public func lookup(_ query: String, options: Options = Options()) -> GeocodeResult {
        // Built once, then only read: lookups after set-up need no lock (adding
        // places while lookups run is not supported).
        if !isIndexed { prepare() }
        let query = query.utf8.count <= 512 ? query : String(query.prefix(512))
        // Precomputed answers are those of the default options (exact-only lookups share them where no loose stage runs).
        let precomputable = options.within == nil && options.near == nil && options.alternatives == 5
        let defaults = precomputable && !options.exactOnly
        // Latin names are folded into a stack buffer once: exact and alias keys are found by those bytes,
        // without building the key; the others go on with the same fold.
        enum FoldOutcome { case found(Resolution), forms(NameNormalizer.QueryForms) }
        let outcome = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: NameNormalizer.formsCapacity(query)) { out -> FoldOutcome in
            let fold = NameNormalizer.latinFold(query, into: out)
            if precomputable, let (n, needsRules) = fold, n > 0 {
                let bytes = UnsafeBufferPointer(rebasing: out[0..<n])
                if let r = needsRules ? precomputedFolded.find(bytes) : precomputed.find(bytes) { return .found(r) }
            }
            return .forms(NameNormalizer.forms(query, folded: out, fold))
        }
        let forms: NameNormalizer.QueryForms
        switch outcome {
        case .found(let r): return GeocodeResult(query: query, resolution: r)
        case .forms(let f): forms = f
        }
        let key = forms.key
        guard !key.isEmpty else { return GeocodeResult(query: query, match: nil, score: 0, ambiguous: false, alternatives: []) }
        let ordinal = forms.ordinal
        if defaults, ordinal == nil, let r = precomputed.find(key) {
            return GeocodeResult(query: query, resolution: r)
        }
        // A section named with its number whose key names it exactly ("2e Secton Dory"): the answer depends only on
        // the key, the number and the words as written, so same-named queries share it.
        if defaults, let ordinal, let memoKey = sectionMemoKey(key: key, ordinal: ordinal, repaired: forms.repaired) {
            if let r = sectionMemo.find(memoKey) { return GeocodeResult(query: query, resolution: r) }
            let result = resolve(key: key, query: query, ordinal: ordinal, squeezed: forms.squeezed, options: options)
            sectionMemo.insert(memoKey, result.resolution)
            return result
        }
        return resolve(key: key, query: query, ordinal: ordinal, squeezed: forms.squeezed, options: options)
    }

    /// The key under which a query's answer is shared, when ``resolve(key:query:ordinal:squeezed:options:)``
    /// (default options) reads nothing of the query but its key, ordinal and literal words: the key has exact
    /// names, one of them with this ordinal (so neither the squeezed name nor fuzzy matching is looked at), and
    /// no alias (whose hits carry the query itself).
    private func sectionMemoKey(key: String, ordinal: Int, repaired: [String]) -> String? {
        guard !repaired.isEmpty, ordinalsByKey[key]?.contains(ordinal) == true else { return nil }
        return key + "\t" + String(ordinal) + "\t" + Self.literalWords(repaired: repaired).joined(separator: " ")
    }

    /// Resolves many names; a name repeated (as in a column of reports) is
    /// resolved once and its result shared. With `threads` above 1 the
    /// distinct names are resolved on that many threads at most (the answers
    /// do not depend on it; their order is the queries' order).
    public func lookup(all queries: [String], options: Options = Options(), threads: Int = 1) -> [GeocodeResult] {
        let batch = QueryBatch(queries)
        return batch.expand(lookup(batch, options: options, threads: threads))
    }

    /// Resolves the distinct names of a batch: one result per entry of
    /// `batch.names`, in that order (`batch.rows` says which one each row takes).
    public func lookup(_ batch: QueryBatch, options: Options = Options(), threads: Int = 1) -> [GeocodeResult] {
        if !isIndexed { prepare() }
        return lookup(distinct: batch.names, options: options, threads: threads)
    }

    /// Each name resolved, in order; in chunks of 512 spread over `threads` threads when there are enough names.
    private func lookup(distinct names: [String], options: Options, threads: Int) -> [GeocodeResult] {
        names.parallelMap(chunk: 512, threads: threads) { lookup($0, options: options) }
    }

    /// The full matching and ranking for a normalised key.
    private func resolve(key: String, query: String, options: Options) -> GeocodeResult {
        resolve(key: key, query: query, ordinal: NameNormalizer.sectionOrdinal(query), options: options)
    }

    /// `ordinal`: the query's section ordinal (``NameNormalizer/sectionOrdinal(_:)``); `squeezed`: its
    /// squeezed form when already made (``compactForm(_:)``).
    private func resolve(key: String, query: String, ordinal: Int?, squeezed squeezedQuery: String? = nil, options: Options) -> GeocodeResult {
        let t = tables()

        var found: [Hit] = []
        var method = MatchMethod.exact
        if let hits = exact[key] {
            found = hits.map { t.hit(place: $0.0, name: $0.1, method: .exact, quality: 1) }
            if hits.count > 1 {
                // Names equal once normalised ("1re Section de Grande Plaine", "1re Section Grande Plaine"):
                // the one written as the query is written goes first (still flagged ambiguous).
                let literal = Self.literalWords(query)
                for k in found.indices where Self.literalWords(found[k].name) == literal { found[k].rank += 0.001 }
            }
        }
        if let target = aliases.targets[key] {
            method = .alias
            found += resolveAlias(target).map { t.hit(place: $0, name: query, method: .alias, quality: 0.98) }
        }
        // The query with spaces and punctuation squeezed out, made once for the stages that need it.
        var squeezedForm = squeezedQuery
        func squeezed() -> String {
            if let s = squeezedForm { return s }
            let s = Self.compactForm(query)
            squeezedForm = s
            return s
        }
        if !found.isEmpty, !options.exactOnly, let ordinal, !found.contains(where: { ordinals[$0.name] == ordinal }) {
            // "5e Section BelAir": the names equal once normalised are other sections ("2e Section Belair");
            // the right one may be written a little differently ("5e Section Bel-Air").
            found += (compact[squeezed()] ?? []).map { t.hit(place: $0.0, name: $0.1, method: .exact, quality: 0.97) }
            found += fuzzyMatches(key, boundBonus: 0, t)
        }
        if found.isEmpty && !options.exactOnly, let hits = compact[squeezed()] {
            // The same letters, only spaces or punctuation moved ("LesAnglais", "4e SectionS t-Michel").
            found = hits.map { t.hit(place: $0.0, name: $0.1, method: .exact, quality: 0.97) }
        }
        if found.isEmpty && !options.exactOnly {
            method = .token
            found = tokenMatches(key, t)
            // A token match is a part of the query (or the query a part of a name): it competes
            // with fuzzy matches of the whole ("8e Section Ravin Gros Morne" is Ravine Gros Morne's
            // section with a letter lost, not the town of Gros Morne).
            if !found.isEmpty { found += fuzzyMatches(key, boundBonus: 0, t) }
        }
        var nearMisses: [Hit] = []
        if found.isEmpty && !options.exactOnly {
            method = .fuzzy
            var fuzzy = fuzzyMatches(key, boundBonus: 0, t)
            // Words run together or split, or a short key ("2e Section Tby": key `tby`) that the key's bound
            // cannot reach: the squeezed whole name, bound by its own length.
            if fuzzy.isEmpty { fuzzy = compactFuzzyMatches(squeezed: squeezed(), t) }
            found = fuzzy
            if fuzzy.isEmpty { nearMisses = fuzzyMatches(key, boundBonus: 2, t) }
        }
        _ = method
        // Restrict and bias.
        if let within = options.within {
            found = found.filter { inside($0, within) }
            nearMisses = nearMisses.filter { inside($0, within) }
        }
        for k in found.indices {
            found[k].rank += consistency(found[k], lookupKey: key, t)
            found[k].rank += nearness(found[k], to: options.near)
            found[k].rank += sectionOrdinal(found[k], query: ordinal)
        }
        // One candidate per place: its best name.
        var best: [Int: Hit] = [:]
        for h in found {
            let id = firstWithID[h.place]
            if let b = best[id], h.rank <= b.rank { continue }
            best[id] = h
        }
        let ranked = best.values.sorted { $0.rank != $1.rank ? $0.rank > $1.rank : places[$0.place].id < places[$1.place].id }.map(candidate)
        guard let top = ranked.first else {
            let misses = Array(nearMisses.sorted { $0.rank > $1.rank }.prefix(options.alternatives)).map(candidate)
            return GeocodeResult(query: query, match: nil, score: 0, ambiguous: false, alternatives: misses)
        }
        let rest = ranked.dropFirst()
        let ambiguous = rest.contains { other in
            top.rank - other.rank < 0.03 && differentPlace(top, other)
        }
        return GeocodeResult(query: query, match: top, score: min(1, top.rank), ambiguous: ambiguous,
                             alternatives: Array(rest.prefix(options.alternatives)))
    }

    /// Same-named sections differ by their number: when the query gives one
    /// ("3e Section Montagne Noire"), the section with that number ranks
    /// first, one with another number last, and places with no number between.
    private func sectionOrdinal(_ h: Hit, query: Int?) -> Double {
        guard let query else { return 0 }
        let own = ordinals[h.name]
        return own == query ? 0.02 : (own == nil ? -0.01 : -0.05)
    }

    /// The public form of a hit, with its zones.
    private func candidate(_ h: Hit) -> Candidate {
        let p = places[h.place]
        return Candidate(place: p, matchedName: h.name, method: h.method, quality: h.quality, rank: h.rank, zones: placeZones[h.place],
                         placeIndex: h.place)
    }

    private func nearness(_ h: Hit, to near: Coordinate?) -> Double {
        guard let near else { return 0 }
        // Strong enough to choose among homonyms of different kinds (a hamlet 20 km away over a commune 40 km away),
        // too weak to prefer a loose match over an exact one (0.08 at most).
        let km = Geodesic.distance(near, places[h.place].coordinate) / 1000
        return -0.08 * min(1, km / 50)
    }

    /// Among equally good names, a commune or department outranks a
    /// section of the same name, and a populated place whose point lies in a
    /// commune of another name yields to a commune named like it (the point
    /// is then likely off, or names another place).
    private func consistency(_ h: Hit, lookupKey: String, _ t: MatchTables) -> Double {
        var bonus = t.levelBonus[h.place]
        if t.isPopulatedPlace[h.place], zoneSet != nil {
            let key = h.method == .exact ? lookupKey : (nameKeys[h.name] ?? NameNormalizer.key(h.name))
            if let communeKey = communeKeys[h.place], communeKey != key, t.communeNameKeys.contains(key) {
                bonus -= 0.02
            }
        }
        return bonus
    }

    private func resolveAlias(_ target: String) -> [Int] {
        let t = target.trimmingCharacters(in: .whitespaces)
        let asID = t.allSatisfy(\.isNumber) ? "geonames:\(t)" : t
        let byID = places.indices.filter { places[$0].id == asID }
        if !byID.isEmpty { return byID }
        return exact[NameNormalizer.key(t)]?.map(\.0) ?? []
    }

    /// Names wholly contained in the query (`Delmas 30` ⊃ `Delmas`), and the
    /// query wholly contained at the start of a longer name (`Carrefour` in
    /// `Carrefour Feuilles`).
    private func tokenMatches(_ key: String, _ t: MatchTables) -> [Hit] {
        // Word boundaries in the key's bytes (its words are one space apart).
        let utf8 = key.utf8
        var starts: [String.Index] = [], ends: [String.Index] = []
        var i = utf8.startIndex
        while i < utf8.endIndex {
            if utf8[i] == 0x20 { i = utf8.index(after: i); continue }
            starts.append(i)
            while i < utf8.endIndex && utf8[i] != 0x20 { i = utf8.index(after: i) }
            ends.append(i)
        }
        let count = starts.count
        var out: [Hit] = []
        // Contiguous sub-sequences of the query, longest first.
        if count > 1 {
            let keyLength = Double(key.count)
            for length in stride(from: count - 1, through: 1, by: -1) {
                for start in 0...(count - length) {
                    let sub = String(key[starts[start]..<ends[start + length - 1]])
                    // A lone number or a 1–2 letter word is not a place name.
                    if length == 1, sub.count < 3 || sub.allSatisfy(\.isNumber) { continue }
                    if let hits = exact[sub] {
                        let coverage = Double(sub.count) / keyLength
                        out += hits.map { t.hit(place: $0.0, name: $0.1, method: .token, quality: 0.7 + 0.25 * coverage) }
                    }
                }
                if !out.isEmpty { return out }
            }
        }
        // The query as the leading words of a longer name.
        if let first = starts.first, let ks = byToken[String(key[first..<ends[0]])] {
            for k in ks {
                let words = keyTokens[Int(k)]
                guard words.count > count, (0..<count).allSatisfy({ words[$0] == key[starts[$0]..<ends[$0]] }) else { continue }
                let coverage = Double(key.count) / Double(keys[Int(k)].count)
                out += t.hitsByKey[Int(k)].map { t.hit(place: $0.0, name: $0.1, method: .token, quality: 0.6 + 0.25 * coverage) }
            }
        }
        return out
    }

    private func fuzzyMatches(_ key: String, boundBonus: Int, _ t: MatchTables) -> [Hit] {
        let q = Array(key.utf8)
        let bound = EditDistance.bound(forLength: q.count) + boundBonus
        var out: [Hit] = []
        for (k, d, length) in Self.within(bound, of: q, deletions: boundBonus == 0 ? t.keyDeletes : nil, trigrams: t.trigrams,
                                          gramCounts: t.keyGramCounts, bytes: t.keyBytes) {
            let quality = Self.fuzzyQuality(distance: d, lengths: length)
            out += t.hitsByKey[k].map { t.hit(place: $0.0, name: $0.1, method: .fuzzy, quality: quality) }
        }
        return out
    }

    private func compactFuzzyMatches(squeezed: String, _ t: MatchTables) -> [Hit] {
        let q = Array(squeezed.utf8)
        var out: [Hit] = []
        // A three-letter name is too short for a fuzzy bound, but one letter lost from a four-letter one
        // ("Nrd", "Wet") is still recognisable: that one case is allowed.
        let bound = q.count == 3 ? 1 : EditDistance.bound(forLength: q.count)
        for (k, d, length) in Self.within(bound, of: q, deletions: t.compactDeletes, trigrams: t.compactTrigrams, gramCounts: t.compactGramCounts,
                                          bytes: t.compactBytes)
        where q.count != 3 || t.compactBytes[k].count == 4 {
            let quality = Self.fuzzyQuality(distance: d, lengths: length)
            out += t.hitsByCompact[k].map { t.hit(place: $0.0, name: $0.1, method: .fuzzy, quality: quality) }
        }
        return out
    }

    private func tables() -> MatchTables { matchTables! }

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

    /// The hash of `b` whole, then of `b` without each of its bytes in turn (as the hash of the shorter string would
    /// be): a polynomial hash (base `p`, bytes + 1, modulo 2⁶⁴) from prefix and suffix sums, so all `b.count + 1` cost
    /// O(`b.count`). Two strings one deletion apart share a hash; a collision only adds a candidate the edit distance
    /// then rejects.
    static func forEachDeletionHash(_ b: UnsafeBufferPointer<UInt8>, _ body: (UInt64) -> Void) {
        let n = b.count
        let p: UInt64 = 0x100_0000_01b3
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * (n + 1)) { t in
            // t[i] = hash of b[0..<i]; t[n + 1 + j] = Σ_{k ≥ j} (b[k] + 1)·p^(n-1-k); powers reuse the walk.
            t[0] = 0
            for i in 0..<n { t[i + 1] = t[i] &* p &+ (UInt64(b[i]) &+ 1) }
            t[n + 1 + n] = 0
            var power: UInt64 = 1
            for j in stride(from: n - 1, through: 0, by: -1) {
                t[n + 1 + j] = t[n + 1 + j + 1] &+ (UInt64(b[j]) &+ 1) &* power
                power = power &* p
            }
            body(t[n])
            // Without byte i: prefix(i)·p^(n-1-i) + suffix(i + 1).
            var shift: UInt64 = 1
            for i in stride(from: n - 1, through: 0, by: -1) {
                body(t[i] &* shift &+ t[n + 1 + i + 1])
                shift = shift &* p
            }
        }
    }

    /// The pairs (deletion hash, `k`) of `bytes`, each hash once.
    static func indexDeletions(_ bytes: [UInt8], as k: Int32, into pairs: inout [(key: UInt64, value: Int32)]) {
        bytes.withUnsafeBufferPointer { b in
            let first = pairs.count
            forEachDeletionHash(b) { h in
                // A string of n bytes has at most n + 1 hashes: a linear check for repeats ("aab" less either "a").
                for i in first..<pairs.count where pairs[i].key == h { return }
                pairs.append((h, k))
            }
        }
    }

    /// 0.95 × (1 − d / (|a| + |b|)): below every exact match; like an
    /// Indel ratio, one slip in a long name costs less than in a short one,
    /// so a whole name with one slip outranks a word of it matched exactly.
    static func fuzzyQuality(distance d: Int, lengths: Int) -> Double {
        0.95 * (1 - Double(d) / Double(lengths))
    }

    /// Indexed strings at distance 1…`bound` from `q`, with the distance and
    /// the sum of both lengths. Candidates are those sharing enough trigrams for the
    /// distance to be within bound (each edit destroys at most 3 trigrams, a
    /// transposition — one edit in the Damerau distance used — 4), counted in
    /// an array rather than a dictionary.
    ///
    /// With a deletion index, strings one edit away are looked up first; when
    /// there are any, farther ones are not considered (one slip is far more
    /// common than two, and one-edit matches rank above them anyway).
    private static func within(_ bound: Int, of q: [UInt8], deletions: PostingTable?, trigrams index: PostingTable, gramCounts: [Int],
                               bytes: [[UInt8]]) -> [(Int, Int, Int)] {
        guard bound > 0 else { return [] }
        if let deletions {
            var near: [Int32] = []
            q.withUnsafeBufferPointer { qb in
                Self.forEachDeletionHash(qb) { h in deletions.forEach(h) { near.append($0) } }
            }
            if !near.isEmpty {
                near.sort()
                var out: [(Int, Int, Int)] = []
                var last: Int32 = -1
                for k in near where k != last {
                    last = k
                    let kb = bytes[Int(k)]
                    guard let d = EditDistance.bounded(q, kb, bound: 1), d > 0 else { continue }
                    out.append((Int(k), d, q.count + kb.count))
                }
                if !out.isEmpty { return out }
            }
        }
        // The query's distinct trigrams, and per indexed string how many it shares, counted in scratch on the stack.
        let qgrams = trigrams(of: q)
        let need = max(1, qgrams.count - 4 * bound)
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: max(1, bytes.count)) { shared in
            shared.initialize(repeating: 0)
            for g in qgrams { index.forEach(UInt64(g)) { shared[Int($0)] &+= 1 } }
            // Candidates in index order (a linear scan of the counts: cheaper than sorting the strings touched). Each
            // edit destroys at most 4 of either string's trigrams, so the longer one's count bounds what they share.
            var out: [(Int, Int, Int)] = []
            for k in 0..<bytes.count where Int(shared[k]) >= max(need, gramCounts[k] - 4 * bound) {
                let kb = bytes[k]
                guard let d = EditDistance.bounded(q, kb, bound: bound), d > 0 else { continue }
                out.append((k, d, q.count + kb.count))
            }
            return out
        }
    }

    // MARK: Zones

    /// The zone chain of a place: for admin zones, the zone and its
    /// ancestors; for points, the finest zone containing it (snapped within 2 km).
    public func zones(of place: Place) -> [ZoneRef] {
        if isIndexed, let i = placeIndex[place.id], i < placeZones.count, places[i].coordinate == place.coordinate { return placeZones[i] }
        return computeZones(place)
    }

    private func computeZones(_ place: Place) -> [ZoneRef] {
        guard let set = zoneSet else { return [] }
        if let level = place.zoneLevel, let z = set.layers.first(where: { $0.level == level })?.zone(id: place.id) {
            return set.chain(of: z).map { ZoneRef(level: $0.level, pcode: $0.id, name: $0.name) }
        }
        guard let locator, let i = locator.place(place.coordinate, snapKm: 2).zoneIndex else { return [] }
        return set.chain(of: locator.layer.zones[i]).map { ZoneRef(level: $0.level, pcode: $0.id, name: $0.name) }
    }

    private func inside(_ h: Hit, _ within: String) -> Bool {
        let zs = placeZones[h.place]  // (only called once the index is built: never takes the lock)
        let key = NameNormalizer.key(within)
        return zs.contains { $0.pcode.caseInsensitiveCompare(within) == .orderedSame || NameNormalizer.key($0.name) == key }
            || places[h.place].id.caseInsensitiveCompare(within) == .orderedSame
    }

    /// Two candidates name different places when they fall in different
    /// communes (or finest zones), or, without boundaries, lie over 5 km apart.
    private func differentPlace(_ a: Candidate, _ b: Candidate) -> Bool {
        if zoneSet != nil {
            let za = a.zones.first { $0.level == "adm2" } ?? a.zones.last
            let zb = b.zones.first { $0.level == "adm2" } ?? b.zones.last
            if let za, let zb { return za.pcode != zb.pcode && !a.zones.contains(zb) && !b.zones.contains(za) }
        }
        return Geodesic.distance(a.place.coordinate, b.place.coordinate) > 5_000
    }
}
