import Incidents
import Testing

@Suite("ACLED event types as a type")
struct ACLEDEventTypeTests {
    @Test("the six by ACLED's spelling in any case; anything else kept as written")
    func names() {
        #expect(ACLEDEventType("Battles") == .battles && ACLEDEventType("violence against civilians") == .violenceAgainstCivilians)
        #expect(ACLEDEventType("EXPLOSIONS/REMOTE VIOLENCE") == .explosions)
        #expect(ACLEDEventType.known.map(\.name) == ACLEDTaxonomy.eventTypes)
        #expect(ACLEDEventType("Shootings") == .other("Shootings") && ACLEDEventType("Shootings").name == "Shootings")
        #expect(ACLEDEventType.known.allSatisfy { ACLEDEventType($0.name) == $0 })
    }
}
