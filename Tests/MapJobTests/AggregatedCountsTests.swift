import ControlShare
import Foundation
import GeoCore
import Incidents
import MapJob
import Testing
import TestSupport
import Zones

/// Aggregated data (ACLED's counts per admin2 and month) is counts, not events: joined to the zones by p-code (by
/// name only where a row has none), counted in the table and layers, and no control share is estimated from it.
/// The fixture is made up in the shape of ACLED's HRP-country files (Country, Admin1, Admin2, ISO3, Admin1 Pcode,
/// Admin2 Pcode, Month, Year, Events, Fatalities).
@Suite("Aggregated counts joined to zones by p-code")
struct AggregatedCountsTests {
    static let fixture = SharedData.repositoryRoot.appendingPathComponent("Tests/MapJobTests/Fixtures/aggregated-haiti-admin2-month.csv").path

    func row(_ report: SummaryReport, _ id: String) throws -> ZoneSummaryRow { try #require(report.rows.first { $0.zone.id == id }) }

    @Test("the header is recognised; rows join by p-code (never by name then), else by name; a bad p-code and a missing count are named")
    func summary() throws {
        #expect(AggregatedCountTable.isAggregated(path: Self.fixture))
        #expect(!AggregatedCountTable.isAggregated(path: MapJobFixture.acledSample))
        let run = try MapRun(MapJobFixture.request([Self.fixture]), resources: MapJobFixture.codAB)
        let report = try run.summarize(try run.load())
        #expect(try row(report, "HT0111").incidents == 80 && row(report, "HT0111").fatalities == 158)
        #expect(try row(report, "HT0112").incidents == 12)
        // "Centre, Saint-Marc" with p-code HT0621: the p-code's zone (Mirebalais) counts it, not the name's.
        #expect(try row(report, "HT0621").incidents == 5 && row(report, "HT0621").fatalities == 30)
        // The row without a p-code: by its name (Saint-Marc, in Artibonite).
        let saintMarc = try #require(report.rows.first { $0.zone.name == "Saint-Marc" && $0.zone.level == .adm2 })
        #expect(saintMarc.incidents == 4 && saintMarc.fatalities == 9)
        #expect(try row(report, "HT0311").incidents == 0 && row(report, "HT0114").incidents == 7)
        #expect(try row(report, "HT0111").firstDate == CalendarDate(iso8601: "2025-01-01") && row(report, "HT0111").lastDate == CalendarDate(iso8601: "2025-02-28"))
        // Rejected: the row whose count is NA and the one whose p-code is no zone.
        #expect(report.counts.read == 9 && report.counts.kept == 7 && report.counts.rejected == 2, "\(report.counts)")
        #expect(report.counts.problems.contains { $0.contains("p-code HT0199 is no zone") }, "\(report.counts.problems)")
        #expect(report.counts.problems.contains { $0.contains(":9: Events 'NA' is not a count") }, "\(report.counts.problems)")
        #expect(report.unplaced == 3)
        // No estimate: every zone's surface is absent and the first warning says why, in one line.
        #expect(report.rows.allSatisfy { $0.surface == nil })
        let why = try #require(report.warnings.first)
        #expect(why.hasPrefix("control shares not estimated: aggregated-haiti-admin2-month.csv holds counts per zone and period") && !why.contains("\n"), "\(why)")
    }

    @Test("--since leaves out the periods that end before it; map writes the counts in the zones layer and no incident")
    func rangeAndMap() throws {
        var request = MapJobFixture.request([Self.fixture])
        request.since = CalendarDate(iso8601: "2025-01-01")
        let run = try MapRun(request, resources: MapJobFixture.codAB)
        let report = try run.summarize(try run.load())
        #expect(try row(report, "HT0114").incidents == 0 && row(report, "HT0111").incidents == 80)
        let result = try run.compute()
        #expect(result.incidents == 0)
        #expect(try row(result.report, "HT0111").incidents == 80)
        let pap = try #require(result.layers.zones.first { $0.properties.contains { $0.name == "pcode" && $0.value == .string("HT0111") } })
        #expect(pap.properties.contains { $0.name == "incidents" && $0.value == .int(80) }, "\(pap.properties.map(\.name))")
    }

    @Test("counts beside event files are refused, naming both")
    func notBesideEvents() throws {
        let run = try MapRun(MapJobFixture.request([Self.fixture, MapJobFixture.acledSample]), resources: MapJobFixture.codAB)
        #expect { try run.load() } throws: { e in
            "\(e)".contains("aggregated-haiti-admin2-month.csv:1") && "\(e)".contains("cannot be read beside event files") && "\(e)".contains("acled-haiti-sample.csv")
        }
    }
}
