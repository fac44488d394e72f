import Foundation
import GeoCore
import Incidents
import Zones

/// Control over time: every zone estimated at the end of every period
/// (month or quarter) from `--since` to `--as-of`, each from the events up to
/// that day with ages counted from it. One incident surface (the grid and its
/// cell–zone overlaps) serves every period.
public struct ControlTimeline: Sendable {
    public enum Every: String, Sendable, CaseIterable { case month, quarter }

    public let every: Every
    public let periodEnds: [CalendarDate]
    /// The zones (groups included), in the order of each period's estimates.
    public let zones: [Zone]
    /// estimates[period][zone].
    public let estimates: [[IncidentSurface.ZoneEstimate]]
    /// Bootstrap replicates per period.
    public let bootstrap: Int

    /// The timeline of the zones `keep` holds (by id), in the same order: what `summary --zone` shows.
    public func keeping(_ keep: (Zone) -> Bool) -> ControlTimeline {
        let kept = zones.indices.filter { keep(zones[$0]) }
        return ControlTimeline(every: every, periodEnds: periodEnds, zones: kept.map { zones[$0] },
                               estimates: estimates.map { period in kept.map { period[$0] } }, bootstrap: bootstrap)
    }

    /// The last day of every period from `start` to `end` (the last period ends at `end`).
    public static func periodEnds(_ every: Every, from start: CalendarDate, to end: CalendarDate) -> [CalendarDate] {
        guard start <= end else { return [] }
        var out: [CalendarDate] = []
        var y = start.year, m = start.month
        if every == .quarter { m = ((m - 1) / 3) * 3 + 3 }
        while true {
            let last = try! CalendarDate(year: y, month: m, day: CalendarDate.daysIn(month: m, year: y))
            if last >= end { out.append(end); break }
            out.append(last)
            m += every == .month ? 1 : 3
            if m > 12 { m -= 12; y += 1 }
        }
        return out
    }

    /// The class holding most of a zone (or "contested", "no information") in an estimate.
    public static func leading(_ estimate: IncidentSurface.ZoneEstimate) -> String {
        let e = IncidentSurface.headline(estimate)
        var best = ("no information", e.noInformation)
        if e.contested > best.1 { best = ("contested", e.contested) }
        for c in ActorClassifier.controllingClasses where (e.shares[c] ?? 0) > best.1 { best = (c.rawValue, e.shares[c] ?? 0) }
        return best.0
    }

    /// A zone's change from the first period to the last.
    public struct Change: Sendable {
        public let zone: Zone
        public let from: String, to: String
        public let gangFrom: Double, gangTo: Double
        public var delta: Double { gangTo - gangFrom }
    }

    /// Zones whose gang share moved most between the first and the last period (class changes first).
    public func changes(limit: Int = 10) -> [Change] {
        guard let first = estimates.first, let last = estimates.last, estimates.count > 1 else { return [] }
        let all = zones.indices.map { z in
            Change(zone: zones[z], from: Self.leading(first[z]), to: Self.leading(last[z]),
                   gangFrom: IncidentSurface.headline(first[z]).shares[.gang] ?? 0, gangTo: IncidentSurface.headline(last[z]).shares[.gang] ?? 0)
        }
        return all.filter { $0.from != $0.to || abs($0.delta) >= 0.005 }
            .sorted { a, b in
                let ca = a.from != a.to, cb = b.from != b.to
                if ca != cb { return ca }
                return abs(a.delta) != abs(b.delta) ? abs(a.delta) > abs(b.delta) : a.zone.id < b.zone.id
            }
            .prefix(limit).map { $0 }
    }

    /// ▁▂▃▄▅▆▇█ for a zone's gang share (by people where the population surface gives them) at each period end ("·" where there is no information).
    public func sparkline(zone z: Int) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        return String(estimates.map { e -> Character in
            let est = IncidentSurface.headline(e[z])
            if est.noInformation >= 0.999 { return "·" }
            return bars[min(7, max(0, Int(((est.shares[.gang] ?? 0) * 7).rounded())))]
        })
    }
}

extension ZoneSummaryBuilder {
    /// Replicates per period of a timeline (fewer than a single estimate's, so a year by month costs a few estimates).
    public static let timelineBootstrap = 50

    /// The zones of a summary with its groups after them (as ``build(zones:level:tallied:unplaced:surface:controlAreas:reported:counts:sources:)`` adds them).
    public func withGroups(_ zones: [Zone], level: ZoneLevel) throws -> [Zone] {
        try zones + groups.filter { $0.level == nil || $0.level == level }.compactMap { try $0.zone(over: zones) }
    }

    /// Every zone (and group) at the end of every period from `since` (or the first event) to `asOf` (or the last).
    public func timeline(zones: [Zone], level: ZoneLevel, surface input: SurfaceInput, every: ControlTimeline.Every) throws -> ControlTimeline? {
        guard let start = since ?? input.firstDay, let end = asOf ?? input.lastDay else { return nil }
        let all = try withGroups(zones, level: level)
        var p = parameters
        p.bootstrap = min(p.bootstrap, Self.timelineBootstrap)
        let surface = try IncidentSurface(zones: all, parameters: p, population: population, cache: surfaceCache)
        let ends = ControlTimeline.periodEnds(every, from: start, to: end)
        let estimates = try ends.map { try surface.estimate(input.asOf($0)) }
        return ControlTimeline(every: every, periodEnds: ends, zones: all, estimates: estimates, bootstrap: p.bootstrap)
    }
}
