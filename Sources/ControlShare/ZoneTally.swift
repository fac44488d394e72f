import GeoCore
import Incidents
import Zones

/// Incident counts per zone, gathered one incident at a time (so a stream of
/// any length is counted in memory proportional to the zones): an incident
/// goes to the zone containing its point, else the nearest within
/// ``ZoneSummaryBuilder/snapKm``, else the first zone of its zone chain
/// (country-level events have neither and stay unplaced).
public struct ZoneTally {
    private var rows: [ZoneSummaryRow]
    private var actorCounts: [[String: Int]]
    private let layer: ZoneLayer
    /// Built on the first incident with a point (a run without incidents never needs it).
    private var locator: PointLocator?
    private let indexByID: [String: Int]
    public private(set) var unplaced = 0

    /// `locator`: a point locator over the same zones, if one is at hand (else built on the first incident with a point).
    public init(zones: [Zone], level: ZoneLevel, locator: PointLocator? = nil) {
        self.locator = locator
        rows = zones.map { ZoneSummaryRow(zone: $0) }
        actorCounts = [[String: Int]](repeating: [:], count: zones.count)
        layer = ZoneLayer(level: level, source: "summary", zones: zones)
        indexByID = Dictionary(zones.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The zone an incident counts in (nil: unplaced).
    private mutating func zoneIndex(of i: Incident) -> Int? {
        if let c = i.coordinate {
            if locator == nil { locator = PointLocator(layer: layer) }
            if let z = locator!.place(c, snapKm: ZoneSummaryBuilder.snapKm).zoneIndex { return z }
        }
        for id in i.zoneChain { if let z = indexByID[id] { return z } }
        return nil
    }

    public mutating func add(_ i: Incident) {
        guard let z = zoneIndex(of: i) else { unplaced += 1; return }
        rows[z].incidents += 1
        rows[z].byEventType[i.eventType ?? "Unknown", default: 0] += 1
        rows[z].fatalities += i.fatalities ?? 0
        if let d = i.eventDate {
            if rows[z].firstDate.map({ d < $0 }) ?? true { rows[z].firstDate = d }
            if rows[z].lastDate.map({ d > $0 }) ?? true { rows[z].lastDate = d }
        }
        if let a = i.actor1 { actorCounts[z][a, default: 0] += 1 }
    }

    /// Adds a count of events (a row of aggregated data) to the zone of its chain; with no zone of these in its chain
    /// it is unplaced (its events counted there).
    public mutating func add(_ c: AggregatedCount) {
        let indexByID = self.indexByID
        guard let z = c.zoneChain.lazy.compactMap({ indexByID[$0] }).first else { unplaced += c.events; return }
        rows[z].incidents += c.events
        if c.events > 0 { rows[z].byEventType[c.eventType ?? "Unspecified", default: 0] += c.events }
        rows[z].fatalities += c.fatalities
        if c.events > 0, let d = c.periodStart, rows[z].firstDate.map({ d < $0 }) ?? true { rows[z].firstDate = d }
        if c.events > 0, let d = c.periodEnd, rows[z].lastDate.map({ d > $0 }) ?? true { rows[z].lastDate = d }
    }

    /// The point locator over the zones, once built (or given): what comes after over the same zones reuses it
    /// (building one over 140 communes costs tens of milliseconds).
    public var builtLocator: PointLocator? { locator }

    /// The rows, with each zone's three most frequent first actors.
    public func result() -> (rows: [ZoneSummaryRow], unplaced: Int) {
        var out = rows
        for z in out.indices {
            out[z].topActors = actorCounts[z].sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3).map(\.key)
        }
        return (out, unplaced)
    }
}
