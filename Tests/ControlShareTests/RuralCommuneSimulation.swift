import ControlShare
import Foundation
import GeoCore
import Incidents
import TestSupport
import Zones

/// The rural commune of issue 35 (docs/control-share.md, T7–T8): a 20 × 20 km commune named after its town, a town
/// of 40,000 people on 3 km² and 15 villages of 300–2,000 people; one year (July 2024 – June 2025) of events drawn
/// as ACLED records them for such a place. Town events sit on the town's point with `location` the commune's name
/// and no `geo_precision` (the reader infers precision 2, as for "Mirebalais"); 30% of all events have no
/// coordinates but the commune's name (placed on the commune's point, precision 2, as the placer does); village
/// events are located at their village.
///
/// Scenarios: the town falls at the start of month 9 (March 2025) — gang attacks on civilians, lootings, roadblocks
/// and abductions in the town, police counter-raids at the same point, self-defence brigades clashing with the gang
/// in two villages; or it never falls (police raids and two gang incursions only); or it falls and is retaken in
/// month 11 (the government regains it, then arrests and civic life).
struct RuralCommuneSimulation {
    enum Story { case falls, neverFalls, retaken }

    static let sideKm = 20.0
    static let west = -72.30, south = 18.70
    static let degLon = 1 / (111.32 * cos(18.79 * .pi / 180)), degLat = 1 / 110.57
    static let name = "Bourg-Tenace"
    static let town = (x: 8.0, y: 11.0)
    static let townPeople = 40_000.0, townKm2 = 3.0
    static let start = try! CalendarDate(year: 2024, month: 7, day: 1)
    static let asOf = try! CalendarDate(year: 2025, month: 6, day: 30)
    /// The first day of month `m` (1 = July 2024).
    static func monthStart(_ m: Int) -> CalendarDate {
        let y = 2024 + (6 + m - 1) / 12, month = (6 + m - 1) % 12 + 1
        return try! CalendarDate(year: y, month: month, day: 1)
    }

    static func coordinate(_ x: Double, _ y: Double) -> Coordinate {
        Coordinate(longitude: west + x * degLon, latitude: south + y * degLat)
    }

    static let zone: Result<Zone, any Error> = Result {
        try Zone(id: "SIM02", name: name, level: ZoneLevel("adm2"),
                 geometry: SyntheticMaps.box(west, south, west + sideKm * degLon, south + sideKm * degLat))
    }

    /// The villages (seeded, the same for every scenario): positions at least 3 km from the town, people 300–2,000.
    static let villages: [(x: Double, y: Double, people: Double)] = {
        var rng = SeededGenerator(seed: 4242)
        var out: [(Double, Double, Double)] = []
        while out.count < 15 {
            let x = Double.random(in: 1..<19, using: &rng), y = Double.random(in: 1..<19, using: &rng)
            guard hypot(x - town.x, y - town.y) >= 3, out.allSatisfy({ hypot($0.0 - x, $0.1 - y) >= 1.5 }) else { continue }
            out.append((x, y, Double.random(in: 300...2000, using: &rng).rounded()))
        }
        return out
    }()

    /// Where people live: the town as points every 250 m within its 3 km² disc, each village a point.
    static var population: PopulationSurface {
        let r = sqrt(townKm2 / .pi)
        var cells: [Coordinate] = []
        var x = town.x - r
        while x <= town.x + r {
            var y = town.y - r
            while y <= town.y + r {
                if hypot(x - town.x, y - town.y) <= r { cells.append(coordinate(x, y)) }
                y += 0.25
            }
            x += 0.25
        }
        let points = cells.map { PopulationSurface.Weighted(coordinate: $0, people: townPeople / Double(cells.count)) }
            + villages.map { PopulationSurface.Weighted(coordinate: coordinate($0.x, $0.y), people: $0.people) }
        return PopulationSurface(points: points, source: "simulation")
    }

    static var totalPeople: Double { townPeople + villages.reduce(0) { $0 + $1.people } }

    /// The two villages whose self-defence brigades fight the gang.
    static let brigadeVillages = [0, 1]

    static func draw(_ story: Story, seed: UInt64) -> [Incident] {
        var out: [Incident] = []
        var family: UInt64 = 0
        let gang = "Viv Ansanm Gang", police = "Police Forces of Haiti (2024-)", civilians = "Civilians (Haiti)"
        let brigade = "Bwa Kale Movement", protesters = "Protesters (Haiti)"
        func poisson(_ mean: Double, _ rng: inout SeededGenerator) -> Int { PoissonDraw.draw(mean, &rng) }  // means ≤ 5: Knuth
        /// Events at `perMonth` in months `months`, at the town's point (`village` nil) or at a village.
        func add(_ perMonth: Double, months: ClosedRange<Int>, at village: Int?, sub: String, type: String, actor1: String, actor2: String?,
                 gangActor: Bool = false) {
            family += 1
            var rng = SeededGenerator(seed: seed &* 7_919 &+ family)
            for m in months {
                let first = monthStart(m), days = monthStart(m + 1).daysSinceEpoch - first.daysSinceEpoch
                for k in 0..<poisson(perMonth, &rng) {
                    var i = Incident(id: "rural-\(family)-\(m)-\(k)")
                    i.eventDate = first.adding(days: Int.random(in: 0..<days, using: &rng))
                    i.eventType = type
                    i.subEventType = sub
                    i.actor1 = gangActor && Double.random(in: 0..<1, using: &rng) < 0.35 ? "Unidentified Armed Group (Haiti)" : actor1
                    i.actor2 = actor2
                    i.country = "Haiti"
                    i.admin1 = "Centre"
                    i.admin2 = name
                    let noCoordinates = Double.random(in: 0..<1, using: &rng) < 0.3
                    if noCoordinates {
                        // Placed by the commune's name: its point, precision 2 (what IncidentPlacer does).
                        let c = (try? zone.get().representativePoint) ?? coordinate(10, 10)
                        i.latitude = c.latitude
                        i.longitude = c.longitude
                        i.location = name
                        i.geoPrecision = 2
                    } else if let v = village {
                        let c = coordinate(villages[v].x, villages[v].y)
                        i.latitude = c.latitude
                        i.longitude = c.longitude
                        i.location = "Village \(v)"
                        ACLEDLocationPrecision.infer(&i)
                    } else {
                        let c = coordinate(town.x, town.y)
                        i.latitude = c.latitude
                        i.longitude = c.longitude
                        i.location = name
                        ACLEDLocationPrecision.infer(&i)   // the commune's name at the town's point: precision 2
                    }
                    out.append(i)
                }
            }
        }
        let vac = ACLEDTaxonomy.violenceAgainstCivilians, battles = ACLEDTaxonomy.battles
        let strategic = ACLEDTaxonomy.strategicDevelopments, protests = ACLEDTaxonomy.protests
        let fallMonth = 9
        let stateUntil = story == .neverFalls ? 12 : fallMonth - 1
        // The town's ordinary life while the state holds it: arrests, police presence, protests.
        add(0.6, months: 1...stateUntil, at: nil, sub: "Arrests", type: strategic, actor1: police, actor2: civilians)
        add(0.3, months: 1...stateUntil, at: nil, sub: "Change to group/activity", type: strategic, actor1: police, actor2: nil)
        add(0.6, months: 1...stateUntil, at: nil, sub: "Peaceful protest", type: protests, actor1: protesters, actor2: nil)
        // Gang raids on outlying villages before the fall (located at the village).
        for v in 2..<6 {
            add(0.06, months: 1...12, at: v, sub: "Attack", type: vac, actor1: gang, actor2: civilians, gangActor: true)
        }
        // Police raids on gang positions around the commune (combat, at the town's point).
        add(0.5, months: 1...12, at: nil, sub: "Armed clash", type: battles, actor1: police, actor2: gang)
        switch story {
        case .neverFalls:
            // Two incursions into the town, months 5 and 10.
            add(1, months: 5...5, at: nil, sub: "Attack", type: vac, actor1: gang, actor2: civilians)
            add(1, months: 10...10, at: nil, sub: "Attack", type: vac, actor1: gang, actor2: civilians)
            add(0.5, months: 6...12, at: nil, sub: "Armed clash", type: battles, actor1: police, actor2: gang)
        case .falls, .retaken:
            let gangMonths = story == .falls ? fallMonth...12 : fallMonth...10
            add(4, months: gangMonths, at: nil, sub: "Attack", type: vac, actor1: gang, actor2: civilians, gangActor: true)
            add(1.5, months: gangMonths, at: nil, sub: "Looting/property destruction", type: vac, actor1: gang, actor2: civilians, gangActor: true)
            add(1.5, months: gangMonths, at: nil, sub: "Other", type: strategic, actor1: gang, actor2: nil, gangActor: true)
            add(0.5, months: gangMonths, at: nil, sub: "Abduction/forced disappearance", type: vac, actor1: gang, actor2: civilians, gangActor: true)
            // Police counter-raids at the same point: active combat, not the state's ground.
            add(5, months: fallMonth...12, at: nil, sub: "Armed clash", type: battles, actor1: police, actor2: gang)
            // Self-defence brigades clash with the gang in two villages.
            for v in brigadeVillages {
                add(1, months: fallMonth...12, at: v, sub: "Armed clash", type: battles, actor1: brigade, actor2: gang)
            }
            if story == .retaken {
                add(2, months: 11...11, at: nil, sub: "Government regains territory", type: strategic, actor1: police, actor2: gang)
                add(3, months: 11...12, at: nil, sub: "Arrests", type: strategic, actor1: police, actor2: civilians)
                add(2, months: 11...12, at: nil, sub: "Peaceful protest", type: protests, actor1: protesters, actor2: nil)
                add(1, months: 11...12, at: nil, sub: "Change to group/activity", type: strategic, actor1: police, actor2: nil)
            }
        }
        return out
    }
}
