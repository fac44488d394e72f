import Foundation
@testable import Incidents
import Testing

/// The control statements' rules take the country's armed groups from its profile; without any, only the generic
/// subjects ("gangs", "armed groups", "the … alliance") start a statement in words. Sentences written for the test.
@Suite("Extraction: control-statement rules by country")
struct ControlStatementRulesTests {
    func matches(_ rules: ControlStatementRules, _ sentence: String) -> Bool {
        rules.qualitative.contains { $0.regex.firstMatch(in: sentence, range: NSRange(location: 0, length: (sentence as NSString).length)) != nil }
    }

    @Test("a profile's armed group (several words, regex characters) is a subject; another country's is not")
    func profileGroups() {
        let sudan = ControlStatementRules(armedGroups: ["rapid support forces", "a.b+c"])
        let none = ControlStatementRules(armedGroups: [])
        #expect(matches(sudan, "The Rapid Support Forces now control El Fasher."))
        #expect(!matches(none, "The Rapid Support Forces now control El Fasher."))
        // Escaped: "a.b+c" is the name, not a pattern that "axbbc" matches.
        #expect(matches(sudan, "A.B+C controls the town."))
        #expect(!matches(sudan, "axbbc controls the town."))
        // No empty alternative: a subject that is nobody's armed group starts nothing.
        #expect(!matches(none, "Traders control the market."))
        #expect(!matches(ControlStatementRules(armedGroups: [""]), "Traders control the market."))
        // The generic subjects hold everywhere.
        #expect(matches(none, "Gangs control Bel Air."))
        #expect(matches(none, "The Grand Ravine gang controls the district."))
    }

    @Test("the numeric patterns are the same for every country")
    func numericShared() {
        #expect(ControlStatementRules(armedGroups: ["jnim"]).numeric.count == ControlStatementRules(armedGroups: []).numeric.count)
    }
}
