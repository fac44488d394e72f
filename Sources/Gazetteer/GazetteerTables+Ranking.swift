import Foundation
import GeoCore
import Zones

/// How candidates found by the stages are ranked against each other: kind and level, the zone they lie in, nearness
/// to a point, a section's number; and when two of them name different places.
extension GazetteerTables {
    /// Same-named sections differ by their number: when the query gives one
    /// ("3e Section Montagne Noire"), the section with that number ranks
    /// first, one with another number last, and places with no number between.
    func sectionOrdinal(_ h: Hit, query: Int?) -> Double {
        guard let query else { return 0 }
        let own = ordinals[h.name]
        return own == query ? 0.02 : (own == nil ? -0.01 : -0.05)
    }

    /// The public form of a hit, with its zones.
    func candidate(_ h: Hit) -> Candidate {
        let p = places[h.place]
        return Candidate(place: p, matchedName: h.name, method: h.method, quality: h.quality, rank: h.rank, zones: placeZones[h.place],
                         placeIndex: h.place)
    }

    func nearness(_ h: Hit, to near: Coordinate?) -> Double {
        guard let near else { return 0 }
        // Strong enough to choose among homonyms of different kinds (a hamlet 20 km away over a commune 40 km away),
        // too weak to prefer a loose match over an exact one (0.08 at most).
        let km = Geodesic.distance(near, places[h.place].coordinate) / 1000
        return -0.08 * min(1, km / 50)
    }

    /// Among equally good names, a commune or department outranks a
    /// section of the same name, and a populated place whose point lies in a
    /// commune of another name yields to a commune named like it (the point
    /// is then likely off, or names another place).
    func consistency(_ h: Hit, lookupKey: String, _ t: MatchTables) -> Double {
        var bonus = t.levelBonus[h.place]
        if t.isPopulatedPlace[h.place], zoneSet != nil {
            let key = h.method == .exact ? lookupKey : (nameKeys[h.name] ?? NameNormalizer.key(h.name))
            if let communeKey = communeKeys[h.place], communeKey != key, t.communeNameKeys.contains(key) {
                bonus -= 0.02
            }
        }
        return bonus
    }

    func inside(_ h: Hit, _ within: String) -> Bool {
        let zs = placeZones[h.place]
        let key = NameNormalizer.key(within)
        return zs.contains { $0.pcode.caseInsensitiveCompare(within) == .orderedSame || NameNormalizer.key($0.name) == key }
            || places[h.place].id.caseInsensitiveCompare(within) == .orderedSame
    }

    /// Two candidates name different places when they fall in different
    /// communes (or finest zones), or, without boundaries, lie over 5 km apart.
    func differentPlace(_ a: Candidate, _ b: Candidate) -> Bool {
        if zoneSet != nil {
            let za = a.zones.first { $0.level == .adm2 } ?? a.zones.last
            let zb = b.zones.first { $0.level == .adm2 } ?? b.zones.last
            if let za, let zb { return za.pcode != zb.pcode && !a.zones.contains(zb) && !b.zones.contains(za) }
        }
        return Geodesic.distance(a.place.coordinate, b.place.coordinate) > 5_000
    }
}
