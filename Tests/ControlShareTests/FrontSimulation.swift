import ControlShare
import Foundation
import GeoCore
import Incidents
import TestSupport
import Zones

/// The realistic simulation of issue 21 (docs/control-share.md): a 6 × 6 km zone cut by a straight north–south
/// front, gangs holding the western fraction f. One year of events at Poisson rates per km² per year taken from
/// Port-au-Prince, with the event-generating process of real data: police raids and drone strikes inside gang
/// ground, gang incursions across the front, gang attacks on police posts just behind it, unattributed gunfire on
/// both sides, 35% of gang events by "Unidentified Armed Group (Haiti)", and a quarter of all events moved to the
/// zone's centroid with precision 2 (ACLED's commune default point).
struct FrontSimulation {
    static let sideKm = 6.0
    static let west = -72.40, south = 18.50
    static let degLon = 1 / (111.32 * cos(18.53 * .pi / 180)), degLat = 1 / 110.57
    static let east = west + sideKm * degLon, north = south + sideKm * degLat
    static let asOf = CalendarDate(daysSinceEpoch: 20_270)   // 2025-07-01

    static let zone: Result<Zone, any Error> = Result {
        try Zone(id: "SIM", name: "Simulated zone", level: ZoneLevel("sim"), geometry: SyntheticMaps.box(west, south, east, north))
    }

    /// Rate multipliers for the T2/T3 variants; `dense` multiplies every rate (the estimator's limit).
    struct Scenario {
        var f: Double
        var raids = 1.0
        var incursions = 1.0
        var dense = 1.0
    }

    static func coordinate(xKm: Double, yKm: Double) -> Coordinate {
        Coordinate(longitude: west + xKm * degLon, latitude: south + yKm * degLat)
    }

    /// The events of one year. Each family of events has its own random stream, so changing the rate of one
    /// (police raids ×3) leaves every other event where it was.
    static func draw(_ s: Scenario, seed: UInt64) -> [Incident] {
        let front = s.f * sideKm
        var out: [Incident] = []
        var family: UInt64 = 0
        func poisson(_ mean: Double, _ rng: inout SeededGenerator) -> Int { PoissonDraw.draw(mean, &rng) }
        /// Events at `rate` per km² per year, uniform in the strip xFrom..<xTo (km from the west edge).
        func add(_ rate: Double, _ xFrom: Double, _ xTo: Double, sub: String, type: String, actor1: String, actor2: String?, gang: Bool) {
            family += 1
            var rng = SeededGenerator(seed: seed &* 1_000_003 &+ family)
            let lo = max(0, xFrom), hi = min(sideKm, xTo)
            guard hi > lo, rate > 0 else { return }
            let n = poisson(rate * s.dense * (hi - lo) * sideKm, &rng)
            for k in 0..<n {
                var i = Incident(id: "sim-\(family)-\(k)")
                var x = Double.random(in: lo..<hi, using: &rng), y = Double.random(in: 0..<sideKm, using: &rng)
                i.eventDate = asOf.adding(days: -Int.random(in: 0..<365, using: &rng))
                i.eventType = type
                i.subEventType = sub
                i.actor1 = gang && Double.random(in: 0..<1, using: &rng) < 0.35 ? "Unidentified Armed Group (Haiti)" : actor1
                i.actor2 = actor2
                i.country = "Haiti"
                i.geoPrecision = 1
                if Double.random(in: 0..<1, using: &rng) < 0.25 {
                    (x, y) = (sideKm / 2, sideKm / 2)
                    i.geoPrecision = 2
                }
                let c = coordinate(xKm: x, yKm: y)
                i.latitude = c.latitude
                i.longitude = c.longitude
                out.append(i)
            }
        }
        let gang = "Viv Ansanm Gang", police = "Police Forces of Haiti (2024-)", civilians = "Civilians (Haiti)"
        let vac = ACLEDTaxonomy.violenceAgainstCivilians
        if front > 0 {
            add(4.5, 0, front, sub: "Attack", type: vac, actor1: gang, actor2: civilians, gang: true)
            add(1.5 * s.incursions, front, front + 1, sub: "Attack", type: vac, actor1: gang, actor2: civilians, gang: true)
            add(0.4, 0, front - 0.5, sub: "Armed clash", type: ACLEDTaxonomy.battles, actor1: gang, actor2: "Grand-Ravine Gang", gang: true)
            // Police raids anywhere in gang ground, half of them within 1.5 km of the front.
            let strip = min(1.5, front)
            add(2 * s.raids * front / strip, front - strip, front, sub: "Armed clash", type: ACLEDTaxonomy.battles, actor1: police, actor2: gang, gang: false)
            add(2 * s.raids, 0, front, sub: "Armed clash", type: ACLEDTaxonomy.battles, actor1: police, actor2: gang, gang: false)
            add(1, 0, front, sub: "Air/drone strike", type: ACLEDTaxonomy.explosions, actor1: police, actor2: gang, gang: false)
            add(0.8, front, front + 0.5, sub: "Armed clash", type: ACLEDTaxonomy.battles, actor1: gang, actor2: police, gang: true)
        }
        if front < sideKm {
            add(0.7, front, sideKm, sub: "Peaceful protest", type: ACLEDTaxonomy.protests, actor1: "Protesters (Haiti)", actor2: nil, gang: false)
            add(0.3, front, sideKm, sub: "Other", type: ACLEDTaxonomy.strategicDevelopments, actor1: "Bwa Kale Movement", actor2: nil, gang: false)
        }
        if front > 0 && front < sideKm {
            add(2, front - 1.5, front + 1.5, sub: "Armed clash", type: ACLEDTaxonomy.battles, actor1: "Unidentified Armed Group (Haiti)", actor2: nil, gang: false)
        }
        return out
    }
}
