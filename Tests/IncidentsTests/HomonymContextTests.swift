import Foundation
import Gazetteer
import Incidents
import Testing
import TestSupport

/// Villages named like people, and homonyms settled by the article's other places.
@Suite("Extraction: villages and homonyms in context")
struct HomonymContextTests {
    func places(_ text: String) throws -> [PlaceMention] {
        try ExtractorFixture.extractor.get().extract(text: text, file: "t.txt", reportDate: nil).mentions
    }

    @Test("a name several villages share goes to the one near the article's other places, with the others listed")
    func contextPullsHomonym() throws {
        // Drouillard: villages in Vallières, Cité Soleil, Cornillon, Croix-des-Bouquets and Kenscoff.
        let east = try places("Armed men burned homes in the village of Drouillard on Monday. Residents fled toward Cornillon and Thomazeau.")
        let d1 = try #require(east.first { $0.text == "Drouillard" })
        #expect(d1.ambiguous)
        #expect(d1.commune == "HT0132", "chosen: \(d1.name) in \(d1.commune ?? "-")")
        #expect(d1.alternatives.count >= 4)
        let north = try places("Farmers in Drouillard said the road to Vallières and Mont-Organisé was cut.")
        let d2 = try #require(north.first { $0.text == "Drouillard" })
        #expect(d2.commune == "HT0441", "chosen: \(d2.name) in \(d2.commune ?? "-")")
        // Which rule chose, and how near: said with the choice.
        #expect(d1.chosenBy?.hasPrefix("the nearest to the article's other places: ") == true, "\(d1.chosenBy ?? "-")")
        #expect(d1.chosenBy.map { $0.contains("km from Cornillon") || $0.contains("km from Thomazeau") } == true, "\(d1.chosenBy ?? "-")")
        let alone = try places("Armed men burned homes in the village of Drouillard on Monday.")
        #expect(alone.first { $0.text == "Drouillard" }?.chosenBy == "the best ranked: the article names no other place without doubt")
        // A dateline's place is an anchor like any other, and said as the dateline's.
        let dated = try places("CORNILLON, March 3 — Armed men burned homes in the village of Drouillard on Monday.")
        let d3 = try #require(dated.first { $0.text == "Drouillard" })
        #expect(d3.commune == "HT0132" && d3.chosenBy?.contains("km from the dateline's Cornillon") == true, "\(d3.commune ?? "-"): \(d3.chosenBy ?? "-")")
        // Unambiguous names are not touched by the context.
        #expect(north.first { $0.text == "Vallières" }?.ambiguous == false)
    }

    @Test("villages named like people count only where the words before them say a place follows")
    func personNamesAreNotVillages() throws {
        let text = "Henry said the situation was calm. Jean Baptiste and Louis spoke to reporters. Moïse was killed in 2021. "
            + "Gunmen later attacked the locality of Bois Neuf, and families fled to Mirebalais."
        let found = try places(text)
        let names = found.map(\.text)
        for person in ["Henry", "Baptiste", "Jean", "Louis", "Moïse"] { #expect(!names.contains(person), "\(person) taken for a place") }
        #expect(names.contains("Bois Neuf"))
        #expect(names.contains("Mirebalais"))
    }
}
