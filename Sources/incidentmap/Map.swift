import ArgumentParser
import ControlShare
import Foundation
import GeoCore
import LayerIO
import MapJob
import PostGISStore
import Zones

#if canImport(Glibc)
import Glibc
#endif

extension IncidentMap {
    /// `incidentmap map`: the main job.
    struct Map: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The main job: read → place → zone → estimate → write every layer in every format → print the zone summary.",
            discussion: """
            With no INPUT it runs the embedded scenario (Geo/scenario: the seed briefing's incidents and the U.N. figure) over the \
            embedded Haiti outline. Layers: incidents, zones, control, places, reported. Formats: geojson (RFC 7946), shp \
            (shapelib, .prj/.cpg, fields.csv), gpkg (one GeoPackage with all layers, R-tree, QGIS styles), kml, csv, qgis \
            (.qml per layer and incidentmap.qgs). Files are written beside --out and moved in only when all are done.
            """
        )

        @OptionGroup var zones: BoundaryOptions
        @OptionGroup var analysis: AnalysisOptions

        @Option(name: [.customShort("o"), .customLong("out"), .customLong("output")], help: "Output folder (default: Exports, unless --to is given).")
        var out: String?

        @Option(help: "Write every layer into PostGIS instead (or as well, with --out): postgresql://USER@HOST:PORT/DB. Password from PGPASSWORD or ~/.pgpass.")
        var to: String?

        @Option(help: "PostgreSQL schema for --to.")
        var schema: String = "public"

        @Flag(help: "With --to: drop and recreate tables whose columns differ from the layer's.")
        var replace = false

        @Option(help: "Comma-separated formats: geojson,shp,gpkg,kml,csv,qgis (the default), and web (a static Leaflet map in web/).")
        var formats: String = "geojson,shp,gpkg,kml,csv,qgis"

        @Option(help: "Zones printed in the summary table (all are exported).")
        var top: Int = 15

        @Flag(name: .shortAndLong, help: "No progress line on standard error (it is drawn only when standard error is a terminal).")
        var quiet = false

        func validate() throws {
            if let to { _ = try PostgresTarget(url: to) }
            for f in formats.split(separator: ",") where MapExporter.Format(rawValue: f.trimmingCharacters(in: .whitespaces)) == nil {
                throw ValidationError("unknown format '\(f)' (geojson, shp, gpkg, kml, csv, qgis, web)")
            }
        }

        func run() async throws {
            // The output folder and the warnings file are checked before the work (a read-only folder is said at
            // once, not after the estimate).
            if let folder = out ?? (to == nil ? "Exports" : nil) { try OutputPath.checkFolder(folder, creating: true) }
            try analysis.checkWarningsFile()
            let progress = TerminalProgress(enabled: !quiet)
            let computed = try Self.compute(zones: zones, analysis: analysis, progress: progress.meter)
            var report = computed.report
            let layers = computed.layers
            let extent = computed.extent
            let formats = self.formats.split(separator: ",").compactMap { MapExporter.Format(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
            var written: [String] = []
            if let to {
                progress.step("loading layers into PostGIS")
                let target = try PostgresTarget(url: to)
                let r = try await PostGISLayerWriter(target: target, schema: schema, replace: replace)
                    .write(sources: MapLayer.allCases.map { n in
                        let layer = layers.layer(n)
                        return PostGISLayerWriter.LayerSource(name: n.rawValue, schema: layer.schema, forEach: layer.forEach)
                    })
                written.append("  loaded into \(target) schema \(schema): " + r.rows.map { "\($0.layer) \($0.rows)" }.joined(separator: ", "))
            }
            var result = MapExporter.Result()
            if let folder = out ?? (to == nil ? "Exports" : nil) {
                var exporter = MapExporter(formats: formats, attribution: zones.embeddedAttribution())
                exporter.progress = progress.meter
                result = try exporter.write(layers, to: folder, extent: extent, timeline: computed.timeline)
                written.append("  wrote \(result.files.count) files to \(folder)/ (\(formats.map(\.rawValue).joined(separator: ", ")))")
            }
            progress.clear()
            report.warnings += result.warnings
            report.rows.sort { a, b in a.incidents != b.incidents ? a.incidents > b.incidents : a.zone.id < b.zone.id }
            let all = report.rows.count
            // The top zones among those with something to show; the empty ones stay for the table's count of them.
            let showable = report.rows.filter(SummaryRenderer.hasSomething)
            report.rows = Array(showable.prefix(top)) + report.rows.filter { !SummaryRenderer.hasSomething($0) }
            if showable.count > top {
                report.warnings.append("\(showable.count - top) more zones with incidents or estimates are not shown (--top \(top)); zones.csv lists every zone")
            }
            let colour = isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let width = TableWidth.current
            print(SummaryRenderer(report: report, colour: colour, width: width).table(), terminator: "")
            print("  \(all) zones; layers: \(MapLayer.allCases.map { "\($0.rawValue) \(layers.count($0))" }.joined(separator: ", "))")
            for line in written { print(line) }
            try WarningOutput.emit(report.warnings, file: analysis.warningsFile)
            try analysis.finish(report.counts)
        }

        /// Read → place → zone → estimate: the layers of a run (shared with `serve`). The incidents
        /// are not held: each passes once through an ``IncidentPass`` (counted, fed to the surface,
        /// spooled to disk for the writers), so memory does not grow with the input.
        static func compute(zones: BoundaryOptions, analysis: AnalysisOptions, progress: ProgressMeter? = nil)
            throws -> (layers: MapLayers, report: SummaryReport, extent: BoundingBox?, timeline: MapExporter.Timeline?) {
            progress?.begin("reading inputs and boundaries", unit: "")
            var pass: IncidentPass?
            var byID: [String: Zone] = [:]
            let ctx = try analysis.load(boundaries: zones, preferLevel: "adm2") { ctx in
                for l in ctx.zones.layers { for z in l.zones { byID[z.id] = z } }
                let p = try IncidentPass(zones: ctx.layer.zones, level: ctx.layer.level, builder: analysis.builder(ctx), zonesByID: byID)
                p.progress = progress
                progress?.begin("reading and placing incidents", unit: "incidents")
                pass = p
                return p.add
            }
            guard let result = try pass?.finish() else { throw ValidationError("no incident input was read") }
            progress?.begin("estimating control shares over \(ctx.layer.zones.count) zones", unit: "")
            var builder = analysis.builder(ctx)
            builder.progress = progress
            var report = try builder.build(zones: ctx.layer.zones, level: ctx.layer.level, tallied: result.rows, unplaced: result.unplaced,
                                           surface: result.surface, controlAreas: ctx.controlAreas, reported: ctx.reported,
                                           counts: ctx.loaded.report, sources: ctx.sources)
            report.warnings = ctx.warnings + report.warnings
            if let (zone, share) = try analysis.calibrationTarget(ctx) {
                report.calibration = try builder.calibrate(zones: ctx.layer.zones, zoneID: zone.id, target: share, surface: result.surfaceAll)
            }
            var surfacePolygons: [String: Geometry] = [:]
            if result.incidents > 0 {
                progress?.begin("dissolving the control surface", unit: "")
                var p = analysis.parameters
                p.bootstrap = 0
                surfacePolygons = try IncidentSurface(zones: ctx.layer.zones, parameters: p).controlPolygons(result.surfaceAll)
            }
            let layers = MapLayers.build(report: report, incidents: result.layer, incidentPlaces: result.places, seenPlaces: result.seen,
                                         mentions: ctx.loaded.mentions, controlAreas: ctx.controlAreas, surfacePolygons: surfacePolygons,
                                         reported: ctx.reported, zonesByID: byID)
            // The QGIS project opens on the incidents (padded a little, at least ~20 km across), else on every zone.
            let zonesExtent = ctx.layer.zones.first.map { z in ctx.layer.zones.dropFirst().reduce(z.boundingBox) { $0.union($1.boundingBox) } }
            let extent = result.extent.map { b in
                let padX = max(0.1, (b.maxLongitude - b.minLongitude) * 0.1), padY = max(0.1, (b.maxLatitude - b.minLatitude) * 0.1)
                return BoundingBox(minLongitude: b.minLongitude - padX, minLatitude: b.minLatitude - padY,
                                   maxLongitude: b.maxLongitude + padX, maxLatitude: b.maxLatitude + padY)
            } ?? zonesExtent
            var timeline: MapExporter.Timeline?
            if let every = analysis.every, let input = result.surface {
                progress?.begin("estimating control by \(every.rawValue)", unit: "")
                if let t = try builder.timeline(zones: ctx.layer.zones, level: ctx.layer.level, surface: input, every: every) {
                    // The chart: groups, zones with reported figures, then the zones with most incidents (12 panels at most).
                    var show = report.rows.filter { $0.zone.level == "group" || !$0.reported.isEmpty }.map(\.zone.id)
                    show += report.rows.filter { $0.incidents > 0 }.sorted { $0.incidents > $1.incidents }.map(\.zone.id)
                    var seen = Set<String>()
                    show = show.filter { seen.insert($0).inserted }
                    var reportedBy: [String: [(CalendarDate, Double)]] = [:]
                    for r in report.rows { for o in r.reported { if let d = o.date { reportedBy[r.zone.id, default: []].append((d, o.share)) } } }
                    timeline = MapExporter.Timeline(timeline: t, chartZones: Array(show.prefix(12)), reported: reportedBy)
                }
            }
            return (layers, report, extent, timeline)
        }
    }
}
