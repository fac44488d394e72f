import Foundation
import GeoCore
import Incidents
import Testing

/// What an event is, where, and whether the report is about it: the rules added for issue 26, each on a sentence of
/// its own (the annotated articles test them together, through Benchmarks/score-extraction).
@Suite("Extraction: event types, clauses, background and statistics")
struct EventTypingTests {
    func extract(_ text: String, date: String = "2025-06-20") throws -> Extraction {
        try ExtractorFixture.extractor.get().extract(text: text, file: "t.txt", reportDate: CalendarDate(iso8601: date))
    }

    func communes(_ e: Extraction) -> [String] { e.incidents.map { $0.zoneChain.first { $0.count == 6 } ?? "-" } }

    @Test("two events in one sentence (', while', ', tandis qu'') are two incidents, each at its own place")
    func twoClauses() throws {
        let en = try extract("On Thursday armed men kidnapped a nurse in Croix-des-Bouquets, while hundreds of students marched peacefully in Cap-Haïtien.")
        #expect(communes(en) == ["HT0131", "HT0311"])
        #expect(en.incidents.map(\.eventType) == ["Violence against civilians", "Protests"])
        let fr = try extract("Mardi, des hommes armés ont incendié des maisons à Ganthier, tandis qu'à Jacmel des élèves manifestaient.")
        #expect(communes(fr) == ["HT0133", "HT0211"])
        // One event and a clause without one: one incident.
        let one = try extract("Gunmen attacked a market in Hinche, while residents hid in their homes.")
        #expect(one.incidents.count == 1)
    }

    @Test("past events and a period's totals are flagged and left out of the layers; the report's event is not")
    func backgroundAndAggregate() throws {
        let e = try extract("""
            Gunmen shot dead four farmers outside Cabaret on Monday.

            The killings come a year after gangs massacred dozens of people in Arcahaie.

            Gangs killed more than 5,600 people in Haiti in 2024, according to the United Nations.
            """, date: "2025-07-08")
        let flags = e.incidents.map { ($0.isBackground, $0.isAggregate) }
        #expect(e.incidents.count == 3, "\(e.incidents.map(\.notes))")
        #expect(flags.first! == (false, false))
        #expect(e.incidents.dropFirst().allSatisfy { i in i.isBackground || i.isAggregate })
        #expect(e.incidents.last?.isAggregate == true)
        let layers = e.withoutBackground()
        #expect(communes(layers) == ["HT0142"])
        // A date over a month before the report makes an event background.
        let old = try extract("On March 2, gangs attacked the prison of Croix-des-Bouquets.", date: "2025-06-20")
        #expect(old.incidents.first?.isBackground == true)
    }

    @Test("'the attack' names the event told before; a place within the area named first takes its place")
    func anaphora() throws {
        let e = try extract("""
            Before dawn on Tuesday, gangs opened a new attack on Port-au-Prince.

            The coalition led the assault on Pétion-Ville, its leader said.

            Police said 28 gang members were killed. It was unclear whether the police expected the attack.
            """)
        #expect(e.incidents.count == 1, "\(e.incidents.map(\.notes))")
        #expect(communes(e) == ["HT0114"])
        #expect(e.incidents.first?.killed?.value == 28)
    }

    @Test("arrests, a truce and a crowd's killing are typed as ACLED types them; 'March 30' is a date, not a march")
    func types() throws {
        let arrest = try extract("Officers carried out an operation in Belladère on March 30 and arrested several people.")
        #expect(arrest.incidents.map(\.eventType) == ["Strategic developments"])
        #expect(arrest.incidents.map(\.subEventType) == ["Arrests"])
        let truce = try extract("The gangs holding Cité Soleil agreed to a truce on Sunday.")
        #expect(truce.incidents.map(\.subEventType) == ["Agreement"])
        #expect(communes(truce) == ["HT0117"])
        let mob = try extract("On Monday a crowd in Port-au-Prince seized 13 suspected gang members from the police, stoned them and burned them.")
        #expect(mob.incidents.map(\.eventType) == ["Riots"])
        #expect(mob.incidents.map(\.subEventType) == ["Mob violence"])
        let prison = try extract("Gunmen broke into the prison of Mirebalais on Monday and more than 500 inmates escaped.")
        #expect(prison.incidents.map(\.eventType) == ["Battles"])
        #expect(communes(prison) == ["HT0621"])
    }

    @Test("Kreyòl and French verbs; the place after the verb; 'dans la commune de' gives the commune")
    func languages() throws {
        let ht = try extract("Lendi, gang yo atake Mibalè epi yo libere prizonye yo.", date: "2025-04-02")
        #expect(communes(ht) == ["HT0621"])
        #expect(ht.incidents.first?.eventDate == CalendarDate(iso8601: "2025-03-31"))
        let fr = try extract("Des hommes armés liés au gang de Canaan, à Croix-des-Bouquets, ont envahi Saut-d'Eau vendredi.")
        #expect(communes(fr) == ["HT0622"])
        let commune = try extract("Au moins 184 personnes ont été massacrées à Wharf Jérémie, dans la commune de Cité Soleil.")
        #expect(communes(commune) == ["HT0117"])
    }

    @Test("control: 'an estimated 85% of the city', places listed after 'control', French 'tombée sous le contrôle'")
    func control() throws {
        let city = try extract("Gunmen fired on reporters in Port-au-Prince. Gangs control an estimated 85% of the city.")
        #expect(city.control.map(\.zone) == ["HT0111"])
        #expect(city.control.first?.share == 0.85)
        let list = try extract("Gangs already control Cité Soleil and Martissant.")
        #expect(Set(list.control.compactMap(\.zone)) == ["HT0117", "HT0111"])
        #expect(list.control.allSatisfy { $0.qualitative })
        let fr = try extract("Selon la mairie, la commune voisine de Cabaret est tombée sous le contrôle des gangs.")
        #expect(fr.control.map(\.zone) == ["HT0142"])
        let since = try extract("The Gran Grif gang has held Pont-Sondé since last year.")
        #expect(since.control.map(\.tense) == [.current])
    }
}
