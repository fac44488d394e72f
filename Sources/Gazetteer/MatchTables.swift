import Foundation

/// What ranking and the fuzzy stages of ``Gazetteer`` read on every lookup, built with its index and then only
/// read (a lookup takes one reference to it: no lock, no reference count per table).
///
/// Keys' deletion hashes (each key whole and with one byte left out) → indexes into the keys: the keys one edit away
/// from a query are found by hashing the query's own one-byte deletions (a symmetric-deletion index); trigrams for
/// farther ones. The same for the squeezed names. Each key's (and squeezed name's) places and names, by index. Per
/// place, the parts of its rank that do not depend on the query.
final class MatchTables: Sendable {
    let keyBytes: [[UInt8]]
    let keyGramCounts: [Int]
    let trigrams: PostingTable
    let keyDeletes: PostingTable
    let hitsByKey: [[(Int, String)]]
    let compactBytes: [[UInt8]]
    let compactGramCounts: [Int]
    let compactTrigrams: PostingTable
    let compactDeletes: PostingTable
    let hitsByCompact: [[(Int, String)]]
    private let weight: [Double]
    private let populationTerm: [Double?]
    private let accuracyTerm: [Double?]
    /// Among equally good names, a department, commune or arrondissement outranks a section of the same name.
    let levelBonus: [Double]
    let isPopulatedPlace: [Bool]
    /// The keys that name a commune (adm2).
    let communeNameKeys: Set<String>

    init(places: [Place], keys: [String], keyBytes: [[UInt8]], keyGramCounts: [Int], trigrams: PostingTable, hitsByKey: [[(Int, String)]],
         compactBytes: [[UInt8]], hitsByCompact: [[(Int, String)]]) {
        self.keyBytes = keyBytes
        self.keyGramCounts = keyGramCounts
        self.trigrams = trigrams
        self.hitsByKey = hitsByKey
        self.compactBytes = compactBytes
        self.hitsByCompact = hitsByCompact
        var keyDeletes: [(key: UInt64, value: Int32)] = [], compactDeletes: [(key: UInt64, value: Int32)] = []
        var compactTrigrams: [(key: UInt64, value: Int32)] = []
        var compactGramCounts: [Int] = []
        for (k, bytes) in keyBytes.enumerated() { FuzzySearch.indexDeletions(bytes, as: Int32(k), into: &keyDeletes) }
        for (k, bytes) in compactBytes.enumerated() {
            FuzzySearch.indexDeletions(bytes, as: Int32(k), into: &compactDeletes)
            let grams = FuzzySearch.trigrams(of: bytes)
            compactGramCounts.append(grams.count)
            for g in grams { compactTrigrams.append((UInt64(g), Int32(k))) }
        }
        self.keyDeletes = PostingTable(keyDeletes)
        self.compactDeletes = PostingTable(compactDeletes)
        self.compactTrigrams = PostingTable(compactTrigrams)
        self.compactGramCounts = compactGramCounts
        weight = places.map(\.kind.weight)
        populationTerm = places.map { p in p.population.flatMap { $0 > 0 ? 0.01 * min(1, log10(Double($0)) / 7) : nil } }
        // A placeholder or estimated postal point.
        accuracyTerm = places.map { p in p.accuracy.flatMap { $0 <= 1 ? ($0 == 0 ? 0.05 : 0.02) : nil } }
        levelBonus = places.map { p in
            switch p.zoneLevel {
            case .adm1?: 0.004
            case .adm2?: 0.003
            case .arrondissement?: 0.002
            default: 0.0
            }
        }
        isPopulatedPlace = places.map { $0.kind == .populatedPlace }
        communeNameKeys = Set(zip(keys, hitsByKey).filter { $0.1.contains { places[$0.0].zoneLevel == .adm2 } }.map(\.0))
    }

    /// A place found by a stage, ranked by match quality weighted by its kind, its population and its accuracy.
    func hit(place i: Int, name: String, method: MatchMethod, quality: Double) -> Hit {
        var rank = quality * weight[i]
        if let t = populationTerm[i] { rank += t }
        if let t = accuracyTerm[i] { rank -= t }
        return Hit(place: i, name: name, method: method, quality: quality, rank: rank)
    }
}
