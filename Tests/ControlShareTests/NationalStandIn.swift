import ControlShare
import Foundation
import GeoCore
import Incidents
import TestSupport
import Zones

/// A stand-in for the real ACLED export of Haiti (July 2024 – June 2025), which the project cannot hold: for the
/// communes public reporting describes (docs/control-share.md, "Validation against public reporting"), events drawn
/// where their people live (Geo/population), from the ground each side holds as that reporting describes it, with
/// ACLED's location conventions: 55% located at their place (precision 1), 30% on the commune's main town with the
/// commune's name as location and no geo_precision (precision 2 inferred, as for "Mirebalais"), 15% with no
/// coordinates but the commune's name (placed on the commune's point, precision 2).
struct NationalStandIn {
    /// A commune as public reporting describes it in 2024–25: the share of its people in ground gangs hold (the
    /// westernmost people: gangs push out of downtown Port-au-Prince), and when that began (nil: all year).
    struct Commune {
        let pcode: String
        let name: String
        let gang: Double
        let since: CalendarDate?
        let before: Double
        init(_ pcode: String, _ name: String, gang: Double, since: CalendarDate? = nil, before: Double = 0) {
            self.pcode = pcode
            self.name = name
            self.gang = gang
            self.since = since
            self.before = before
        }
    }

    static let start = try! CalendarDate(year: 2024, month: 7, day: 1)
    static let asOf = try! CalendarDate(year: 2025, month: 6, day: 30)

    static let communes: [Commune] = [
        Commune("HT0111", "Port-au-Prince", gang: 0.9),
        Commune("HT0117", "Cité Soleil", gang: 0.95),
        Commune("HT0113", "Carrefour", gang: 0.85),
        Commune("HT0116", "Gressier", gang: 0.75),
        Commune("HT0112", "Delmas", gang: 0.6),
        Commune("HT0114", "Pétion-Ville", gang: 0.2),
        Commune("HT0118", "Tabarre", gang: 0.4),
        Commune("HT0115", "Kenscoff", gang: 0.6, since: try! CalendarDate(year: 2025, month: 2, day: 1)),
        Commune("HT0131", "Croix-des-Bouquets", gang: 1),
        Commune("HT0142", "Cabaret", gang: 1),
        Commune("HT0141", "Arcahaie", gang: 0.1),
        Commune("HT0621", "Mirebalais", gang: 0.9, since: try! CalendarDate(year: 2025, month: 3, day: 31)),
        Commune("HT0622", "Saut d'Eau", gang: 0.9, since: try! CalendarDate(year: 2025, month: 4, day: 3)),
        Commune("HT0542", "Petite Rivière de l'Artibonite", gang: 0.4),
        Commune("HT0121", "Léogâne", gang: 0),
        Commune("HT0311", "Cap-Haïtien", gang: 0),
        Commune("HT0711", "Les Cayes", gang: 0),
        Commune("HT0211", "Jacmel", gang: 0),
        Commune("HT0611", "Hinche", gang: 0),
        Commune("HT0511", "Gonaïves", gang: 0.05),
    ]

    /// The embedded population surface's points of each commune (by the section p-code they carry).
    static let points: Result<[String: [(Coordinate, Double)]], any Error> = Result {
        let path = SharedData.repositoryRoot.appendingPathComponent("Geo/population/hti-population.tsv").path
        var out: [String: [(Coordinate, Double)]] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t")
            guard f.count >= 4, let x = Double(f[0]), let y = Double(f[1]), let p = Double(f[2]) else { continue }
            out[String(f[3].prefix(6)), default: []].append((Coordinate(longitude: x, latitude: y), p))
        }
        return out
    }

    /// The people of a commune's gang ground and state ground at `gang` (points sorted west to east).
    static func grounds(_ pts: [(Coordinate, Double)], gang: Double) -> (gang: [(Coordinate, Double)], state: [(Coordinate, Double)]) {
        let sorted = pts.sorted { $0.0.longitude < $1.0.longitude }
        let total = pts.reduce(0) { $0 + $1.1 }
        var run = 0.0
        var g: [(Coordinate, Double)] = [], s: [(Coordinate, Double)] = []
        for p in sorted {
            if run + p.1 / 2 < gang * total { g.append(p) } else { s.append(p) }
            run += p.1
        }
        return (g, s)
    }

    static func draw(seed: UInt64, zones: [Zone]) throws -> [Incident] {
        let byID = Dictionary(zones.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let pts = try points.get()
        var out: [Incident] = []
        var family: UInt64 = 0
        func poisson(_ mean: Double, _ rng: inout SeededGenerator) -> Int { PoissonDraw.draw(mean, &rng, normalAbove: 30) }
        let gangName = "Viv Ansanm Gang", police = "Police Forces of Haiti (2024-)", civilians = "Civilians (Haiti)"
        let vac = ACLEDTaxonomy.violenceAgainstCivilians, battles = ACLEDTaxonomy.battles
        let strategic = ACLEDTaxonomy.strategicDevelopments
        for c in communes {
            guard let zone = byID[c.pcode], let cpts = pts[c.pcode], !cpts.isEmpty else { continue }
            let town = cpts.max { $0.1 < $1.1 }!.0
            for month in 0..<12 {
                let first = start.adding(days: 0).monthStart(adding: month), next = first.monthStart(adding: 1)
                let share = c.since.map { first >= $0 || next > $0 && $0.daysSinceEpoch - first.daysSinceEpoch < 10 ? c.gang : c.before } ?? c.gang
                let (gangGround, stateGround) = grounds(cpts, gang: share)
                /// Events per 10,000 people a month on one ground.
                func add(_ per10k: Double, _ ground: [(Coordinate, Double)], sub: String, type: String, actor1: String, actor2: String?, gangActor: Bool = false) {
                    family += 1
                    var rng = SeededGenerator(seed: seed &* 104_729 &+ family)
                    let people = ground.reduce(0) { $0 + $1.1 }
                    guard people > 0 else { return }
                    for k in 0..<poisson(per10k * people / 10_000, &rng) {
                        var pick = Double.random(in: 0..<people, using: &rng)
                        var at = ground[0].0
                        for p in ground { pick -= p.1; if pick < 0 { at = p.0; break } }
                        var i = Incident(id: "standin-\(family)-\(k)")
                        i.eventDate = first.adding(days: Int.random(in: 0..<(next.daysSinceEpoch - first.daysSinceEpoch), using: &rng))
                        i.eventType = type
                        i.subEventType = sub
                        i.actor1 = gangActor && Double.random(in: 0..<1, using: &rng) < 0.35 ? "Unidentified Armed Group (Haiti)" : actor1
                        i.actor2 = actor2
                        i.country = "Haiti"
                        i.admin2 = c.name
                        let u = Double.random(in: 0..<1, using: &rng)
                        if u < 0.55 {
                            i.latitude = at.latitude; i.longitude = at.longitude; i.location = "\(c.name) neighbourhood"
                            i.geoPrecision = 1
                        } else if u < 0.85 {
                            i.latitude = town.latitude; i.longitude = town.longitude; i.location = c.name
                            ACLEDLocationPrecision.infer(&i)
                        } else {
                            i.latitude = zone.representativePoint.latitude; i.longitude = zone.representativePoint.longitude
                            i.location = c.name; i.geoPrecision = 2
                        }
                        out.append(i)
                    }
                }
                add(0.5, gangGround, sub: "Attack", type: vac, actor1: gangName, actor2: civilians, gangActor: true)
                add(0.15, gangGround, sub: "Looting/property destruction", type: vac, actor1: gangName, actor2: civilians, gangActor: true)
                add(0.15, gangGround, sub: "Other", type: strategic, actor1: gangName, actor2: nil, gangActor: true)
                add(0.1, gangGround, sub: "Abduction/forced disappearance", type: vac, actor1: gangName, actor2: civilians, gangActor: true)
                add(0.05, gangGround, sub: "Armed clash", type: battles, actor1: gangName, actor2: "Grand-Ravine Gang", gangActor: true)
                add(0.4, gangGround, sub: "Armed clash", type: battles, actor1: police, actor2: gangName)
                add(0.25, stateGround, sub: "Peaceful protest", type: ACLEDTaxonomy.protests, actor1: "Protesters (Haiti)", actor2: nil)
                add(0.2, stateGround, sub: "Arrests", type: strategic, actor1: police, actor2: civilians)
                add(0.05, stateGround, sub: "Change to group/activity", type: strategic, actor1: police, actor2: nil)
                add(0.03, stateGround, sub: "Attack", type: vac, actor1: gangName, actor2: civilians, gangActor: true)
            }
        }
        return out
    }

    /// The people-weighted truth of a group of communes as of the end.
    static func truth(_ pcodes: [String]) throws -> Double {
        let pts = try points.get()
        var g = 0.0, t = 0.0
        for c in communes where pcodes.contains(c.pcode) {
            let people = (pts[c.pcode] ?? []).reduce(0) { $0 + $1.1 }
            g += c.gang * people
            t += people
        }
        return g / t
    }
}

extension CalendarDate {
    /// The first day of the month `months` after this date's month.
    func monthStart(adding months: Int) -> CalendarDate {
        let m0 = year * 12 + (month - 1) + months
        return try! CalendarDate(year: m0 / 12, month: m0 % 12 + 1, day: 1)
    }
}
