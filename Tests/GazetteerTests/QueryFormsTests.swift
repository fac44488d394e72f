import Foundation
@testable import Gazetteer
import Testing

/// ``NameNormalizer/forms(_:)`` derives a query's key, section ordinal and
/// squeezed form in one fold; each must equal what the one-by-one functions give.
@Suite("Query forms: one fold, the same key, ordinal and squeezed name")
struct QueryFormsTests {
    static let edgeCases = [
        "", "   ", "2esection", "2esection Bellevue", "2e", "30 Delmas", "Delmas 30", "3e Section Martissant", "3E SECTION MARTISSANT",
        "e8 Section Margot", "3eo Section Solon", "1re Sectio Lincourt", "4 eSection Boucan", "St-Marc", "St Marc 2", "Ste-Suzanne",
        "Première section de Bellevue", "Commune de Léogâne", "Ναύπλιο", "Mibale\u{300}", "Ɓ 2e Section", "Cœur-de-Bœuf", "L'Estère",
        "1re Section de Grande Plaine", "5e Section BelAir", "Section communale de Bas Limbé", "Arrondissement de Port-au-Prince",
    ]

    static func check(_ n: String) -> String? {
        let f = NameNormalizer.forms(n)
        let key = NameNormalizer.key(n), ordinal = NameNormalizer.sectionOrdinal(n), squeezed = NameNormalizer.rawTokens(n).joined()
        guard f.key == key, f.ordinal == ordinal, f.squeezed == squeezed else {
            return "\(n): forms (\(f.key), \(f.ordinal.map(String.init) ?? "nil"), \(f.squeezed)) vs (\(key), \(ordinal.map(String.init) ?? "nil"), \(squeezed))"
        }
        return nil
    }

    @Test("edge cases: digits first, glued and misspelt 'section', Saint abbreviations, noise words, other scripts")
    func edgeCases() {
        let differ = Self.edgeCases.compactMap(Self.check)
        #expect(differ.isEmpty, "\(differ)")
    }

    @Test("every gazetteer name, upper-cased, with a letter lost and with an ordinal before it")
    func gazetteerNames() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        var differ: [String] = [], checked = 0
        for n in Set(g.places.flatMap(\.allNames)) {
            for q in [n, n.uppercased(), String(n.dropLast()), "2e Section " + n, "2esection " + n, "e3 Section " + n] {
                checked += 1
                if let d = Self.check(q) { differ.append(d) }
            }
        }
        #expect(checked > 8_000)
        #expect(differ.isEmpty, "\(differ.prefix(10))")
    }
}
