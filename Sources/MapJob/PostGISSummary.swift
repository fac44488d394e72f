import ControlShare
import Foundation
import GeoCore
import Incidents
import PostGISStore
import Zones

/// `summary --from postgresql://…`: the zone summary of an incident table in
/// PostGIS. Placing incidents in zones and counting them happens in SQL
/// (``PostGISIncidentTally``); the incident surface is fed from the rows
/// streamed back (a 32-byte contribution per event, not the incidents);
/// control areas, reported figures and population weighting are the same
/// as in memory. The report equals the in-memory `summary` of the same
/// incidents.
public enum PostGISSummary {
    public struct Output {
        public var report: SummaryReport
        /// The surface's input, for calibration (nil: no incidents in range).
        public var surface: SurfaceInput?
        /// The largest relative difference between a zone's area from PostGIS
        /// (`geography`) and from PROJ's geodesic, for the record.
        public var areaDisagreement: Double
    }

    public static func build(_ builder: ZoneSummaryBuilder, zones: [Zone], level: ZoneLevel, table: PostGISIncidentTally,
                             controlAreas: [ControlArea]?, reported: [ReportedObservation], sources: [String]) async throws -> Output {
        var input = SurfaceInput(classifier: builder.classifier, evidence: builder.evidence, asOf: builder.asOf, halfLifeDays: builder.parameters.halfLifeDays)
        let locator = PointLocator(layer: ZoneLayer(level: level, source: "summary", zones: zones))
        let indexByID = Dictionary(zones.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var extra = [PostGISIncidentTally.ZoneCounts](repeating: .init(), count: zones.count)
        var unplaced = 0
        let tally = try await table.tally(zones: zones.map { ($0.id, $0.geometry) }, since: builder.since, asOf: builder.asOf, outside: { o in
            // As in memory: the nearest zone within the snap distance, else the first zone of the chain.
            var z = o.coordinate.flatMap { locator.place($0, snapKm: ZoneSummaryBuilder.snapKm).zoneIndex }
            if z == nil { z = o.zoneChain.lazy.compactMap { indexByID[$0] }.first }
            guard let z else { unplaced += o.count; return }
            extra[z].incidents += o.count
            extra[z].fatalities += (o.fatalities ?? 0) * o.count
            extra[z].byEventType[o.eventType, default: 0] += o.count
            if let a = o.actor1 { extra[z].byActor[a, default: 0] += o.count }
            if let d = o.eventDate {
                if extra[z].firstDate.map({ d < $0 }) ?? true { extra[z].firstDate = d }
                if extra[z].lastDate.map({ d > $0 }) ?? true { extra[z].lastDate = d }
            }
        }) { e in
            input.add(coordinate: e.coordinate, eventDate: e.eventDate, subEventType: e.subEventType, actor1: e.actor1, inter1: e.inter1,
                      actor2: e.actor2, inter2: e.inter2, country: e.country, geoPrecision: e.geoPrecision)
        }
        var rows = zones.map { ZoneSummaryRow(zone: $0) }
        for (k, var c) in tally.zones.enumerated() {
            c.merge(extra[k])
            rows[k].incidents = c.incidents
            rows[k].fatalities = c.fatalities
            rows[k].firstDate = c.firstDate
            rows[k].lastDate = c.lastDate
            rows[k].byEventType = c.byEventType
            rows[k].topActors = c.byActor.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3).map(\.key)
        }
        var counts = ReadReport()
        counts.read = tally.rows
        counts.kept = tally.rows
        let surface = tally.inRange > 0 ? input : nil
        // Reported figures given as files come first, then those stored beside the incidents (map --to's `reported` table).
        var figures = reported
        for r in tally.reported where !figures.contains(where: { $0.zoneID == r.zone && $0.origin == r.origin && $0.share == r.share }) {
            figures.append(ReportedObservation(zoneText: r.asWritten, zoneID: r.zone, actorClass: ControlClass(r.actorClass), share: r.share, date: r.date,
                                               source: r.source, origin: r.origin))
        }
        let report = try builder.build(zones: zones, level: level, tallied: rows, unplaced: unplaced, surface: surface,
                                       controlAreas: controlAreas, reported: figures, counts: counts, sources: sources)
        var disagreement = 0.0
        for (z, a) in zip(zones, tally.areasKm2) where z.areaKm2 > 0 { disagreement = max(disagreement, abs(a - z.areaKm2) / z.areaKm2) }
        return Output(report: report, surface: surface, areaDisagreement: disagreement)
    }
}
