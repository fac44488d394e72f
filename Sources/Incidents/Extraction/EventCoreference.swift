import Foundation
import GeoCore

/// One incident per event: the mentions of one event in an article (the headline, the lead, an official's account, a
/// resident's quote) become one incident.
///
/// Two incidents of an article are the same event when their types belong to the same family (armed violence:
/// battles, violence against civilians, explosions; demonstrations: protests, riots) and they are in the same commune,
/// or one of them has no place of its own (country precision), and their dates are at most a week apart. The merged incident keeps the first mention's type,
/// actors and date, takes the place of the first that has one, the largest of each count, and the text of both.
///
/// The commune is the zone of the country's commune level in the incident's chain (``communes``: that level's ids),
/// and ``umbrellas`` the profile's zones whose name also stands for a wider area.
struct EventCoreference {
    /// The ids of the zones at the level events are told apart by (communes).
    var communes: Set<String>
    /// Zones whose name also stands for a wider area (the capital for the communes of its arrondissement): an
    /// incident there and one in a commune of that area are one event, at the more precise place.
    var umbrellas: [String: Set<String>] = [:]

    static func family(_ i: Incident) -> String? {
        switch i.eventType {
        case ACLEDTaxonomy.battles, ACLEDTaxonomy.violenceAgainstCivilians, ACLEDTaxonomy.explosions: "violence"
        // Houses burned during an attack are the attack's.
        case ACLEDTaxonomy.strategicDevelopments where i.subEventType == "Looting/property destruction": "violence"
        case ACLEDTaxonomy.protests, ACLEDTaxonomy.riots: "demonstration"
        default: nil
        }
    }

    /// Incidents flagged as told in the background or as a period's total: never merged with the report's events.
    static func isFlagged(_ i: Incident) -> Bool { i.isBackground || i.isAggregate }

    func commune(_ i: Incident) -> String? { i.zoneChain.first { communes.contains($0) } }

    func merge(_ incidents: [Incident]) -> [Incident] {
        var out: [Incident] = []
        for inc in incidents {
            guard !Self.isFlagged(inc), let fam = Self.family(inc),
                  let k = out.firstIndex(where: { !Self.isFlagged($0) && Self.family($0) == fam && compatible($0, inc) }) else {
                out.append(inc)
                continue
            }
            out[k] = merged(out[k], inc)
        }
        return out
    }

    func compatible(_ a: Incident, _ b: Incident) -> Bool {
        // Dated more than a week apart ("since June" against "on Monday"): two events.
        if let x = a.eventDate, let y = b.eventDate, abs(x.daysSinceEpoch - y.daysSinceEpoch) > 7 { return false }
        return switch (commune(a), commune(b)) {
        case let (x?, y?): x == y || umbrellas[x]?.contains(y) == true || umbrellas[y]?.contains(x) == true
        default: true
        }
    }

    func merged(_ a: Incident, _ b: Incident) -> Incident {
        var m = a
        let broader = commune(a).map { x in commune(b).map { umbrellas[x]?.contains($0) == true } ?? false } ?? false
        if (commune(a) == nil || broader), commune(b) != nil {
            m.location = b.location
            m.latitude = b.latitude
            m.longitude = b.longitude
            m.geoPrecision = b.geoPrecision
            m.zoneChain = b.zoneChain
            m.admin1 = b.admin1
            m.admin2 = b.admin2
            m.admin3 = b.admin3
            m.confidence = b.confidence
        }
        func larger(_ x: ReportedCount?, _ y: ReportedCount?) -> ReportedCount? {
            guard let x else { return y }
            guard let y else { return x }
            return y.value > x.value ? y : x
        }
        m.killed = larger(a.killed, b.killed)
        m.injured = larger(a.injured, b.injured)
        m.abducted = larger(a.abducted, b.abducted)
        m.displaced = larger(a.displaced, b.displaced)
        m.freed = larger(a.freed, b.freed)
        m.fatalities = m.killed?.value ?? a.fatalities
        if m.actor1 == nil { m.actor1 = b.actor1; m.inter1 = b.inter1 }
        if m.actor2 == nil { m.actor2 = b.actor2; m.inter2 = b.inter2 }
        if (m.notes?.utf8.count ?? 0) < 4_000, let more = b.notes { m.notes = (m.notes.map { $0 + " " } ?? "") + more }
        // Every sentence the event was told in: the first span, and the others as an extra property.
        let spans = (a.extra.first { $0.name == "also_told_in" }?.value.stringValue.map { [$0] } ?? []) + (b.extractedFrom.map { ["\($0.start)-\($0.end)"] } ?? [])
        m.extra.removeAll { $0.name == "also_told_in" }
        m.extra.append(Property("also_told_in", .string(spans.joined(separator: ","))))
        return m
    }
}
