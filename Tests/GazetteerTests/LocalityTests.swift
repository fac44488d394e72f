import Foundation
import GeoCore
import Gazetteer
import Testing
import TestSupport
import Zones

/// The embedded localities (`Geo/gazetteer/haiti-localities.tsv`: Who's On First / GeoNames villages and the
/// GeoNames postal quartiers) with the COD-AB zones: homonyms, ranking by kind, context, untrusted points.
@Suite("Embedded localities and homonyms")
struct LocalityTests {
    static let source = SharedData.sharedRoot.appendingPathComponent("data/haiti/whosonfirst/haiti-localities.tsv").path

    @Test("every WOF locality (less regions, counties and two buildings) is in the gazetteer, each with a zone chain")
    func everyLocality() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        let text = try String(contentsOfFile: Self.source, encoding: .utf8)
        var expected = Set<String>()
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f[4] != "region", f[4] != "county" else { continue }
            expected.insert(f[6].isEmpty ? "wof:\(f[5])" : "geonames:\(f[6])")
        }
        let ids = Set(g.places.map(\.id))
        let missing = expected.subtracting(ids)
        #expect(expected.count >= 10_800)
        #expect(missing.count <= 2, "missing: \(missing.prefix(5))")
        // One record per id: a WOF record with a cities500 id merges into the town (keeping its population).
        #expect(g.places.filter { $0.source != "geonames-postal" }.count == Set(g.places.filter { $0.source != "geonames-postal" }.map(\.id)).count)
        let mirebalais = try #require(g.places.first { $0.id == "geonames:3720811" })
        #expect((mirebalais.population ?? 0) > 0)
        #expect(mirebalais.kind == .populatedPlace)
        // Points outside every commune are snapped within 2 km; nearly all villages lie inside the country.
        let villages = g.places.filter { $0.kind == .village }
        let chained = villages.filter { g.zones(of: $0).contains { $0.level == ZoneLevel("adm3") } }
        #expect(Double(chained.count) / Double(villages.count) > 0.995, "\(villages.count - chained.count) villages without a section")
    }

    @Test("five places called Drouillard: ambiguous, each reachable by --within and --near")
    func drouillard() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        let r = g.lookup("Drouillard")
        #expect(r.ambiguous)
        let all = [r.match!] + r.alternatives
        let villages = all.filter { $0.place.kind == .village && $0.place.name == "Drouillard" }
        #expect(villages.count == 5)
        let communes = Set(villages.compactMap { $0.zones.first { $0.level == ZoneLevel("adm2") }?.pcode })
        #expect(communes.count >= 4)
        for v in villages {
            let commune = try #require(v.zones.first { $0.level == ZoneLevel("adm2") }?.pcode)
            // Within its section (unique even where two share a commune).
            let section = try #require(v.zones.first { $0.level == ZoneLevel("adm3") }?.pcode)
            let within = g.lookup("Drouillard", options: .init(within: section))
            #expect(within.match?.zones.contains { $0.pcode == commune } == true, "within \(section)")
            // Near its own point it (or the neighbourhood of Cité Soleil the alias names, for the one there) comes first.
            let near = g.lookup("Drouillard", options: .init(near: v.place.coordinate))
            #expect(near.match?.zones.contains { $0.pcode == commune } == true, "near \(v.place.id): got \(near.match?.place.id ?? "-")")
        }
    }

    @Test("a town outranks villages of its name without being called ambiguous by them")
    func kindRanking() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        var checked = 0
        for town in g.places where town.kind == .populatedPlace && (town.population ?? 0) > 0 {
            let homonyms = g.places.filter { $0.kind == .village && $0.name == town.name }
            guard !homonyms.isEmpty else { continue }
            checked += 1
            let r = g.lookup(town.name)
            let m = try #require(r.match, "\(town.name)")
            #expect(m.place.kind != .village, "\(town.name) → a village")
            #expect(!r.ambiguous || !r.alternatives.prefix(1).contains { $0.place.kind == .village }, "\(town.name): ambiguous with a village")
        }
        #expect(checked >= 20)
    }

    @Test("postal points known to be wrong are flagged and never beat the commune of the same name")
    func untrustedPostal() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        let embedded = g.places.filter { $0.source == "geonames-postal" && $0.id.hasPrefix("postal:") }
        let varreux = try #require(embedded.first { $0.name == "Varreux" })
        #expect(varreux.accuracy == 0)  // in Petit-Goâve, 55 km from Port-au-Prince's other quartiers
        #expect(embedded.first { $0.name == "Delmas" }?.accuracy == 0)
        #expect(embedded.first { $0.name == "Turgeau" }?.accuracy == nil)
        #expect(g.lookup("Delmas").match?.zones.contains { $0.pcode == "HT0112" } == true)
        #expect(g.lookup("Tabarre").match?.zones.contains { $0.pcode == "HT0118" } == true)
        // Split names: each part is a name of the quartier.
        #expect(g.lookup("Martissant").match?.zones.contains { $0.pcode == "HT0111" } == true)
        #expect(g.lookup("Bolosse").match?.zones.contains { $0.pcode == "HT0111" } == true)
    }
}
