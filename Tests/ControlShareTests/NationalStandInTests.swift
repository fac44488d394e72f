import ControlShare
import Foundation
import GeoCore
import Incidents
import Testing
import TestSupport
import Zones

/// The validation table of docs/control-share.md on a stand-in for the real export (``NationalStandIn``): the
/// communes public reporting calls gang-held read gang-held by people, the ones it calls state-held do not, the
/// capital group is within 0.1 of its people-weighted truth, Mirebalais turns in April or May 2025 — with Haiti's
/// embedded population surface over COD-AB's 140 communes, and shares that add up at every level.
@Suite("Control where people live: a national stand-in for the 2024–25 export")
struct NationalStandInTests {
    static let capital = ["HT0111", "HT0112", "HT0113", "HT0114", "HT0117", "HT0118"]

    static func builder() throws -> ZoneSummaryBuilder {
        var b = ZoneSummaryBuilder(classifier: try ControlModelTests.classifier.get(), evidence: try ControlModelTests.evidence.get())
        b.since = NationalStandIn.start
        b.asOf = NationalStandIn.asOf
        b.parameters.bootstrap = 0
        b.surfaceCache = .tests
        b.population = try PopulationSurface.read(path: HaitiFixture.geo + "/population/hti-population.tsv")
        b.groups = [ZoneGroup(name: "capital", level: ZoneLevel("adm2"), members: capital)]
        return b
    }

    static let communes: Result<[Zone], any Error> = Result { try SyntheticMaps.codAB.get().layers[1].zones }

    @Test("gang-held communes read gang-held by people, state-held ones do not, the capital within 0.1 of its truth")
    func validation() throws {
        let zones = try Self.communes.get()
        let b = try Self.builder()
        let events = try NationalStandIn.draw(seed: 1, zones: zones)
        let report = try b.build(zones: zones, level: ZoneLevel("adm2"), incidents: events, controlAreas: nil, reported: [], counts: ReadReport(), sources: [])
        let byID = Dictionary(report.rows.map { ($0.zone.id, $0) }, uniquingKeysWith: { a, _ in a })
        print("national stand-in: \(events.count) events")
        for c in NationalStandIn.communes {
            let r = try #require(byID[c.pcode])
            let people = r.surface?.people?.shares[.gang] ?? -1, area = r.surface?.shares[.gang] ?? -1
            print(String(format: "national stand-in: %@ %@ truth %.2f  gang by people %.2f  by area %.2f  no information (people) %.2f",
                         c.pcode, c.name, c.gang, people, area, r.surface?.people?.noInformation ?? -1))
            if c.gang >= 0.75 { #expect(people >= 0.5, "\(c.name) (truth \(c.gang)) reads \(people) gang by people") }
            if c.gang <= 0.05 { #expect(people <= 0.2, "\(c.name) (truth \(c.gang)) reads \(people) gang by people") }
            #expect(abs(people - c.gang) <= 0.3, "\(c.name): truth \(c.gang), estimate \(people)")
        }
        // The same events read as before issue 35 (no population surface, no zone evidence, no recent window): the
        // gang-held communes it finds, against those the people-weighted reading finds.
        var before = b
        before.population = nil
        before.parameters.zoneMinEvidence = 0
        before.parameters.recentDays = 0
        let old = try before.build(zones: zones, level: ZoneLevel("adm2"), incidents: events, controlAreas: nil, reported: [], counts: ReadReport(), sources: [])
        let oldByID = Dictionary(old.rows.map { ($0.zone.id, $0) }, uniquingKeysWith: { a, _ in a })
        let held = NationalStandIn.communes.filter { $0.gang >= 0.75 }
        let foundNow = held.filter { (byID[$0.pcode]?.surface?.people?.shares[.gang] ?? 0) >= 0.5 }.count
        let foundBefore = held.filter { (oldByID[$0.pcode]?.surface?.shares[.gang] ?? 0) >= 0.5 }.count
        for c in NationalStandIn.communes {
            print(String(format: "national stand-in, as before issue 35: %@ %@ gang by area %.2f", c.pcode, c.name, oldByID[c.pcode]?.surface?.shares[.gang] ?? -1))
        }
        print("national stand-in: gang-held communes found \(foundNow) of \(held.count) (before issue 35: \(foundBefore))")
        #expect(foundNow == held.count && foundBefore < foundNow)
        let capital = try #require(byID["capital"]?.surface?.people?.shares[.gang])
        let truth = try NationalStandIn.truth(Self.capital)
        print(String(format: "national stand-in: capital group truth %.2f, gang by people %.2f", truth, capital))
        #expect(abs(capital - truth) <= 0.1)
        // Every zone's shares add up to 1, by area and by people.
        for r in report.rows {
            guard let s = r.surface else { continue }
            #expect(abs(s.shares.values.reduce(0, +) + s.contested + s.combat + s.noInformation - 1) < 1e-9, "\(r.zone.id) by area")
            if let p = s.people { #expect(abs(p.shares.values.reduce(0, +) + p.contested + p.combat + p.noInformation - 1) < 1e-9, "\(r.zone.id) by people") }
        }
    }

    @Test("Mirebalais turns gang-held by people in April or May 2025, not before")
    func mirebalaisTimeline() throws {
        let zones = try Self.communes.get().filter { $0.id.hasPrefix("HT06") || $0.id.hasPrefix("HT013") }
        let b = try Self.builder()
        let events = try NationalStandIn.draw(seed: 2, zones: zones)
        let input = SurfaceInput.from(events, classifier: b.classifier, evidence: b.evidence, asOf: b.asOf, halfLifeDays: b.parameters.halfLifeDays)
        let t = try #require(try b.timeline(zones: zones, level: ZoneLevel("adm2"), surface: input, every: .month))
        let z = try #require(t.zones.firstIndex { $0.id == "HT0621" })
        let leading = t.estimates.map { ControlTimeline.leading($0[z]) }
        for (end, e) in zip(t.periodEnds, t.estimates) {
            let p = e[z].people
            print(String(format: "national stand-in: Mirebalais %@ people gang %.2f state %.2f self-defence %.2f contested %.2f combat %.2f none %.2f",
                         end.description, p?.shares[.gang] ?? -1, p?.shares[.state] ?? -1, p?.shares[.selfDefense] ?? -1, p?.contested ?? -1, p?.combat ?? -1, p?.noInformation ?? -1))
        }
        print("national stand-in: Mirebalais by month (people): \(zip(t.periodEnds, leading).map { "\($0.0): \($0.1)" }.joined(separator: ", "))")
        let firstGang = try #require(leading.firstIndex(of: "gang"), "never gang-held: \(leading)")
        let month = t.periodEnds[firstGang]
        #expect(month.year == 2025 && (month.month == 4 || month.month == 5), "first gang-held at \(month)")
        #expect(leading[firstGang...].allSatisfy { $0 == "gang" }, "\(leading)")
    }

    @Test("shares add up to 1 at every level (sections, communes, arrondissements, departments)")
    func sharesAddUp() throws {
        let set = try SyntheticMaps.codAB.get()
        let b = try Self.builder()
        let events = try NationalStandIn.draw(seed: 3, zones: set.layers[1].zones)
        for level in ["adm1", "arrondissement", "adm3"] {
            var s = set
            let layer = try s.layer(level, outline: nil)
            let report = try b.build(zones: layer.zones, level: layer.level, incidents: events, controlAreas: nil, reported: [], counts: ReadReport(), sources: [])
            var checked = 0
            for r in report.rows {
                guard let e = r.surface else { continue }
                #expect(abs(e.shares.values.reduce(0, +) + e.contested + e.combat + e.noInformation - 1) < 1e-9, "\(level) \(r.zone.id) by area")
                if let p = e.people {
                    #expect(abs(p.shares.values.reduce(0, +) + p.contested + p.combat + p.noInformation - 1) < 1e-9, "\(level) \(r.zone.id) by people")
                    checked += 1
                }
            }
            #expect(checked >= layer.zones.count - 2, "\(level): \(checked) of \(layer.zones.count) zones have people")
        }
    }
}
