import Gazetteer
import Incidents
import Zones

/// Joins the rows of an aggregated table (``AggregatedCount``) to the boundaries: by p-code whenever the row has
/// one (never by name then: names repeat across a country, p-codes do not), else by its finest admin name, checked
/// against the next coarser name when the row gives one. A row that joins to no zone is reported, not guessed.
enum AggregatedJoin {
    static func join(_ counts: inout [AggregatedCount], zones: ZoneSet, report: inout ReadReport) {
        var byID: [String: Zone] = [:]
        var byName: [String: [Zone]] = [:]
        for layer in zones.layers where !layer.level.rawValue.hasPrefix("grid") && !layer.level.rawValue.hasPrefix("hex") {
            for z in layer.zones {
                byID[z.id.uppercased()] = z
                byName[NameNormalizer.key(z.name), default: []].append(z)
            }
        }
        var unjoined = 0
        for k in counts.indices {
            let c = counts[k]
            var zone: Zone?
            if let p = c.pcode {
                zone = byID[p]
                if zone == nil { report.problem("\(c.whereRead): p-code \(p) is no zone of the boundaries (the row's \(c.events) events are not counted in a zone)") }
            } else if let finest = c.names.first {
                let candidates = byName[NameNormalizer.key(finest)] ?? []
                let parent = c.names.dropFirst().first.map(NameNormalizer.key)
                let fitting = candidates.filter { z in parent.map { p in zones.chain(of: z).contains { NameNormalizer.key($0.name) == p } } ?? true }
                // The finest zone of that name (a commune before a department of the same name).
                func rank(_ z: Zone) -> Int { zones.layers.firstIndex { $0.level == z.level } ?? 0 }
                zone = fitting.max { rank($0) < rank($1) }
                if fitting.count > 1, let z = zone, fitting.contains(where: { $0.level == z.level && $0.id != z.id }) {
                    report.problem("\(c.whereRead): '\(c.names.joined(separator: ", "))' names \(fitting.count) zones and the row has no p-code (its events are not counted in a zone)")
                    zone = nil
                } else if zone == nil {
                    report.problem("\(c.whereRead): no zone is named '\(c.names.joined(separator: ", "))' and the row has no p-code (its events are not counted in a zone)")
                }
            }
            guard let zone else { unjoined += 1; continue }
            counts[k].zoneChain = zones.chain(of: zone).map(\.id)
        }
        // Rows that join no zone are rejected rows: counted as such, each listed with its reason.
        report.kept -= unjoined
        report.rejected += unjoined
    }
}
