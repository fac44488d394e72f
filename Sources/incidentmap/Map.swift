import ArgumentParser
import ControlShare
import Foundation
import GeoCore
import Incidents
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
            INPUT: incident files (ACLED CSV, .csv.gz, .zip, GeoJSON, JSON Lines, articles as .txt); --demo runs the embedded \
            scenario (Geo/scenario: the seed briefing's incidents and the U.N. figure) instead; with neither it stops (exit 64). \
            Zones: the country profile's boundaries (HTI: the communes) unless --boundaries. Layers: incidents, zones, control, places, reported. Formats: geojson (RFC 7946), shp \
            (shapelib, .prj/.cpg, fields.csv), gpkg (one GeoPackage with all layers, R-tree, QGIS styles), kml, csv, qgis \
            (.qml per layer and incidentmap.qgs). Files are written beside --out and moved in only when all are done.

            Examples:
              incidentmap map --demo --out demo-layers --formats gpkg,qgis
              incidentmap map --demo -o battles --where "event_type = 'Battles'" -q
            """
        )

        @OptionGroup var csv: CSVOptions
        @OptionGroup var zones: BoundaryOptions
        @OptionGroup var analysis: AnalysisOptions
        @OptionGroup var shapingOptions: IncidentShapingOptions

        @Option(name: [.customShort("o"), .customLong("out"), .customLong("output")], help: "Output folder (default: Exports, unless --to is given).")
        var out: String?

        @Option(help: "Write every layer into PostGIS instead (or as well, with --out): postgresql://USER@HOST:PORT/DB. Password from PGPASSWORD or ~/.pgpass.")
        var to: String?

        @OptionGroup var postgis: PostGISOptions

        @Option(help: "Comma-separated formats: geojson,shp,gpkg,kml,csv,qgis (the default), and web (a static Leaflet map in web/).")
        var formats = FormatList([.geojson, .shp, .gpkg, .kml, .csv, .qgis])

        @Flag(help: "Write into a folder that holds other files and no IncidentMap output (or into / or the home folder); only IncidentMap's files are replaced, the others are left as they are.")
        var force = false

        @Flag(help: "After the run, watch the inputs (incident files, folders of articles, --reported and --control files) and run again when they change, replacing the output folder whole each time; Ctrl-C stops.")
        var watch = false

        @Option(name: .customLong("watch-interval"), help: ArgumentHelp("With --watch: seconds between looks at the inputs.", valueName: "seconds"))
        var watchInterval: Double = 2

        @Option(help: "Zones printed in the summary table (all are exported).")
        var top: Int = 15

        @OptionGroup var display: RunDisplayOptions

        func validate() throws {
            if let to { _ = try PostgresTarget(url: to) }
            guard watchInterval > 0, watchInterval.isFinite else { throw ValidationError("--watch-interval must be > 0") }
            if watch, analysis.inputs.isEmpty { throw ValidationError("--watch needs input files or folders to watch (--demo's scenario does not change)") }
        }

        /// What `--watch` looks at.
        var watchedPaths: [String] { analysis.inputs + analysis.reported + [analysis.control].compactMap { $0 } }

        /// `--watch`: every `--watch-interval` seconds, the inputs' fingerprint; when it changed, the run again (its
        /// output replaces the folder whole, as every run's does). A failed run is said, and the output stays as the
        /// last good run wrote it.
        func rerun(from fingerprint: FileFingerprint) async {
            var last = fingerprint
            StandardError.write(Data("incidentmap map: watching \(watchedPaths.count) inputs (Ctrl-C to stop)\n".utf8))
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(watchInterval * 1e9))
                let now = FileFingerprint(watchedPaths)
                guard now != last else { continue }
                last = now
                StandardError.write(Data("incidentmap map: inputs changed; running again\n".utf8))
                do { try await runOnce() } catch {
                    StandardError.write(Data("incidentmap map: the run failed (\(error)); the output is as the last good run wrote it\n".utf8))
                }
            }
        }

        func run() async throws {
            // The output folder and the warnings file are checked before the work (a read-only folder is said at
            // once, not after the estimate).
            if let folder = out ?? (to == nil ? "Exports" : nil) {
                try OutputPath.checkFolder(folder, creating: true)
                try OutputPath.checkOutputFolder(folder, force: force)
            }
            try analysis.checkWarningsFile()
            // Taken before the inputs are read: a change made during the first run is seen by the first look.
            let fingerprint = watch ? FileFingerprint(watchedPaths) : nil
            try await runOnce()
            if let fingerprint { await rerun(from: fingerprint) }
        }

        /// Read → estimate → write → print, once.
        func runOnce() async throws {
            let progress = display.progress()
            progress.step("reading inputs and boundaries")
            let shaping = try shapingOptions.shaping(inputs: analysis.inputs, mapping: try analysis.columns.map { try IncidentTableReader.parseMapping($0) } ?? [:])
            let computed = try usage { try analysis.run(boundaries: zones, shaping: shaping).compute(progress: progress.meter) }
            let destination = MapOutput(folder: out ?? (to == nil ? "Exports" : nil), formats: formats.formats, attribution: zones.embeddedAttribution(),
                                        postgis: try to.map { MapOutput.PostGISTarget(target: try PostgresTarget(url: $0), schema: postgis.schema, replace: postgis.replace) })
            let written = try await destination.write(computed, progress: progress.meter)
            progress.clear()
            var report = SummarySelection.mapTable(computed.report, top: top)
            report.warnings += written.warnings
            let colour = isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            print(SummaryRenderer(report: report, colour: colour, width: display.wide ? nil : TableWidth.current).table(), terminator: "")
            print("  \(computed.report.rows.count) zones; layers: \(MapLayer.allCases.map { "\($0.rawValue) \(computed.layers.count($0))" }.joined(separator: ", "))")
            for line in written.lines { print(line) }
            try WarningOutput.emit(report.warnings, file: analysis.warningsFile)
            fflush(nil)  // each run's table as it ends (--watch runs again later)
            try analysis.finish(report.counts)
        }
    }
}
