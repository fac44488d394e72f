import Foundation
import Gazetteer
import Testing
import TestSupport

/// The exact-lookup fast paths (allocation-free Latin keys, results found by
/// key bytes or by folded words) must answer exactly what the full rules and
/// the full ranking answer.
@Suite("Exact lookups: fast paths agree with the full rules")
struct ExactLookupTests {
    static func names(_ g: Gazetteer) -> [String] {
        Array(Set(g.places.flatMap(\.allNames))).sorted()
    }

    @Test("every gazetteer name (embedded + COD-AB + postal): key == the full rules' words")
    func keysAgree() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        let names = Self.names(g)
        #expect(names.count > 1_400)
        var differ: [String] = []
        for n in names where NameNormalizer.key(n) != NameNormalizer.tokens(n).joined(separator: " ") { differ.append(n) }
        #expect(differ.isEmpty, "\(differ.prefix(10))")
    }

    @Test("every gazetteer name, as written, upper-cased and accent-stripped: the precomputed answer equals the full ranking")
    func lookupsAgree() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        var checked = 0, differ: [String] = []
        for n in Self.names(g) {
            for q in [n, n.uppercased(), n.folding(options: .diacriticInsensitive, locale: nil)] {
                let fast = g.lookup(q)
                // Asking for 6 alternatives bypasses every precomputed table.
                let full = g.lookup(q, options: .init(alternatives: 6))
                checked += 1
                if fast.match?.place.id != full.match?.place.id || abs(fast.score - full.score) > 1e-12 || fast.ambiguous != full.ambiguous
                    || fast.alternatives.map(\.place.id) != Array(full.alternatives.map(\.place.id).prefix(5)) {
                    differ.append(q)
                }
            }
        }
        #expect(checked > 4_000)
        #expect(differ.isEmpty, "\(differ.count) differ: \(differ.prefix(10))")
    }
}

/// Section queries whose key names a section exactly share their answer by key, number and words as written:
/// whatever variant comes first, each must get what the full ranking gives it.
@Suite("Shared answers of section queries agree with the full ranking")
struct SectionMemoTests {
    @Test("every numbered section name with a slip in 'Section', its number changed, in capitals: memo == full ranking")
    func agree() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        let sections = ExactLookupTests.names(g).filter { NameNormalizer.sectionOrdinal($0) != nil }
        #expect(sections.count > 500)
        var queries: [String] = []
        for n in sections {
            guard let r = n.range(of: "Section") ?? n.range(of: "section") else { continue }
            let rest = n[r.upperBound...], head = n[..<r.lowerBound]
            queries += [head + "Secton" + rest, head + "Sectio" + rest, n.uppercased(), head + "sSection" + rest, n,
                        "2e Section" + rest, "1re Section" + rest, head + "Section de" + rest]
        }
        // Twice over, in two orders: the second time every answer comes from what the first variant left.
        var checked = 0, differ: [String] = []
        for q in queries + queries.reversed() {
            let fast = g.lookup(q)
            let full = g.lookup(q, options: .init(alternatives: 6))
            checked += 1
            if fast.match?.place.id != full.match?.place.id || fast.match?.matchedName != full.match?.matchedName
                || fast.match?.method != full.match?.method || abs(fast.score - full.score) > 1e-12 || fast.ambiguous != full.ambiguous
                || fast.alternatives.map(\.place.id) != Array(full.alternatives.map(\.place.id).prefix(5))
                || fast.alternatives.map(\.rank) != Array(full.alternatives.map(\.rank).prefix(5)) || fast.query != q {
                differ.append(q)
            }
        }
        #expect(checked > 8_000)
        #expect(differ.isEmpty, "\(differ.count) differ: \(differ.prefix(10))")
    }
}

/// Misspellings seen in the benchmark's noisy COD-AB names (Benchmarks/scripts/synth.py).
@Suite("Section ordinals and typing slips")
struct SectionOrdinalTests {
    @Test("the section's number picks among same-named sections; slips in 'Section' are repaired", arguments: [
        ("3e Section Montagne Noire", "HT0332-03"), ("1re Section Montagne Noire", "HT0114-01"),
        ("7e Section Belle Fontaine", "HT0131-07"), ("4e Section Belle Fontaine", "HT0115-04"),
        ("2E SECTION GRANDE PLAINE", "HT0132-02"), ("6e SectionBoulmier", "HT0711-06"), ("1re Sectio nRenthe Mathe", "HT0632-01"),
        ("2eSection Bellevue", "HT0731-02"), ("Psetel", "HT0834"), ("Brogne", "HT0351"),
    ])
    func ordinals(query: String, pcode: String) throws {
        let g = try GazetteerFixture.withBoundaries.get()
        let m = try #require(g.lookup(query).match, "\(query)")
        #expect(m.place.id == pcode || m.zones.contains { $0.pcode == pcode }, "\(query) → \(m.place.id) \(m.place.name)")
    }

    @Test("sectionOrdinal reads numbers and words; names without a section have none")
    func parse() {
        #expect(NameNormalizer.sectionOrdinal("3e Section Martissant") == 3)
        #expect(NameNormalizer.sectionOrdinal("Première section de Turgeau") == 1)
        #expect(NameNormalizer.sectionOrdinal("11ème Section Gros Morne") == 11)
        #expect(NameNormalizer.sectionOrdinal("Martissant") == nil)
        #expect(NameNormalizer.sectionOrdinal("Section Martissant") == nil)
    }
}
