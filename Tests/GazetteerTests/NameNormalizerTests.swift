import Gazetteer
import GeoCore
import Testing

@Suite("Name normalisation")
struct NameNormalizerTests {
    @Test("keys", arguments: [
        ("Pétion-Ville", "petion ville"), ("PETION VILLE", "petion ville"), ("Mibalè", "mibale"),
        ("Mibale\u{300}", "mibale"), ("3e Section Martissant", "martissant"), ("1re Section des Varreux", "varreux"),
        ("St-Marc", "saint marc"), ("Saint Marc", "saint marc"), ("Ste. Suzanne", "sainte suzanne"),
        ("L'Estère", "estere"), ("L’Estère", "estere"), ("Les Cayes", "cayes"), ("Commune de Delmas", "delmas"),
        ("Anse-à-Veau", "anse a veau"), ("Croix-Des-Bouquets", "croix des bouquets"), ("Grand'Anse", "grand anse"),
        ("Section communale de Bas Boën", "bas boen"), ("  Port--au..Prince ", "port au prince"), ("Œuvre", "oeuvre"),
    ])
    func keys(input: String, expected: String) {
        #expect(NameNormalizer.key(input) == expected)
    }

    @Test("edit distance is bounded and counts transpositions")
    func editDistance() {
        #expect(EditDistance.bounded(Array("gonaives".utf8), Array("gonaivse".utf8), bound: 2) == 1)
        #expect(EditDistance.bounded(Array("mirebalais".utf8), Array("mirbalais".utf8), bound: 2) == 1)
        #expect(EditDistance.bounded(Array("jacmel".utf8), Array("hinche".utf8), bound: 2) == nil)
        #expect(EditDistance.bounded(Array("".utf8), Array("ab".utf8), bound: 2) == 2)
    }
}
