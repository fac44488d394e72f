import ControlShare
import Gazetteer
import Zones

/// Which rows of a summary are shown and in what order (`summary --zone --sort --roll-up --top`). A selection is
/// applied after every zone was placed and estimated: it never changes a zone's numbers.
public struct SummarySelection: Sendable {
    /// Zones by p-code or name, and groups by name (empty: every zone and group).
    public var zones: [String] = []
    public var sort: SummarySortKey = .incidents
    /// Also the parent level's rows, computed from the children (area-weighted).
    public var rollUp = false
    /// At most this many rows after sorting.
    public var top: Int?

    public init(zones: [String] = [], sort: SummarySortKey = .incidents, rollUp: Bool = false, top: Int? = nil) {
        self.zones = zones
        self.sort = sort
        self.rollUp = rollUp
        self.top = top
    }

    /// The zones of the run's level the selection names; every name must match one (checked before any estimate).
    public func selectedZones(in resources: MapResources) throws -> [Zone] {
        let layer = resources.layer
        guard !zones.isEmpty else { return layer.zones }
        let groupNames = Set(resources.groups.map(\.name))
        let wanted = zones.filter { !groupNames.contains($0) }
        func matches(_ z: Zone, _ w: String) -> Bool { z.id == w.uppercased() || NameNormalizer.key(z.name) == NameNormalizer.key(w) }
        let selected = layer.zones.filter { z in wanted.contains { matches(z, $0) } }
        let missing = wanted.filter { w in !selected.contains { matches($0, w) } }
        if !missing.isEmpty {
            throw MapRunError.unknownZones(missing, level: layer.level,
                                           suggestions: Dictionary(missing.compactMap { m in resources.zoneHolding(place: m).map { (m, "\($0.id) \($0.name)") } },
                                                                   uniquingKeysWith: { a, _ in a }))
        }
        return selected
    }

    /// `map`'s table: every row by incidents (then p-code), the first `top` of those with something to show, then the
    /// empty ones (the table counts them); how many were cut and where to see them in ``SummaryReport/notShownByTop``.
    public static func mapTable(_ report: SummaryReport, top: Int) -> SummaryReport {
        var out = report
        out.rows.sort { a, b in a.incidents != b.incidents ? a.incidents > b.incidents : a.zone.id < b.zone.id }
        let showable = out.rows.filter(SummaryRenderer.hasSomething)
        out.rows = Array(showable.prefix(top)) + out.rows.filter { !SummaryRenderer.hasSomething($0) }
        if showable.count > top { out.notShownByTop = (showable.count - top, "zones.csv lists every zone; --top \(showable.count) shows them here") }
        return out
    }

    /// The report with the selected rows, sorted, the parents' rows rolled up when asked, cut to `top`.
    public func apply(to report: SummaryReport, resources: MapResources) throws -> SummaryReport {
        let selected = try selectedZones(in: resources)
        var out = report
        let selectedIDs = try self.selectedIDs(groups: Set(report.rows.filter { $0.zone.level == .group }.map(\.zone.id)), resources: resources)
        let allRows = report.rows.filter { $0.zone.level != .group }
        out.rows = sort.sorted(report.rows.filter { selectedIDs.contains($0.zone.id) })
        if rollUp, let parentLayer = resources.zones.layers.last(where: { $0.rank < resources.layer.rank }) {
            let parents = RollUp.rows(parents: parentLayer.zones, children: allRows)
            let parentIDs = Set(selected.compactMap(\.parentID))
            out.rows += parents.filter { ($0.incidents > 0 || $0.overlay != nil) && (zones.isEmpty || parentIDs.contains($0.zone.id)) }
        }
        if let top, out.rows.count > top {
            let left = out.rows.dropFirst(top).filter(SummaryRenderer.hasSomething).count
            out.rows = Array(out.rows.prefix(top))
            if left > 0 { out.notShownByTop = (left, "--top \(top + left) shows them, --format csv or json lists every zone") }
        }
        return out
    }

    /// The timeline's rows of the selected zones (and the groups named, or every group when no zone is named).
    public func apply(to timeline: ControlTimeline, resources: MapResources) throws -> ControlTimeline {
        guard !zones.isEmpty else { return timeline }
        let ids = try selectedIDs(groups: Set(timeline.zones.filter { $0.level == .group }.map(\.id)), resources: resources)
        return timeline.keeping { ids.contains($0.id) }
    }

    /// The ids of the selected zones of the run's level, and of the groups among `groups` the selection keeps.
    func selectedIDs(groups: Set<String>, resources: MapResources) throws -> Set<String> {
        Set(try selectedZones(in: resources).map(\.id)).union(zones.isEmpty ? groups : groups.filter { g in zones.contains { $0 == g } })
    }
}
