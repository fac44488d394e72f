import Foundation
import GeoCore

/// The stages of matching after the exact key: aliases, names contained in the query or containing it, and names a few edits away (by
/// their keys, then by their squeezed forms).
extension GazetteerTables {
    /// The places an alias names: by id (a bare number is a GeoNames id), else by the target's key.
    func resolveAlias(_ target: String) -> [Int] {
        let t = target.trimmingCharacters(in: .whitespaces)
        let asID = t.allSatisfy(\.isNumber) ? "geonames:\(t)" : t
        let byID = places.indices.filter { places[$0].id == asID }
        if !byID.isEmpty { return byID }
        return exact[NameNormalizer.key(t)]?.map(\.0) ?? []
    }

    /// Names wholly contained in the query (`Delmas 30` ⊃ `Delmas`), and the
    /// query wholly contained at the start of a longer name (`Carrefour` in
    /// `Carrefour Feuilles`).
    func tokenMatches(_ key: String, _ t: MatchTables) -> [Hit] {
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

    func fuzzyMatches(_ key: String, boundBonus: Int, _ t: MatchTables) -> [Hit] {
        let q = Array(key.utf8)
        let bound = EditDistance.bound(forLength: q.count) + boundBonus
        var out: [Hit] = []
        for (k, d, length) in FuzzySearch.within(bound, of: q, deletions: boundBonus == 0 ? t.keyDeletes : nil, trigrams: t.trigrams,
                                          gramCounts: t.keyGramCounts, bytes: t.keyBytes) {
            let quality = FuzzySearch.fuzzyQuality(distance: d, lengths: length)
            out += t.hitsByKey[k].map { t.hit(place: $0.0, name: $0.1, method: .fuzzy, quality: quality) }
        }
        return out
    }

    func compactFuzzyMatches(squeezed: String, _ t: MatchTables) -> [Hit] {
        let q = Array(squeezed.utf8)
        var out: [Hit] = []
        // A three-letter name is too short for a fuzzy bound, but one letter lost from a four-letter one
        // ("Nrd", "Wet") is still recognisable: that one case is allowed.
        let bound = q.count == 3 ? 1 : EditDistance.bound(forLength: q.count)
        for (k, d, length) in FuzzySearch.within(bound, of: q, deletions: t.compactDeletes, trigrams: t.compactTrigrams, gramCounts: t.compactGramCounts,
                                          bytes: t.compactBytes)
        where q.count != 3 || t.compactBytes[k].count == 4 {
            let quality = FuzzySearch.fuzzyQuality(distance: d, lengths: length)
            out += t.hitsByCompact[k].map { t.hit(place: $0.0, name: $0.1, method: .fuzzy, quality: quality) }
        }
        return out
    }
}
