import ArgumentParser
import ControlShare
import Foundation
import GeoCore
import MapJob
import PostGISStore
import Zones

#if canImport(Glibc)
import Glibc
#endif

extension IncidentMap {
    /// `incidentmap summary`: zone summaries with control shares.
    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarise zones: incidents, fatalities, actors, and control share by overlay, incident surface and reported figures.",
            discussion: """
            The model and every parameter are documented in docs/control-share.md; the footer echoes them.

            Examples:
              incidentmap summary --demo --top 5
              incidentmap summary --demo --level adm1 --sort gang -f csv
            """
        )

        @OptionGroup var csv: CSVOptions
        @OptionGroup var overwriting: OverwriteOption
        @OptionGroup var zones: BoundaryOptions
        @OptionGroup var analysis: AnalysisOptions

        @Option(help: ArgumentHelp("Only these zones (p-code or name; repeatable).", valueName: "zone"))
        var zone: [String] = []

        @Option(help: "Sort by: incidents | fatalities | gang | area | name | pcode.")
        var sort: SummarySortKey = .incidents

        @Option(help: "Show only the first N zones after sorting.")
        var top: Int?

        @Option(name: [.customShort("f"), .long], help: "table | markdown | csv | json (default: from the -o file's extension, else table).")
        var format: Format?

        @Option(name: [.customShort("o"), .customLong("output")], help: "Write to this file (atomically) instead of standard output ('-': standard output).")
        var output: String?

        @Option(help: ArgumentHelp("Summarise the incident table in PostGIS instead of files: placing and counting run in SQL.", valueName: "postgresql://USER@HOST:PORT/DB"))
        var from: String?

        @Option(help: ArgumentHelp("With --from: the schema of the incident table.", valueName: "schema"))
        var schema: String = "public"

        @Option(help: ArgumentHelp("With --from: the incident table (as `map --to` / `export --to` write it).", valueName: "table"))
        var table: String = "incidents"

        @OptionGroup var display: RunDisplayOptions

        @Flag(name: .customLong("roll-up"), help: "Also print the parent level's shares computed from these zones (area-weighted).")
        var rollUp = false

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, markdown, csv, json }

        func validate() throws {
            if let from {
                guard PostgresTarget.isURL(from) else { throw ValidationError("--from takes postgresql://USER@HOST:PORT/DB") }
                guard analysis.inputs.isEmpty else { throw ValidationError("give incident files or --from, not both") }
            }
        }

        static let extensions: [String: Format] = ["txt": .table, "md": .markdown, "csv": .csv, "json": .json]

        func run() async throws {
            // Output and warnings paths, and the format they name, checked before the work.
            let format = try OutputPath.format(explicit: self.format, path: output, extensions: Self.extensions, fallback: .table)
            let sink = try OutputPath.sink(output, overwrite: overwriting.overwrite)
            try analysis.checkWarningsFile()
            let progress = display.progress(drawn: from == nil)
            progress.step("reading inputs and boundaries")
            let run = try analysis.run(boundaries: zones, readsIncidents: from == nil)
            let selection = SummarySelection(zones: zone, sort: sort, rollUp: rollUp, top: top)
            _ = try usage { try selection.selectedZones(in: run.resources) }
            _ = try usage { try run.calibrationTarget() }
            progress.step("reading and placing incidents")
            let ctx = try usage { try run.load() }
            progress.step("estimating control shares over \(ctx.layer.zones.count) zones")
            var (report, timeline): (SummaryReport, ControlTimeline?)
            if let from {
                (report, timeline) = try await run.summarize(from: PostGISIncidentTally(target: try PostgresTarget(url: from), schema: schema, table: table), ctx)
            } else {
                (report, timeline) = (try usage { try run.summarize(ctx, progress: progress.meter) }, try run.timeline(ctx))
            }
            progress.clear()
            report = try selection.apply(to: report, resources: run.resources)
            timeline = try timeline.map { try selection.apply(to: $0, resources: run.resources) }
            let toTerminal = OutputPath.isStandardOutput(output) && isatty(1) == 1
            let colour = toTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let width = OutputPath.isStandardOutput(output) && !display.wide ? TableWidth.current : nil
            var renderer = SummaryRenderer(report: report, colour: colour, width: width)
            renderer.timeline = timeline
            switch format {
            case .table: try sink.write(Array(renderer.table().utf8))
            case .markdown: try sink.write(Array(renderer.markdown().utf8))
            case .csv: try sink.write(timeline.map { TimelineRenderer($0).csv() } ?? renderer.csv())
            case .json: try sink.write(timeline.map { TimelineRenderer($0).json() } ?? renderer.json())
            }
            try sink.finish()
            try WarningOutput.emit(report.warnings, file: analysis.warningsFile)
            try analysis.finish(report.counts)
        }
    }
}
