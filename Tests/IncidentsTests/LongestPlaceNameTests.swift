import Foundation
import GeoCore
import Incidents
import Testing

/// Issue 40, item 1: a longer name holding a known one is not cut to it. Made-up names of the shape of "Vallée de
/// Bourdon" (a quartier read as La Vallée, in Sud-Est): a known place, "de", an unknown word.
@Suite("Place names: longest match, no silent truncation")
struct LongestPlaceNameTests {
    func extract(_ text: String) throws -> Extraction {
        try ExtractorFixture.extractor.get().extract(text: text, file: "made-up.txt", reportDate: CalendarDate(iso8601: "2025-04-04"))
    }

    @Test("'Cabaret de Zoubliyèt' and 'Vallée de Bourdon' are unknown places, not Cabaret or La Vallée; the incident is not put there")
    func notCut() throws {
        let e = try extract("Des hommes armés ont attaqué Cabaret de Zoubliyèt mardi, tuant trois personnes. Hier, des tirs ont visé Vallée de Bourdon.")
        #expect(!e.mentions.contains { $0.name == "Cabaret" || $0.name == "La Vallée" }, "\(e.mentions.map(\.name))")
        #expect(e.unknownPlaces.map(\.text) == ["Cabaret de Zoubliyèt", "Vallée de Bourdon"], "\(e.unknownPlaces.map(\.text))")
        let span = try #require(e.unknownPlaces.first?.span)
        #expect(span.end - span.start == "Cabaret de Zoubliyèt".count)
        #expect(!e.incidents.contains { $0.zoneChain.contains("HT0142") }, "nothing placed in Cabaret commune")
    }

    @Test("a known place after 'de' is still found: 'la Commune de Cabaret', 'le marché de Delmas'")
    func knownTail() throws {
        let e = try extract("Des bandits ont incendié le Marché de Delmas. La Commune de Cabaret reste sous leur contrôle.")
        #expect(e.mentions.contains { $0.name.contains("Delmas") }, "\(e.mentions.map(\.name))")
        #expect(e.mentions.contains { $0.name.contains("Cabaret") }, "\(e.mentions.map(\.name))")
        #expect(e.unknownPlaces.isEmpty, "\(e.unknownPlaces.map(\.text))")
    }
}
