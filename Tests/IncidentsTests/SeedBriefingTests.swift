import Foundation
import GeoCore
import Incidents
import Testing
import TestSupport

@Suite("Extraction from the seed briefing")
struct SeedBriefingTests {
    static func extraction() throws -> Extraction {
        let text = try String(contentsOfFile: SharedData.seedBriefing, encoding: .utf8)
        // The briefing reports the Mirebalais attack (Monday 31 March 2025) and the protest "on Wednesday" (2 April).
        return try ExtractorFixture.extractor.get().extract(text: text, file: "haiti-mss-briefing.txt", reportDate: CalendarDate(iso8601: "2025-04-04"))
    }

    @Test("the gang attack on Mirebalais: HT0621, over 500 inmates freed, homes and churches torched, two nuns killed")
    func mirebalais() throws {
        let e = try Self.extraction()
        let attack = try #require(e.incidents.first { $0.location == "Mirebalais" })
        #expect(attack.zoneChain.prefix(2) == ["HT06", "HT0621"])
        // Gangs stormed the town and freed a prison's inmates: a fight with the prison's guards (the state's forces),
        // Battles – Armed clash, as the annotated news articles 01–04 code the same attack.
        #expect(attack.eventType == "Battles" && attack.subEventType == "Armed clash")
        #expect(attack.actor1 == "Unidentified Gang (Haiti)")
        #expect(attack.freed == ReportedCount(500, qualifier: "over"))
        #expect(attack.killed == ReportedCount(2))
        #expect(attack.fatalities == 2)
        #expect(attack.notes?.contains("homes and churches were torched") == true)
        #expect(attack.notes?.contains("nuns") == true)
        // "earlier this week": the week of the report, Monday 31 March 2025, week precision.
        #expect(attack.eventDate == CalendarDate(iso8601: "2025-03-31"))
        #expect(attack.timePrecision == 2)
        let span = try #require(attack.extractedFrom)
        let text = Array(try String(contentsOfFile: SharedData.seedBriefing, encoding: .utf8))
        #expect(String(text[span.start..<span.end]).hasPrefix("The situation worsened earlier this week when gangs attacked Mirebalais"))
    }

    @Test("the protest in Port-au-Prince with clashes with riot police")
    func protest() throws {
        let e = try Self.extraction()
        let protest = try #require(e.incidents.first { $0.eventType == "Riots" || $0.eventType == "Protests" })
        #expect(protest.location == "Port-au-Prince")
        #expect(protest.zoneChain.prefix(2) == ["HT01", "HT0111"])
        #expect(protest.eventDate == CalendarDate(iso8601: "2025-04-02"))  // "On Wednesday"
        #expect(protest.timePrecision == 1)
        #expect(protest.actor2 == "Police Forces of Haiti")
        #expect(protest.notes?.contains("clashed with riot police") == true)
        #expect(["Violent demonstration", "Protest with intervention"].contains(protest.subEventType ?? ""))
    }

    @Test("two Kenyan officers killed and three injured since June, at country precision")
    func kenyanOfficers() throws {
        let e = try Self.extraction()
        let i = try #require(e.incidents.first { $0.actor2?.hasPrefix("MSS") == true })
        #expect(i.killed == ReportedCount(2))
        #expect(i.injured == ReportedCount(3))
        #expect(i.eventType == "Battles")
        #expect(i.actor1 == "Unidentified Gang (Haiti)")
        #expect(i.geoPrecision == 3)
        #expect(i.location == "Haiti")
        #expect(i.latitude == nil && i.zoneChain.isEmpty && i.admin3 == nil, "no invented commune")
        #expect(i.timePrecision == 3)
        #expect(i.eventDate == CalendarDate(iso8601: "2024-06-01"))  // "since June", before April 2025
        // Ten months' toll, not one event: flagged, and left out of the incident layers.
        #expect(i.isAggregate && !i.isBackground)
    }

    @Test("the reported 90% gang control of Port-au-Prince, by the U.N.")
    func control() throws {
        let e = try Self.extraction()
        let c = try #require(e.control.first)
        #expect(e.control.count == 1)
        #expect(c.share == 0.9)
        #expect(c.actorClass == ControlClass("gang"))
        #expect(c.zone == "HT0111")
        #expect(c.source == "United Nations")
        #expect(c.date == CalendarDate(iso8601: "2025-04-04"))
    }

    @Test("exactly these three incidents; Kenya listed outside Haiti; no person taken for a place")
    func nothingInvented() throws {
        let e = try Self.extraction()
        #expect(e.incidents.count == 3)
        #expect(Set(e.outside.map(\.name)) == ["Kenya"])
        #expect(Set(e.mentions.map(\.name)).isSubset(of: ["Port-au-Prince", "Mirebalais"]))
        #expect(!e.mentions.contains { $0.text.contains("Jovenel") || $0.text.contains("Moïse") })
    }
}
