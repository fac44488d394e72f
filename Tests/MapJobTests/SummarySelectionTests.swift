import ControlShare
import Foundation
import MapJob
import Testing
import TestSupport
import Zones

@Suite("Summary selection: --zone, --sort, --roll-up, --top")
struct SummarySelectionTests {
    static func report() throws -> (MapRun, SummaryReport) {
        let run = try MapRun(MapJobFixture.request([MapJobFixture.acled("current-full.csv")]), resources: MapJobFixture.codAB)
        return (run, try run.summarize(try run.load()))
    }

    @Test("selected zones (by p-code or name) keep exactly the rows of the whole summary; a group is kept only when named")
    func selection() throws {
        let (run, full) = try Self.report()
        let selection = SummarySelection(zones: ["HT0117", "Delmas", "HT0111"], sort: .pcode)
        let picked = try selection.apply(to: full, resources: run.resources)
        #expect(picked.rows.map(\.zone.id) == ["HT0111", "HT0112", "HT0117"])
        for row in picked.rows {
            let whole = try #require(full.rows.first { $0.zone.id == row.zone.id })
            #expect(row.incidents == whole.incidents && row.fatalities == whole.fatalities)
            #expect(row.surface?.shares == whole.surface?.shares)
        }
        let withGroup = try SummarySelection(zones: ["capital", "HT0111"]).apply(to: full, resources: run.resources)
        #expect(Set(withGroup.rows.map(\.zone.id)) == ["capital", "HT0111"])
        let everything = try SummarySelection().apply(to: full, resources: run.resources)
        #expect(everything.rows.count == full.rows.count)
    }

    @Test("--zone filters the timeline's rows as it filters the summary's (same estimates, every period)")
    func timelineSelection() throws {
        var request = MapJobFixture.request([MapJobFixture.acled("current-full.csv")])
        request.every = .month
        let run = try MapRun(request, resources: MapJobFixture.codAB)
        let whole = try #require(try run.timeline(try run.load()))
        let picked = try SummarySelection(zones: ["Delmas", "capital"]).apply(to: whole, resources: run.resources)
        #expect(picked.zones.map(\.id).sorted() == ["HT0112", "capital"])
        #expect(picked.periodEnds == whole.periodEnds && picked.estimates.count == whole.estimates.count)
        let k = try #require(whole.zones.firstIndex { $0.id == "HT0112" }), j = try #require(picked.zones.firstIndex { $0.id == "HT0112" })
        for (p, period) in picked.estimates.enumerated() { #expect(period[j].shares == whole.estimates[p][k].shares) }
        // No zone named: the timeline as it was, groups included.
        #expect(try SummarySelection().apply(to: whole, resources: run.resources).zones.count == whole.zones.count)
    }

    @Test("unknown zones are named, all at once, before any estimate")
    func unknownZones() throws {
        let resources = MapJobFixture.codAB
        #expect(throws: MapRunError.unknownZones(["Atlantis", "HT9999"], level: ZoneLevel("adm2"))) {
            try SummarySelection(zones: ["HT0111", "Atlantis", "HT9999"]).selectedZones(in: resources)
        }
    }

    @Test("roll-up adds the departments of the selected communes; top cuts after sorting")
    func rollUpAndTop() throws {
        let (run, full) = try Self.report()
        let rolled = try SummarySelection(zones: ["HT0111", "HT0621"], sort: .incidents, rollUp: true).apply(to: full, resources: run.resources)
        let departments = rolled.rows.filter { $0.zone.level == ZoneLevel("adm1") }.map(\.zone.id)
        #expect(Set(departments).isSubset(of: ["HT01", "HT06"]) && !departments.isEmpty, "\(departments)")
        let top = try SummarySelection(sort: .incidents, top: 3).apply(to: full, resources: run.resources)
        #expect(top.rows.count == 3)
        #expect(top.rows.map(\.incidents) == top.rows.map(\.incidents).sorted(by: >))
    }
}
