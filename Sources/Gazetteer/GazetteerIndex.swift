import Foundation
import GeoCore

/// A gazetteer's tables with the answers to the commonest queries worked out ahead: every exact and alias key with
/// default options, and the names whose key needs the full rules by their folded words (an exact lookup is then one
/// fold and one hash look-up). Section queries named with their number share answers through a memo filled as they
/// come. Built once; the memo is the only thing that changes, behind its own lock.
final class GazetteerIndex: Sendable {
    let tables: GazetteerTables
    /// Results for exact and alias keys with default options.
    private let precomputed: ExactKeyTable
    /// The same results by the folded words of the names whose key needs the full rules ("1re Section Martissant" →
    /// `1re section martissant`), so that these too are found without building the key.
    private let precomputedFolded: ExactKeyTable
    /// Answers of section queries shared by their key, ordinal and literal words (``sectionMemoKey``).
    private let sectionMemo = Locked<[String: Resolution]>([:])

    init(_ tables: GazetteerTables) {
        self.tables = tables
        // Every exact and alias key resolved in full ahead (on every core: resolving only reads the index).
        let precomputedKeys = Array(Set(tables.exact.keys).union(tables.aliases.targets.keys))
        let resolutions = precomputedKeys.parallelMap { tables.resolve(key: $0, query: $0, options: Gazetteer.Options()).resolution }
        var precomputed = ExactKeyTable(capacity: precomputedKeys.count)
        for (key, r) in zip(precomputedKeys, resolutions) { precomputed.insert(key, r) }
        // The names whose key needs the full rules, by their folded words (the first name with a form gives its answer).
        var foldedNames: [(form: String, key: String, name: String)] = []
        var seenForms = Set<String>()
        for p in tables.places {
            for name in p.allNames where name.utf8.count <= 512 {
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: NameNormalizer.latinKeyCapacity(name)) { out in
                    guard let (n, needsRules) = NameNormalizer.latinFold(name, into: out), needsRules, n > 0 else { return }
                    let form = String(decoding: UnsafeBufferPointer(rebasing: out[0..<n]), as: UTF8.self)
                    let key = tables.nameKeys[name] ?? NameNormalizer.key(name)
                    guard !seenForms.contains(form), precomputed.find(key) != nil else { return }
                    seenForms.insert(form)
                    foldedNames.append((form, key, name))
                }
            }
        }
        let folded = foldedNames.parallelMap { tables.resolve(key: $0.key, query: $0.name, options: Gazetteer.Options()).resolution }
        var precomputedFolded = ExactKeyTable(capacity: folded.count)
        for (f, r) in zip(foldedNames, folded) { precomputedFolded.insert(f.form, r) }
        self.precomputed = precomputed
        self.precomputedFolded = precomputedFolded
    }

    /// Resolves one name. An unknown name is not an error: the result has no
    /// match and lists near misses.
    func lookup(_ query: String, options: Gazetteer.Options) -> GeocodeResult {
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
            if let r = sectionMemo.withLock({ $0[memoKey] }) { return GeocodeResult(query: query, resolution: r) }
            let result = tables.resolve(key: key, query: query, ordinal: ordinal, squeezed: forms.squeezed, options: options)
            sectionMemo.withLock { memo in memo[memoKey] = memo[memoKey] ?? result.resolution }
            return result
        }
        return tables.resolve(key: key, query: query, ordinal: ordinal, squeezed: forms.squeezed, options: options)
    }

    /// The key under which a query's answer is shared, when ``resolve(key:query:ordinal:squeezed:options:)``
    /// (default options) reads nothing of the query but its key, ordinal and literal words: the key has exact
    /// names, one of them with this ordinal (so neither the squeezed name nor fuzzy matching is looked at), and
    /// no alias (whose hits carry the query itself).
    private func sectionMemoKey(key: String, ordinal: Int, repaired: [String]) -> String? {
        guard !repaired.isEmpty, tables.ordinalsByKey[key]?.contains(ordinal) == true else { return nil }
        return key + "\t" + String(ordinal) + "\t" + NameForms.literalWords(repaired: repaired).joined(separator: " ")
    }
}
