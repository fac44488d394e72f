import Foundation
import GeoCore
import Gazetteer
import Testing
import TestSupport
import Zones

@Suite("Resolving real name variants")
struct NameVariantTests {
    struct Row { let query: String; let expected: String; let source: String }

    static func rows() throws -> [Row] {
        let text = try String(contentsOfFile: GazetteerFixture.fixture("name-variants.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(query: f[0], expected: f[1], source: f[2])
        }
    }

    @Test("at least 98% of ≥150 real variants resolve top-1 to the right place or commune")
    func accuracy() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        let rows = try Self.rows()
        #expect(rows.count >= 150)
        // The commune of each GeoNames place, for geonames:ID expectations.
        var failures: [String] = []
        for r in rows {
            let result = g.lookup(r.query)
            guard let m = result.match else { failures.append("\(r.query) → no match (\(r.source))"); continue }
            let adm2 = m.zones.first { $0.level == ZoneLevel("adm2") }?.pcode
            let adm1 = m.zones.first { $0.level == ZoneLevel("adm1") }?.pcode
            let ok: Bool
            if r.expected.hasPrefix("geonames:") {
                let expectedPlace = g.places.first { $0.id == r.expected }!
                let expectedCommune = g.zones(of: expectedPlace).first { $0.level == ZoneLevel("adm2") }?.pcode
                ok = m.place.id == r.expected || (adm2 != nil && adm2 == expectedCommune)
            } else if r.expected.count == 4 {
                ok = adm1 == r.expected && (m.place.zoneLevel == ZoneLevel("adm1") || m.place.id == r.expected)
            } else {
                ok = adm2 == r.expected
            }
            if !ok { failures.append("\(r.query) → \(m.place.name) [\(m.place.id)] in \(adm2 ?? "-"), expected \(r.expected) (\(r.source))") }
        }
        let accuracy = Double(rows.count - failures.count) / Double(rows.count)
        print("gazetteer accuracy: \(rows.count - failures.count)/\(rows.count) = \(String(format: "%.2f", accuracy * 100))%")
        for f in failures { print("  miss: \(f)") }
        #expect(accuracy >= 0.98, "\(failures.count) misses: \(failures.prefix(20))")
    }

    @Test("every name the issue lists resolves, with and without boundaries")
    func issueNames() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        let e = try GazetteerFixture.embeddedOnly.get()
        let names = ["Pòtoprens", "Mibalè", "Cite Soleil", "Petionville", "Croix des Bouquets", "Delmas 30", "port au prince",
                     "PORT-AU-PRINCE", "Cité-Soleil", "Pétion Ville", "Kwadebouke", "Cap Haitien", "St-Marc", "Leogane",
                     "Gonaives", "Jeremie", "Hinche", "Mirebalais", "Okap", "Gonayiv"]
        for n in names {
            #expect(g.lookup(n).match != nil, "\(n) with boundaries")
        }
        // Without boundaries only GeoNames and aliases are there; quartier-level names may not be.
        for n in ["Pòtoprens", "Mibalè", "Petionville", "Croix des Bouquets", "port au prince", "Kwadebouke", "Cap Haitien",
                  "St-Marc", "Leogane", "Gonaives", "Jeremie", "Hinche", "Mirebalais", "Okap", "Gonayiv"] {
            #expect(e.lookup(n).match != nil, "\(n) embedded only")
        }
    }

    @Test("Mirebalais is in HT06 / HT0621, Cité Soleil in HT01 / HT0117")
    func zoneChains() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        let m = try #require(g.lookup("Mirebalais").match)
        #expect(m.zones.map(\.pcode).prefix(2) == ["HT06", "HT0621"])
        let c = try #require(g.lookup("Cité Soleil").match)
        #expect(c.zones.map(\.pcode).prefix(2) == ["HT01", "HT0117"])
    }

    @Test("two GeoNames Arcahaie: ambiguous, the more populous first; --within resolves it")
    func ambiguity() throws {
        let e = try GazetteerFixture.embeddedOnly.get()
        let r = e.lookup("Arcahaie")
        #expect(r.ambiguous)
        #expect(r.match?.place.id == "geonames:3731088")
        #expect(r.alternatives.contains { $0.place.id == "geonames:3731087" })
        let g = try GazetteerFixture.withBoundaries.get()
        let within = g.lookup("Arcahaie", options: .init(within: "HT09"))
        #expect(within.match?.place.id == "geonames:3731087", "\(String(describing: within.match?.place.id))")
        // --near biases towards the Nord-Ouest one.
        let near = e.lookup("Arcahaie", options: .init(near: Coordinate(longitude: -72.9, latitude: 19.8)))
        #expect(near.match?.place.id == "geonames:3731087")
    }

    @Test("NFC and NFD inputs give identical results")
    func unicodeForms() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        for name in ["Pétion-Ville", "Mibalè", "Gonaïves", "Léogâne", "Kwadèbouke"] {
            let nfc = g.lookup(name.precomposedStringWithCanonicalMapping)
            let nfd = g.lookup(name.decomposedStringWithCanonicalMapping)
            #expect(nfc.match?.place.id == nfd.match?.place.id && nfc.score == nfd.score, "\(name)")
        }
    }

    @Test("unknown names give no match with near misses; junk input does not crash")
    func unknownAndJunk() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        let r = g.lookup("Xyzzyville")
        #expect(r.match == nil)
        let town = g.lookup("Mirebalais town")
        #expect(town.match?.method == .token && town.match?.zones.map(\.pcode).contains("HT0621") == true)
        let near = g.lookup("Gonaivez")
        #expect(near.match?.place.name.hasPrefix("Gona") == true)
        for junk in ["", "   ", "\u{0}\u{1}\u{7}", String(repeating: "a", count: 10_000), "''''", "1234"] {
            let j = g.lookup(junk)
            #expect(j.match == nil || !junk.isEmpty)
        }
    }
}
