import Foundation
import GeoCore
import Zones

/// The matching tables of a gazetteer, built once from its contents and then only read (every field a `let`): exact
/// keys, aliases, squeezed names, word and trigram indexes, each place's zones. ``resolve(key:query:ordinal:squeezed:options:)``
/// runs the stages of ``Gazetteer`` in full; ``GazetteerIndex`` answers most queries from precomputed results first.
final class GazetteerTables: Sendable {
    let places: [Place]
    let aliases: AliasTable
    let zoneSet: ZoneSet?
    let locator: PointLocator?
    /// Normalised key → (place index, name) pairs.
    let exact: [String: [(Int, String)]]
    /// Every distinct key, and its words, for token matching (their bytes and trigrams are in ``MatchTables``).
    let keys: [String]
    let keyTokens: [[String]]
    /// Names with spaces and punctuation squeezed out ("LesAnglais", "La C hapelle" both → `lesanglais`,
    /// `lachapelle`): exact and fuzzy matching of names whose words were run together or split, which the word-based
    /// key cannot see.
    let compact: [String: [(Int, String)]]
    /// What ranking and the fuzzy stages read on every lookup.
    let matchTables: MatchTables
    /// The key of every name (for ranking candidates found through another key).
    let nameKeys: [String: String]
    /// The section ordinal of every name that has one ("3e Section …" → 3).
    let ordinals: [String: Int]
    /// First token → indexes into `keys` (for token containment).
    let byToken: [String: [Int32]]
    /// Zone chain of each place (same order as `places`).
    let placeZones: [[ZoneRef]]
    /// Key of the commune each place lies in (same order as `places`), for ranking.
    let communeKeys: [String?]
    /// The first place with each id.
    let placeIndex: [String: Int]
    /// For each place, the index of the first place with its id (one candidate per id when ranking).
    let firstWithID: [Int]
    /// The section ordinals of each exact key's names, for keys without an alias (what ``GazetteerIndex`` memoises by).
    let ordinalsByKey: [String: [Int]]

    init(_ contents: GazetteerContents) {
        places = contents.places
        aliases = contents.aliases
        zoneSet = contents.zones
        // Some ten thousand places to put in zones (the localities): a grid index pays for itself.
        locator = contents.zones?.finest.map { PointLocator(layer: $0, gridded: true) }
        var exact: [String: [(Int, String)]] = [:], compact: [String: [(Int, String)]] = [:]
        var keyIndex: [String: Int] = [:]
        var keys: [String] = [], keyTokens: [[String]] = [], byToken: [String: [Int32]] = [:]
        var keyBytes: [[UInt8]] = [], keyGramCounts: [Int] = []
        var trigramPairs: [(key: UInt64, value: Int32)] = []
        var compactKeys: [String] = [], compactBytes: [[UInt8]] = []
        var nameKeys: [String: String] = [:]
        // Each name's squeezed form and key, worked out on every core first.
        let names = places.enumerated().flatMap { (i, p) in p.allNames.map { (place: i, name: $0) } }
        let nameForms = names.parallelMap(chunk: 128) { (compact: NameForms.compactForm($0.name), key: NameNormalizer.key($0.name)) }
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
                let grams = FuzzySearch.trigrams(of: bytes)
                keyGramCounts.append(grams.count)
                for t in grams { trigramPairs.append((UInt64(t), Int32(k))) }
                if let first = tokens.first { byToken[first, default: []].append(Int32(k)) }
            }
        }
        var ordinals: [String: Int] = [:]
        for p in places {
            for name in p.allNames where ordinals[name] == nil && NameForms.mentionsSection(name) {
                if let o = NameNormalizer.sectionOrdinal(name) { ordinals[name] = o }
            }
        }
        var ordinalsByKey: [String: [Int]] = [:]
        for (key, hits) in exact where aliases.targets[key] == nil {
            let found = hits.compactMap { ordinals[$0.1] }
            if !found.isEmpty { ordinalsByKey[key] = found }
        }
        var placeIndex: [String: Int] = [:]
        for (i, p) in places.enumerated() where placeIndex[p.id] == nil { placeIndex[p.id] = i }
        (self.exact, self.compact, self.keys, self.keyTokens, self.byToken) = (exact, compact, keys, keyTokens, byToken)
        (self.nameKeys, self.ordinals, self.ordinalsByKey, self.placeIndex) = (nameKeys, ordinals, ordinalsByKey, placeIndex)
        firstWithID = places.map { placeIndex[$0.id]! }
        let (zoneSet, locator) = (self.zoneSet, self.locator)
        let placeZones = places.parallelMap { Self.zones(of: $0, in: zoneSet, locator: locator) }
        self.placeZones = placeZones
        communeKeys = placeZones.map { zones in zones.first { $0.level == .adm2 }.map { NameNormalizer.key($0.name) } }
        matchTables = MatchTables(places: places, keys: keys, keyBytes: keyBytes, keyGramCounts: keyGramCounts, trigrams: PostingTable(trigramPairs),
                                  hitsByKey: keys.map { exact[$0]! }, compactBytes: compactBytes, hitsByCompact: compactKeys.map { compact[$0]! })
    }

    /// The zone chain of a place: for admin zones, the zone and its ancestors; for points, the finest zone
    /// containing it (snapped within 2 km).
    static func zones(of place: Place, in set: ZoneSet?, locator: PointLocator?) -> [ZoneRef] {
        guard let set else { return [] }
        if let level = place.zoneLevel, let z = set.layers.first(where: { $0.level == level })?.zone(id: place.id) {
            return set.chain(of: z).map { ZoneRef(level: $0.level, pcode: $0.id, name: $0.name) }
        }
        guard let locator, let i = locator.place(place.coordinate, snapKm: 2).zoneIndex else { return [] }
        return set.chain(of: locator.layer.zones[i]).map { ZoneRef(level: $0.level, pcode: $0.id, name: $0.name) }
    }

    /// The zone chain of `place`: its own when it is one of the indexed places, else worked out.
    func zones(of place: Place) -> [ZoneRef] {
        if let i = placeIndex[place.id], places[i].coordinate == place.coordinate { return placeZones[i] }
        return Self.zones(of: place, in: zoneSet, locator: locator)
    }

    /// The full matching and ranking for a normalised key.
    func resolve(key: String, query: String, options: Gazetteer.Options) -> GeocodeResult {
        resolve(key: key, query: query, ordinal: NameNormalizer.sectionOrdinal(query), options: options)
    }

    /// `ordinal`: the query's section ordinal (``NameNormalizer/sectionOrdinal(_:)``); `squeezed`: its
    /// squeezed form when already made (``compactForm(_:)``).
    func resolve(key: String, query: String, ordinal: Int?, squeezed squeezedQuery: String? = nil, options: Gazetteer.Options) -> GeocodeResult {
        let t = matchTables

        var found: [Hit] = []
        var method = MatchMethod.exact
        if let hits = exact[key] {
            found = hits.map { t.hit(place: $0.0, name: $0.1, method: .exact, quality: 1) }
            if hits.count > 1 {
                // Names equal once normalised ("1re Section de Grande Plaine", "1re Section Grande Plaine"):
                // the one written as the query is written goes first (still flagged ambiguous).
                let literal = NameForms.literalWords(query)
                for k in found.indices where NameForms.literalWords(found[k].name) == literal { found[k].rank += 0.001 }
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
            let s = NameForms.compactForm(query)
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
}
