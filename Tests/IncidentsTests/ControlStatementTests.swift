import Foundation
import Incidents
import Testing
import TestSupport

/// Numeric control statements as reports write them: English, French and Kreyòl, across a line break, past estimates.
/// Sentences written for the test.
@Suite("Extraction: reported control figures")
struct ControlStatementTests {
    func control(_ text: String) throws -> [ControlObservation] {
        try ExtractorFixture.extractor.get().extract(text: text, file: "c.txt", reportDate: nil).control
    }

    @Test("each shape gives its share, the capital's zone, the source and the tense", arguments: [
        ("The U.N. reports that 90% of Port-au-Prince is under gang control.", 0.9, "United Nations", "current"),
        ("Selon les Nations unies, 80 % de la capitale est sous la domination des groupes armés.", 0.8, "United Nations", "current"),
        ("An estimated 75% of the capital\nPort-au-Prince is now under the control of armed groups, the U.N. said.", 0.75, "United Nations", "current"),
        ("Gangs, which were previously estimated to control 80% of the capital, have pushed east.", 0.8, nil, "previous"),
        ("Dapre Nasyonzini, gang yo kontwole 85% kapital la.", 0.85, "United Nations", "current"),
        ("Les gangs contrôlent près de 90 % de la capitale, selon le BINUH.", 0.9, "le binuh", "current"),
        ("Armed groups now control about 85 percent of the capital and its roads.", 0.85, nil, "current"),
    ] as [(String, Double, String?, String)])
    func shapes(_ text: String, _ share: Double, _ source: String?, _ tense: String) throws {
        let found = try control(text)
        #expect(found.count == 1, "\(found)")
        let c = try #require(found.first)
        #expect(abs(c.share - share) < 1e-9)
        #expect(c.zone == "HT0111")
        #expect(c.source == source)
        #expect(c.tense.rawValue == tense)
    }

    @Test("percentages that are not control figures are not read as such")
    func notControl() throws {
        #expect(try control("About 60% of the victims were women, and 30% of the schools in Port-au-Prince are closed.").isEmpty)
        #expect(try control("Prices rose 12% in the capital, which gangs largely control.").isEmpty)
    }

    @Test("control in words: the named place as a whole, marked qualitative, the state's when the police took it")
    func qualitative() throws {
        let cases: [(String, String, String)] = [
            ("Gangs control Cité Soleil and much of Delmas, residents said.", "HT0117", "gang"),
            ("On Monday the Solino neighbourhood fell under the control of the Viv Ansanm alliance.", "HT0111", "gang"),
            ("Gunmen stormed Mirebalais overnight and seized control of the town.", "HT0621", "gang"),
            ("The police regained control of Mirebalais on Wednesday.", "HT0621", "state"),
            ("Selon des habitants, les gangs contrôlent Martissant depuis 2021.", "HT0111", "gang"),
        ]
        for (text, zone, cls) in cases {
            let found = try control(text)
            #expect(found.count == 1, "\(text): \(found)")
            guard let c = found.first else { continue }
            #expect(c.qualitative && c.share == 1 && c.zone == zone && c.actorClass.rawValue == cls, "\(text): \(c)")
        }
        // No named place, or a road: nothing.
        #expect(try control("The police took control of the roads around the airport.").isEmpty)
        #expect(try control("Gangs now control the area, witnesses said.").isEmpty)
    }
}
