import Foundation
import GeoCore
import Incidents
import Testing
import TestSupport

/// One incident per event, at the event's own place (constructed articles 11 and 15 of the news fixtures).
@Suite("Extraction: one incident per event, at its own place")
struct EventCoreferenceTests {
    func incidents(_ prefix: String) throws -> [Incident] {
        let t = try #require(try NewsPlaceMentionTests.texts().first { $0.file.hasPrefix(prefix) })
        return try ExtractorFixture.extractor.get().extract(text: t.text, file: t.file, reportDate: t.date).incidents
    }

    @Test("an attack retold by headline, lead, a spokesman in the capital and a resident is one incident, in Lascahobas")
    func retold() throws {
        let found = try incidents("11-")
        #expect(found.count == 1, "\(found.map { ($0.eventType ?? "", $0.location ?? "") })")
        #expect(found.first?.zoneChain.contains("HT0631") == true)
        #expect(found.first?.killed?.value == 6)
    }

    @Test("where a spokesman spoke is not where the attack was")
    func spokesman() throws {
        let found = try incidents("15-")
        #expect(found.contains { $0.zoneChain.contains("HT0532") })
        #expect(!found.contains { $0.zoneChain.contains("HT0111") })
    }

    @Test("events more than a week apart stay apart (the seed's 'since June' and the Mirebalais attack)")
    func datesApart() throws {
        let text = try String(contentsOfFile: SharedData.seedBriefing, encoding: .utf8)
        let e = try ExtractorFixture.extractor.get().extract(text: text, file: "seed.txt", reportDate: CalendarDate(iso8601: "2025-04-04"))
        #expect(e.incidents.count == 3)
    }
}
