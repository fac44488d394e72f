import Foundation
import Incidents
import Testing

@Suite("ControlClass: one type for actor and ground classes")
struct ControlClassTests {
    @Test("the tables' classes, the surface's, and JSON as a plain string")
    func classes() throws {
        #expect(ControlClass.actorClasses.map(\.rawValue) == ["gang", "state", "international", "self_defense", "private_security", "civilian",
                                                               "protester", "unknown"])
        #expect(ControlClass.ground == [.gang, .state, .international, .selfDefense, .civic])
        #expect(Set(ControlClass.controlling).isSubset(of: Set(ControlClass.actorClasses)))
        let json = try JSONEncoder().encode([ControlClass.selfDefense, ControlClass("contested")])
        #expect(String(decoding: json, as: UTF8.self) == #"["self_defense","contested"]"#)
        #expect(try JSONDecoder().decode([ControlClass].self, from: json) == [.selfDefense, ControlClass("contested")])
    }
}
