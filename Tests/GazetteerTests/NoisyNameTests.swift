import Foundation
import Gazetteer
import Testing
import TestSupport

/// Typing slips the word-based key cannot see, each once (the benchmark's
/// 100,000 noisy COD-AB names measure them in bulk: Benchmarks/RESULTS.md).
@Suite("Noisy names: squeezed words, garbled ordinals, letters lost, same-named sections")
struct NoisyNameTests {
    @Test("resolves to the zone (or a place inside it)", arguments: [
        ("LesAnglais", "HT0752"), ("LaC hapelle", "HT0533"), ("SudE-st", "HT02"),            // words run together or split
        ("4e SectionS t-Michel", "HT1011-04"),
        ("e8 Section Margot", "HT0372-08"), ("3eo Section Solon", "HT0712-03"),                // garbled ordinals
        ("Nrd", "HT03"), ("Wet", "HT01"), ("2e Section Tby", "HT1022-02"),                   // a letter lost from a short name
        ("8e Section Ravin Gros Morne", "HT0521-08"), ("aBs Limbé", "HT0362"),               // the whole with a slip beats a word of it
        ("1re Section de Grande Plaine", "HT0352-01"), ("1re Section Grande Plaine", "HT0132-01"),  // equal keys: the literal one first
        ("4e  Section Boucan Bo*", "HT0134-04"),                                              // a second name in the same boundary cell
        ("5e Section BelAir", "HT0231-05"),                                                   // equal key belongs to another section number
    ])
    func resolves(query: String, pcode: String) throws {
        let g = try GazetteerFixture.withBoundaries.get()
        let m = try #require(g.lookup(query).match, "\(query): no match")
        #expect(m.place.id == pcode || m.zones.contains { $0.pcode == pcode }, "\(query) → \(m.place.name) [\(m.place.id)], expected \(pcode)")
    }

    @Test("garbled ordinals are read as the number they hold; words are not")
    func garbledOrdinals() {
        #expect(NameNormalizer.sectionOrdinal("e8 Section Margot") == 8)
        #expect(NameNormalizer.sectionOrdinal("3eo Section Solon") == 3)
        #expect(NameNormalizer.sectionOrdinal("r1e Section de Desdunes") == 1)
        #expect(NameNormalizer.key("2ee Section Bois Neuf") == NameNormalizer.key("2e Section Bois Neuf"))
        #expect(NameNormalizer.sectionOrdinal("Delmas 30") == nil)
        #expect(NameNormalizer.sectionOrdinal("route 300 section") == nil)
    }

    @Test("a batch answers like one lookup per name, repeated names included")
    func batch() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        let queries = ["Mibalè", "Nrd", "Mibalè", "Zzyzx Qwerty", "LesAnglais", "Nrd", "Cite Soleil"]
        let batch = g.lookup(all: queries)
        #expect(batch.count == queries.count)
        for (q, r) in zip(queries, batch) {
            let one = g.lookup(q)
            #expect(r.query == q && r.match?.place.id == one.match?.place.id && r.score == one.score && r.ambiguous == one.ambiguous)
        }
        #expect(batch[3].match == nil)
    }

    @Test("a batch spread over threads gives the one-thread answers, in the queries' order")
    func threadedBatch() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        // Every zone name as written, with its last letter lost, and with two letters swapped: over 2,000 distinct
        // names (several chunks per thread), each given twice.
        var queries: [String] = []
        for p in g.places where p.kind == .adminZone {
            let n = Array(p.name)
            queries.append(p.name)
            if n.count > 4 {
                queries.append(String(n.dropLast()))
                var swapped = n
                swapped.swapAt(1, 2)
                queries.append(String(swapped))
            }
        }
        queries += queries.reversed()
        #expect(Set(queries).count > 2_000)
        let one = g.lookup(all: queries, threads: 1)
        let many = g.lookup(all: queries, threads: 4)
        #expect(one.count == queries.count && many.count == queries.count)
        var matched = 0
        for (a, b) in zip(one, many) {
            #expect(a.query == b.query && a.match?.place.id == b.match?.place.id && a.match?.matchedName == b.match?.matchedName)
            #expect(a.score == b.score && a.ambiguous == b.ambiguous && a.alternatives.map(\.place.id) == b.alternatives.map(\.place.id))
            if a.match != nil { matched += 1 }
        }
        #expect(zip(queries, many).allSatisfy { $0 == $1.query })
        #expect(matched > queries.count * 9 / 10)
    }
}
