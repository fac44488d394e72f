import ArgumentParser
import Foundation
import GeoCore
import Incidents
import MapJob
import PostGISStore

extension IncidentMap {
    /// `incidentmap export`: incident tables to a point layer, streaming.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert incident tables (ACLED CSV, mapped CSV, GeoJSON, JSON Lines) to a point layer: .geojson, .shp or .csv.",
            discussion: "Streams: memory stays flat whatever the input size. Rows without coordinates are counted, not written (use map to geocode them)."
        )

        @Argument(help: "Incident files.")
        var inputs: [String]

        @OptionGroup var csv: CSVOptions
        @Option(name: [.customLong("to"), .customShort("o"), .customLong("output")],
                help: "Output file (-o and --output too, as on the other commands): .geojson (RFC 7946), .shp (with .shx .dbf .prj .cpg .fields.csv) or .csv; or a PostGIS table: postgresql://USER@HOST:PORT/DB (table --table in --schema).")
        var to: String

        @Option(help: "With --to postgresql://…: the schema.")
        var schema: String = "public"

        @Option(help: "With --to postgresql://…: the table.")
        var table: String = "incidents"

        @Flag(help: "With --to postgresql://…: drop and recreate the table if its columns differ.")
        var replace = false

        @Option(help: ArgumentHelp("Column mapping for non-ACLED CSVs: latitude=lat,longitude=lon,…", valueName: "mapping"))
        var columns: String?

        @Option(name: .customLong("on-error"), help: "fail | skip")
        var onError: OnError = .skip

        func run() async throws {
            let mapping = try columns.map(IncidentTableReader.parseMapping) ?? [:]
            let policy = onError
            let r: IncidentExport.Result
            if PostgresTarget.isURL(to) {
                let target = try PostgresTarget(url: to)
                r = try await IncidentExport.export(inputs: inputs, to: target, schema: schema, table: table, replace: replace,
                                                    columnMapping: mapping, onError: policy)
            } else {
                r = try IncidentExport.export(inputs: inputs, to: to, columnMapping: mapping, onError: policy)
            }
            for p in r.read.columnIssues { StandardError.write(Data("warning: \(p)\n".utf8)) }
            for p in r.read.problems.prefix(20) { StandardError.write(Data("warning: \(p)\n".utf8)) }
            let shown = PostgresTarget.isURL(to) ? ((try? PostgresTarget(url: to)).map { "\($0) table \(schema).\(table)" } ?? "PostGIS") : to
            var line = "export: \(r.read); wrote \(r.written) points to \(shown)"
            if r.withoutPoint > 0 { line += "; \(r.withoutPoint) without coordinates not written" }
            if r.truncated > 0 { line += "; \(r.truncated) text values cut to 254 bytes" }
            StandardError.write(Data((line + "\n").utf8))
            if let failure = r.read.failure {
                StandardError.write(Data("incidentmap: \(failure)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}
