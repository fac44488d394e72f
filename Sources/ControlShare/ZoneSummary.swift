import Foundation
import GeoCore
import Gazetteer
import Incidents
import Zones

/// One zone's row in a summary.
public struct ZoneSummaryRow: Sendable {
    public var zone: Zone
    public var incidents = 0
    public var byEventType: [String: Int] = [:]
    public var fatalities = 0
    public var firstDate: CalendarDate?
    public var lastDate: CalendarDate?
    /// Most frequent actor1 names, most frequent first (at most 3).
    public var topActors: [String] = []
    /// Overlay of control areas: class → share of area (nil: no control layer).
    public var overlay: [ControlClass: Double]?
    /// Overlay, weighted by people (nil: no population source).
    public var overlayPopulation: [ControlClass: Double]?
    public var overlapKm2: Double = 0
    /// Incident surface estimate (nil: no incidents given).
    public var surface: IncidentSurface.ZoneEstimate?
    public var surfacePopulation: [ControlClass: Double]?
    /// Reported figures for this zone.
    public var reported: [ReportedObservation] = []
    /// Reported figures about a part of this zone (a commune's figure in its department's row): listed, never its own.
    public var reportedParts: [ReportedObservation] = []
    /// `true` when shares come from children (roll-up), not computed directly.
    public var rolledUp = false

    public init(zone: Zone) { self.zone = zone }
}

/// Everything `summary` prints: rows, method, parameters, sources, counts.
public struct SummaryReport: Sendable {
    public var rows: [ZoneSummaryRow]
    public var level: ZoneLevel
    public var parameters: SurfaceParameters
    public var asOf: CalendarDate?
    public var since: CalendarDate?
    public var populationMethod: String
    public var sources: [String]
    public var counts: ReadReport
    public var calibration: Calibration?
    public var warnings: [String]
    /// Incidents placed in no zone of the level.
    public var unplaced: Int
    /// Incidents dated within `since`…`asOf` (undated ones included), when either is given: what the estimate used.
    public var inRange: Int?
    /// Zones with something to show left out of the table by `--top` (the table says so, and how to see them).
    public var notShownByTop: (count: Int, how: String)?
    /// How the actors of the incidents in range were classed (nil when the incidents were counted elsewhere).
    public var actors: ActorClassTally?
}

/// The result of fitting θ to a reported figure.
public struct Calibration: Sendable, Equatable {
    public let zone: String
    public let target: Double
    public let theta: Double
    public let estimate: Double
    public var error: Double { abs(estimate - target) }
}

/// Builds zone summaries: counts per zone, control shares by overlay and by
/// incident surface, reported figures beside them, population weighting and
/// roll-up to parents.
public struct ZoneSummaryBuilder {
    public var parameters = SurfaceParameters()
    public var asOf: CalendarDate?
    public var since: CalendarDate?
    public var classifier: ActorClassifier
    /// What each event says about who holds the ground.
    public var evidence: EvidenceModel
    /// Populated places with populations, for population weighting within zones when there is no population surface.
    public var places: [Place] = []
    /// Where people live: events known only to their zone are spread over its people, and every surface estimate
    /// carries its shares by people (nil: the populated places above weight the shares).
    public var population: PopulationSurface?
    /// Zone groups summarised beside the zones (their rows come after the zones' rows).
    public var groups: [ZoneGroup] = []
    /// Told of the long stages of the incident surface (nil: nothing reported).
    public var progress: ProgressMeter?
    /// Keeps the surface's cell–zone overlaps between runs (nil: computed every time).
    public var surfaceCache: SurfaceOverlapCache?

    public init(classifier: ActorClassifier, evidence: EvidenceModel) {
        self.classifier = classifier
        self.evidence = evidence
    }

    /// Whether an event's date is inside `since`…`asOf` (undated events always are).
    /// Whether a count's period meets the range (`since` … `asOf`); a count of no stated period always does.
    public func inRange(_ c: AggregatedCount) -> Bool {
        if let since, let end = c.periodEnd, end < since { return false }
        if let asOf, let start = c.periodStart, start > asOf { return false }
        return true
    }

    public func inRange(_ d: CalendarDate?) -> Bool {
        guard let d else { return true }
        if let since, d < since { return false }
        if let asOf, d > asOf { return false }
        return true
    }

    /// Summaries for `zones` (one level) from incidents, control areas and reported figures.
    /// `locator`: a point locator over exactly these zones, if one is at hand (the placing's, `InputLoader.Loaded.locator(over:level:)` in MapJob).
    public func build(zones: [Zone], level: ZoneLevel, incidents allIncidents: [Incident], controlAreas: [ControlArea]?,
                      reported: [ReportedObservation], counts: ReadReport, sources: [String], locator: PointLocator? = nil,
                      aggregated: [AggregatedCount] = []) throws -> SummaryReport {
        let incidents = allIncidents.filter { inRange($0.eventDate) }
        var t = counted(zones: zones, level: level, incidents: incidents, locator: locator)
        for c in aggregated where inRange(c) { t.add(c) }
        let (rows, unplaced) = t.result()
        let surface = incidents.isEmpty ? nil
            : SurfaceInput.from(incidents, classifier: classifier, evidence: evidence, asOf: asOf, halfLifeDays: parameters.halfLifeDays)
        var report = try build(zones: zones, level: level, tallied: rows, unplaced: unplaced, surface: surface, controlAreas: controlAreas,
                               reported: reported, counts: counts, sources: sources, locator: t.builtLocator)
        var actors = ActorClassTally()
        for i in incidents { actors.add(i, classifier: classifier) }
        report.actors = actors
        if since != nil || asOf != nil { report.inRange = incidents.count }
        return report
    }

    /// Counts per zone: incidents placed by their point (the zone containing
    /// it, else the nearest within 2 km), else by their zone chain.
    public func tally(zones: [Zone], level: ZoneLevel, incidents: [Incident]) -> (rows: [ZoneSummaryRow], unplaced: Int) {
        counted(zones: zones, level: level, incidents: incidents, locator: nil).result()
    }

    private func counted(zones: [Zone], level: ZoneLevel, incidents: [Incident], locator: PointLocator?) -> ZoneTally {
        var t = ZoneTally(zones: zones, level: level, locator: locator)
        for i in incidents { t.add(i) }
        return t
    }

    /// How far outside every zone a point may lie and still be counted in the nearest one, km.
    public static let snapKm = 2.0

    /// Summaries from incident counts made elsewhere (in memory by ``tally(zones:level:incidents:)``,
    /// or in a database) and the surface's input (nil: no incidents in range). `locator`: a point locator over these
    /// zones if the counting built one (``ZoneTally/builtLocator``), else one is built when places need placing.
    public func build(zones: [Zone], level: ZoneLevel, tallied: [ZoneSummaryRow], unplaced: Int, surface surfaceInput: SurfaceInput?,
                      controlAreas: [ControlArea]?, reported: [ReportedObservation], counts: ReadReport, sources: [String],
                      locator given: PointLocator? = nil) throws -> SummaryReport {
        precondition(tallied.count == zones.count)
        var warnings: [String] = []
        var rows = tallied
        // Places per zone, for population weighting.
        var placesIn = [[Place]](repeating: [], count: zones.count)
        let populated = population == nil ? places.filter { ($0.population ?? 0) > 0 } : []
        if !populated.isEmpty {
            let locator = given ?? PointLocator(layer: ZoneLayer(level: level, source: "summary", zones: zones))
            for p in populated {
                if let z = locator.zoneIndex(containing: p.coordinate) { placesIn[z].append(p) }
            }
        }
        // Zone groups ("the capital"): rows summed from their members, shares estimated over the union.
        let memberZones = zones
        var zones = zones
        for g in groups where g.level == nil || g.level == level {
            guard let gz = try g.zone(over: memberZones) else { continue }
            let members = memberZones.indices.filter { g.members.contains(memberZones[$0].id) }
            rows.append(GroupRow.sum(zone: gz, members: members.map { tallied[$0] }))
            placesIn.append(members.flatMap { placesIn[$0] })
            zones.append(gz)
        }
        // Overlay.
        if let controlAreas {
            let overlay = try OverlayShare.compute(zones: zones, areas: controlAreas, asOf: asOf)
            var effective: [ControlClass: [Geometry]] = [:]
            for a in controlAreas where a.isValid(on: asOf) { effective[a.controlClass, default: []].append(a.geometry) }
            for z in zones.indices {
                rows[z].overlay = overlay.shares[zones[z].id]
                rows[z].overlapKm2 = overlay.overlapKm2[zones[z].id] ?? 0
                if !placesIn[z].isEmpty {
                    let total = Double(placesIn[z].reduce(0) { $0 + ($1.population ?? 0) })
                    var byClass: [ControlClass: Double] = [:]
                    for c in overlay.classes {
                        // Precedence: a place counts for the first class (in precedence order) whose area holds it.
                        let earlier = overlay.classes.prefix { $0 != c }
                        let held = placesIn[z].filter { p in
                            (effective[c] ?? []).contains { $0.contains(p.coordinate) }
                                && !earlier.contains { e in (effective[e] ?? []).contains { $0.contains(p.coordinate) } }
                        }
                        byClass[c] = Double(held.reduce(0) { $0 + ($1.population ?? 0) }) / total
                    }
                    rows[z].overlayPopulation = byClass
                }
            }
            if !overlay.overlapKm2.isEmpty {
                warnings.append("control areas of different classes overlap in \(overlay.overlapKm2.count) zones (\(String(format: "%.2f", overlay.overlapKm2.values.reduce(0, +))) km²); the overlap goes to the first class in the order \(OverlayShare.precedence.map(\.rawValue).joined(separator: " > "))")
            }
        }
        // Incident surface.
        if let surfaceInput {
            let surface = try IncidentSurface(zones: zones, parameters: parameters, population: population, cache: surfaceCache, progress: progress)
            let (estimates, cellStates) = try surface.estimateWithStates(surfaceInput)
            for z in zones.indices {
                rows[z].surface = estimates[z]
                if let people = estimates[z].people {
                    rows[z].surfacePopulation = ActorClassifier.controllingClasses.reduce(into: [:]) { $0[$1] = people.shares[$1] ?? 0 }
                } else if !placesIn[z].isEmpty {
                    let total = Double(placesIn[z].reduce(0) { $0 + ($1.population ?? 0) })
                    var byClass: [ControlClass: Double] = [:]
                    for p in placesIn[z] {
                        if let c = try cellStates(p.coordinate) { byClass[c, default: 0] += Double(p.population ?? 0) / total }
                    }
                    rows[z].surfacePopulation = ActorClassifier.controllingClasses.reduce(into: [:]) { $0[$1] = byClass[$1] ?? 0 }
                }
            }
        }
        // Reported figures.
        for o in reported {
            if let g = groups.first(where: { $0.isNamed(o.zoneText) }), let z = zones.firstIndex(where: { $0.id == g.name }) {
                rows[z].reported.append(o)
                continue
            }
            guard let id = o.zoneID else { continue }
            if let z = zones.firstIndex(where: { $0.id == id }) { rows[z].reported.append(o) }
            // At a coarser level the figure is about a part of a zone (p-codes nest by prefix): listed as such.
            else if let z = zones.firstIndex(where: { $0.level != .group && id.count > $0.id.count && id.hasPrefix($0.id) }) {
                rows[z].reportedParts.append(o)
            }
        }
        if surfaceInput != nil, let w = Self.noEvidenceWarning(rows: rows) { warnings.append(w) }
        let method = population.map { "population weighting: shares by people are the population surface's people (\(String(format: "%.0f", $0.total)) in \($0.points.count) points, \(($0.source as NSString).lastPathComponent)) living in the cells of each state; events known only to their zone are spread over its people" }
            ?? (places.isEmpty ? "population weighting: none (no places with population)"
            : "population weighting: within each zone, by the populations of the gazetteer's populated places (GeoNames); zones without such places have no population-weighted share")
        return SummaryReport(rows: rows, level: level, parameters: parameters, asOf: asOf, since: since, populationMethod: method,
                             sources: sources, counts: counts, calibration: nil, warnings: warnings, unplaced: unplaced)
    }

    /// Fits θ so the surface's gang share of `zoneID` matches `target`
    /// (grid search over 0.34…0.95, step 0.01; bootstrap off while fitting).
    public func calibrate(zones: [Zone], zoneID: String, target: Double, incidents: [Incident], actorClass: ControlClass = .gang) throws -> Calibration? {
        try calibrate(zones: zones, zoneID: zoneID, target: target,
                      surface: SurfaceInput.from(incidents, classifier: classifier, evidence: evidence, asOf: asOf, halfLifeDays: parameters.halfLifeDays),
                      actorClass: actorClass)
    }

    /// Fits θ as above, from a surface input.
    public func calibrate(zones: [Zone], zoneID: String, target: Double, surface input: SurfaceInput, actorClass: ControlClass = .gang) throws -> Calibration? {
        guard let z = zones.firstIndex(where: { $0.id == zoneID }) else { return nil }
        var best: Calibration?
        var p = parameters
        p.bootstrap = 0
        var theta = 0.34
        while theta <= 0.95 + 1e-9 {
            p.theta = theta
            let surface = try IncidentSurface(zones: [zones[z]], parameters: p, cache: surfaceCache)
            let est = try surface.estimate(input)[0].shares[actorClass] ?? 0
            let c = Calibration(zone: zoneID, target: target, theta: (theta * 100).rounded() / 100, estimate: est)
            if best == nil || c.error < best!.error - 1e-12 { best = c }
            theta += 0.01
        }
        return best
    }
}

/// Parents' shares from their children's, weighted by area (or population):
/// share(parent) = Σ share(child)·w(child) / Σ w(child). Consistent by
/// construction at every level.
public enum RollUp {
    public static func shares(children: [(share: [ControlClass: Double], weight: Double)]) -> [ControlClass: Double] {
        let total = children.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return [:] }
        var out: [ControlClass: Double] = [:]
        for c in children { for (k, v) in c.share { out[k, default: 0] += v * c.weight / total } }
        return out
    }

    /// Rows for the parent level, built from child rows (parent ids from the zones' parent ids).
    public static func rows(parents: [Zone], children: [ZoneSummaryRow], byPopulation: Bool = false) -> [ZoneSummaryRow] {
        parents.map { parent in
            let kids = children.filter { $0.zone.parentID == parent.id || String($0.zone.id.prefix(parent.id.count)) == parent.id }
            var row = ZoneSummaryRow(zone: parent)
            row.rolledUp = true
            row.incidents = kids.reduce(0) { $0 + $1.incidents }
            row.fatalities = kids.reduce(0) { $0 + $1.fatalities }
            for k in kids { for (t, n) in k.byEventType { row.byEventType[t, default: 0] += n } }
            row.firstDate = kids.compactMap(\.firstDate).min()
            row.lastDate = kids.compactMap(\.lastDate).max()
            func weight(_ r: ZoneSummaryRow) -> Double { byPopulation ? (r.zone.population ?? 0) : r.zone.areaKm2 }
            if kids.contains(where: { $0.overlay != nil }) {
                row.overlay = shares(children: kids.map { ($0.overlay ?? [:], weight($0)) })
            }
            if kids.contains(where: { $0.surface != nil }) {
                var est = IncidentSurface.ZoneEstimate(shares: shares(children: kids.map { ($0.surface?.shares ?? [:], weight($0)) }),
                                                       contested: 0, noInformation: 0, interval: [:])
                let total = kids.reduce(0) { $0 + weight($1) }
                if total > 0 {
                    est.contested = kids.reduce(0) { $0 + ($1.surface?.contested ?? 0) * weight($1) } / total
                    est.noInformation = kids.reduce(0) { $0 + ($1.surface?.noInformation ?? 1) * weight($1) } / total
                    est.combat = kids.reduce(0) { $0 + ($1.surface?.combat ?? 0) * weight($1) } / total
                }
                // Shares by people roll up by the children's people (whatever the area weighting), so they stay the
                // parent's people's shares.
                let peopleKids = kids.compactMap { k in k.surface?.people.map { (shares: $0, weight: $0.population) } }
                let people = peopleKids.reduce(0) { $0 + $1.weight }
                if peopleKids.count == kids.count, people > 0 {
                    var p = IncidentSurface.Shares()
                    p.population = people
                    p.shares = shares(children: peopleKids.map { ($0.shares.shares, $0.weight) })
                    p.contested = peopleKids.reduce(0) { $0 + $1.shares.contested * $1.weight } / people
                    p.noInformation = peopleKids.reduce(0) { $0 + $1.shares.noInformation * $1.weight } / people
                    p.combat = peopleKids.reduce(0) { $0 + $1.shares.combat * $1.weight } / people
                    est.people = p
                    row.surfacePopulation = p.shares
                }
                row.surface = est
            }
            return row
        }
    }
}

/// A group's row: its members' counts added up.
enum GroupRow {
    static func sum(zone: Zone, members: [ZoneSummaryRow]) -> ZoneSummaryRow {
        var row = ZoneSummaryRow(zone: zone)
        var actors: [String: Int] = [:]
        for m in members {
            row.incidents += m.incidents
            row.fatalities += m.fatalities
            for (t, n) in m.byEventType { row.byEventType[t, default: 0] += n }
            if let d = m.firstDate, row.firstDate.map({ d < $0 }) ?? true { row.firstDate = d }
            if let d = m.lastDate, row.lastDate.map({ d > $0 }) ?? true { row.lastDate = d }
            for (k, a) in m.topActors.enumerated() { actors[a, default: 0] += m.incidents * (3 - k) }
        }
        row.topActors = actors.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3).map(\.key)
        return row
    }
}
