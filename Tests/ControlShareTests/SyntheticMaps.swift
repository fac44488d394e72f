import ControlShare
import GeoCore
import Incidents
import TestSupport
import Zones

/// Control maps drawn for the tests, over COD-AB communes.
enum SyntheticMaps {
    static var codAB: Result<ZoneSet, any Error> { HaitiFixture.codAB }

    /// Port-au-Prince arrondissement communes (HT0111…HT0118).
    static func papCommunes() throws -> [Zone] {
        try codAB.get().layers[1].zones.filter { $0.id.hasPrefix("HT011") }
    }

    /// A rectangle in lon/lat with edges densified every `step` degrees (~100 m),
    /// so the same curve is measured whatever the method.
    static func box(_ w: Double, _ s: Double, _ e: Double, _ n: Double, step: Double = 0.001) -> Geometry {
        var ring: [Coordinate] = []
        func edge(_ a: Coordinate, _ b: Coordinate) {
            let k = max(1, Int((max(abs(b.longitude - a.longitude), abs(b.latitude - a.latitude)) / step).rounded(.up)))
            for i in 0..<k {
                let t = Double(i) / Double(k)
                ring.append(Coordinate(longitude: a.longitude + (b.longitude - a.longitude) * t, latitude: a.latitude + (b.latitude - a.latitude) * t))
            }
        }
        let sw = Coordinate(longitude: w, latitude: s), se = Coordinate(longitude: e, latitude: s)
        let ne = Coordinate(longitude: e, latitude: n), nw = Coordinate(longitude: w, latitude: n)
        edge(sw, se); edge(se, ne); edge(ne, nw); edge(nw, sw)
        ring.append(sw)
        return .polygon(Polygon(exterior: try! LinearRing(ring)))
    }

    /// A complete control map of the capital area: gangs hold everything west
    /// of the meridian 72.31°W, the state everything east of it.
    static let front = -72.31
    static let gangArea = box(-72.60, 18.30, front, 18.75)
    static let stateArea = box(front, 18.30, -72.00, 18.75)

    /// Seeded incidents drawn uniformly inside `area` ∩ zones, with actor1 of `actorClass`.
    static func incidents(in area: Geometry, zones: [Zone], count: Int, actor: String, inter: Int, rng: inout SeededGenerator,
                          date: CalendarDate) -> [Incident] {
        let box = area.boundingBox!
        var out: [Incident] = []
        while out.count < count {
            let c = Coordinate(longitude: Double.random(in: box.minLongitude...box.maxLongitude, using: &rng),
                               latitude: Double.random(in: box.minLatitude...box.maxLatitude, using: &rng))
            guard area.contains(c), zones.contains(where: { $0.geometry.contains(c) }) else { continue }
            var i = Incident(id: "sim-\(out.count)-\(actor)")
            i.latitude = c.latitude
            i.longitude = c.longitude
            i.eventDate = date
            i.eventType = "Violence against civilians"
            i.subEventType = "Attack"
            i.actor1 = actor
            i.inter1 = inter
            out.append(i)
        }
        return out
    }
}

extension SurfaceOverlapCache {
    /// The suites' shared overlap tables (``HaitiFixture/cache``).
    static let tests = SurfaceOverlapCache(cacheFolder: HaitiFixture.cache)
}
