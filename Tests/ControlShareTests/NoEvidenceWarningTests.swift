import ControlShare
import Foundation
import GeoCore
import Incidents
import Testing
import TestSupport
import Zones

/// A file whose event types are not ACLED's gives the surface no evidence: the summary says why every zone reads
/// "no information", in one line naming the types, rather than leaving the analyst with zeros.
@Suite("Control share: a summary with no evidence says why")
struct NoEvidenceWarningTests {
    func summary(_ incidents: [Incident]) throws -> SummaryReport {
        try RuralCommuneTests.builder().build(zones: [try RuralCommuneSimulation.zone.get()], level: ZoneLevel("adm2"), incidents: incidents,
                                              controlAreas: nil, reported: [], counts: ReadReport(), sources: [])
    }

    @Test("types of another taxonomy: the warning names them (most frequent first); ACLED's types: no warning")
    func namesUnknownTypes() throws {
        let acled = RuralCommuneSimulation.draw(.falls, seed: 1)
        #expect(acled.count > 20)
        let fine = try summary(acled)
        #expect(!fine.warnings.contains { $0.hasPrefix("no incident gives evidence") }, "\(fine.warnings)")
        let other = acled.enumerated().map { k, inc in
            var i = inc
            i.eventType = k % 4 == 0 ? "Clash" : "Armed attack"
            i.subEventType = nil
            return i
        }
        let report = try summary(other)
        let line = try #require(report.warnings.first { $0.hasPrefix("no incident gives evidence") }, "\(report.warnings)")
        #expect(line.contains("all \(other.count) counted") && line.contains("'Armed attack' \(other.count - (other.count + 3) / 4)"), "\(line)")
        #expect(line.contains("'Clash'") && line.range(of: "'Armed attack'")!.lowerBound < line.range(of: "'Clash'")!.lowerBound, "\(line)")
        #expect(line.contains("--columns event_type="), "\(line)")
        #expect(report.rows.allSatisfy { ($0.surface?.evidence ?? 0) == 0 })
    }
}
