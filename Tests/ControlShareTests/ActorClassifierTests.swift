import ControlShare
import Foundation
import Incidents
import Testing
import TestSupport

@Suite("Actor classes from ACLED's naming conventions")
struct ActorClassifierTests {
    static let classifier: ActorClassifier = {
        let geo = SharedData.repositoryRoot.appendingPathComponent("Geo/actors")
        return ActorClassifier(table: try! ActorTable(path: geo.appendingPathComponent("haiti-actors.csv").path),
                               rules: try! ActorRules(path: geo.appendingPathComponent("acled-actor-rules.csv").path), homeCountry: "Haiti")
    }()

    /// The names of issue 20 (as they appear in a current ACLED export of Haiti), each with its class.
    static let acledNames: [(String, String)] = [
        ("Police Forces of Haiti (2024-)", "state"), ("Police Forces of Haiti (2017-2024)", "state"),
        ("Police Forces of Haiti (2024-) Protected Areas Security Brigade (BSAP)", "state"),
        ("Government of Haiti (2024-)", "state"), ("Military Forces of Haiti (2024-)", "state"),
        ("Police Forces of Kenya (2022-)", "international"), ("Military Forces of the United States (2021-2025)", "international"),
        ("Private Security Forces (Haiti)", "private_security"),
        ("Unidentified Gang (Haiti)", "gang"), ("Unidentified Armed Group (Haiti)", "gang"),
        ("Unidentified Communal Militia (Haiti)", "self_defense"),
        ("Viv Ansanm Gang", "gang"), ("Kraze Barye Gang", "gang"), ("Baz Gran Grif de Savien Gang", "gang"),
        ("Base 5 Secondes Gang", "gang"), ("400 Mawozo Gang", "gang"), ("Kokorat San Ras Gang", "gang"), ("Belair Gang", "gang"),
        ("Canaan Gang", "gang"), ("Taliban Gang", "gang"), ("G-9 Gang", "gang"), ("Grand-Ravine Gang", "gang"), ("Ti Bwa Gang", "gang"),
        ("Chien Mechant Gang", "gang"), ("103 Zombies Gang", "gang"), ("Simon-Pele Gang", "gang"), ("G-Pep La Gang", "gang"),
        ("La Police Gang", "gang"),
    ]

    /// Twenty more written in ACLED's style.
    static let moreNames: [(String, String)] = [
        ("Police Forces of Haiti (2024-) Anti-Gang Unit", "state"), ("Police Forces of Jamaica (2016-)", "international"),
        ("Military Forces of El Salvador (2019-)", "international"), ("Military Forces of the Dominican Republic (2020-)", "international"),
        ("Government of the United States (2025-)", "international"), ("Government of Haiti (2021-2024)", "state"),
        ("Bwa Kale Movement", "self_defense"), ("Bwa Kale Brigade of Canapé-Vert", "self_defense"),
        ("Communal Militia (Haiti)", "self_defense"), ("Vigilante Group (Haiti)", "self_defense"),
        ("Civilians (Haiti)", "civilian"), ("Civilians (Dominican Republic)", "civilian"), ("Prisoners (Haiti)", "civilian"),
        ("Protesters (Haiti)", "protester"), ("Rioters (Haiti)", "protester"),
        ("MSS: Multinational Security Support Mission in Haiti (2024-)", "international"),
        ("Gang Suppression Force (2025-)", "international"), ("United Nations Integrated Office in Haiti (BINUH)", "international"),
        ("Village de Dieu Gang", "gang"), ("Gran Grif Gang", "gang"),
    ]

    @Test("each ACLED name of the issue gets its class")
    func issueNames() {
        for (name, expected) in Self.acledNames {
            #expect(Self.classifier.classify(actor: name, inter: nil, country: "Haiti").rawValue == expected, "\(name)")
        }
    }

    @Test("twenty more ACLED-style names")
    func moreNames() {
        #expect(Self.moreNames.count == 20)
        for (name, expected) in Self.moreNames {
            #expect(Self.classifier.classify(actor: name, inter: nil, country: "Haiti").rawValue == expected, "\(name)")
        }
    }

    @Test("whose country: Police Forces of Kenya at home in Kenya are the state; without a country, the home country counts")
    func homeCountry() {
        #expect(Self.classifier.classify(actor: "Police Forces of Kenya (2022-)", inter: nil, country: "Kenya") == ControlClass("state"))
        #expect(Self.classifier.classify(actor: "Police Forces of Haiti (2024-)", inter: nil, country: nil) == ControlClass("state"))
        #expect(Self.classifier.classify(actor: "Police Forces of Kenya (2022-)", inter: nil, country: nil) == ControlClass("international"))
    }

    @Test("confidence: unidentified armed groups count less; ACLED's category is the fallback")
    func confidenceAndFallback() {
        let uag = Self.classifier.classification(actor: "Unidentified Armed Group (Haiti)", inter: 3)
        #expect(uag.actorClass == ControlClass("gang") && uag.confidence < 1 && uag.via == "rule")
        let named = Self.classifier.classification(actor: "Viv Ansanm Gang", inter: 3)
        #expect(named.confidence == 1)
        let byCategory = Self.classifier.classification(actor: "Some New Group", inter: 3)
        #expect(byCategory.actorClass == ControlClass("gang") && byCategory.via == "category")
        #expect(Self.classifier.classify(actor: "Some New Group", inter: nil) == ControlClass("unknown"))
        #expect(Self.classifier.classify(actor: "Some New Group", inter: 8) == ControlClass("international"))
    }

    @Test("the tally counts mentions per class and names the unknown")
    func tally() {
        var t = ActorClassTally()
        var a = Incident(id: "a"); a.actor1 = "Viv Ansanm Gang"; a.actor2 = "Civilians (Haiti)"
        var b = Incident(id: "b"); b.actor1 = "Mystery Crew"; b.actor2 = "Unidentified Armed Group (Haiti)"
        var c = Incident(id: "c"); c.actor1 = "Mystery Crew"
        // No second actor, as ACLED writes it (actor2 blank, inter2 0): not an unknown actor.
        var d = Incident(id: "d"); d.actor1 = "Civilians (Haiti)"; d.inter2 = 0
        for i in [a, b, c] { t.add(i, classifier: Self.classifier) }
        var withD = t
        withD.add(d, classifier: Self.classifier)
        #expect(withD.unknown == 2 && withD.mentions[.civilian] == 2, "\(withD.mentions)")
        #expect(t.mentions == [.gang: 2, .civilian: 1, .unknown: 2])
        #expect(t.unknown == 2 && t.lowConfidence == 1)
        #expect(t.topUnknown().first?.name == "Mystery Crew" && t.topUnknown().first?.mentions == 2)
        #expect(t.description.contains("top unknown: Mystery Crew 2"))
    }

    @Test("a bad rules file names the line")
    func badRules() throws {
        let dir = try SharedData.temporaryDirectory("rules")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("rules.csv").path
        try "kind,pattern,class\nprefix,foo,gang\nends,bar,gang\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try ActorRules(path: path) } throws: { ($0 as? IncidentRowError)?.line == 3 }
    }
}
