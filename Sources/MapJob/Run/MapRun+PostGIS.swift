import ControlShare
import Foundation
import PostGISStore

extension MapRun {
    /// The summary of incidents kept in a PostGIS table (`summary --from`): counted and estimated in the database
    /// (``PostGISSummary``) over the context's zones, with its control areas and reported figures, the calibration
    /// and the timeline when the request asks for them.
    public func summarize(from table: PostGISIncidentTally, _ ctx: MapContext) async throws -> (report: SummaryReport, timeline: ControlTimeline?) {
        var sources = ["PostGIS \(table.target) table \(table.schema).\(table.table)"]
        sources += ctx.sources.filter { $0.hasPrefix("control areas") || $0.hasPrefix("reported") }
        let builder = builder()
        let out = try await PostGISSummary.build(builder, zones: ctx.layer.zones, level: ctx.layer.level, table: table,
                                                 controlAreas: ctx.controlAreas, reported: ctx.reported, sources: sources)
        var report = out.report
        report.warnings = ctx.warnings + report.warnings
        if out.areaDisagreement > 1e-6 {
            report.warnings.append("zone areas from PostGIS geography and PROJ differ by up to \(out.areaDisagreement) (relative)")
        }
        var timeline: ControlTimeline?
        if let surface = out.surface {
            if let (zone, share) = try calibrationTarget() {
                report.calibration = try builder.calibrate(zones: ctx.layer.zones, zoneID: zone.id, target: share, surface: surface)
            }
            if let every = request.every {
                timeline = try builder.timeline(zones: ctx.layer.zones, level: ctx.layer.level, surface: surface, every: every)
            }
        }
        return (report, timeline)
    }
}
