import ArgumentParser
import Foundation
import GeoCore
import LayerIO
import Incidents
import MapJob
import PostGISStore

extension IncidentMap {
    /// `incidentmap export`: incident tables to a point layer, streaming.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert incident tables (ACLED CSV, mapped CSV, GeoJSON, JSON Lines) to a point layer: GeoJSON, Shapefile, CSV, GeoPackage or KML.",
            discussion: """
            Streams: memory stays flat whatever the input size. Rows without coordinates are counted, not written (use map to \
            geocode them). Columns no row fills are not written (GeoJSON leaves null properties out); an input's own columns \
            are kept, numbers as numbers. --where keeps the rows an expression passes (ogr2ogr's -where): \
            "event_type = 'Battles' AND fatalities > 0", "admin2 IN ('Delmas', 'Cabaret')", "notes LIKE '%kidnap%'", \
            "event_date BETWEEN '2025-01-01' AND '2025-03-31'". --select keeps the columns named, in that order.
            """
        )

        @Argument(help: "Incident files.")
        var inputs: [String]

        @OptionGroup var csv: CSVOptions
        @OptionGroup var overwriting: OverwriteOption
        @Option(name: [.customLong("to"), .customShort("o"), .customLong("output")],
                help: "Output file (-o and --output too, as on the other commands): .geojson (RFC 7946), .shp (with .shx .dbf .prj .cpg .fields.csv), .csv, .gpkg or .kml; '-': GeoJSON (or -f csv) on standard output; or a PostGIS table: postgresql://USER@HOST:PORT/DB (table --table in --schema).")
        var to: String

        @Option(name: [.customShort("f"), .customLong("format")], help: "Output format when the file name does not say it (or to say it for '-'): geojson, shp, csv, gpkg, kml.")
        var format: IncidentExport.Format?

        @OptionGroup var shapingOptions: IncidentShapingOptions

        @OptionGroup var postgis: PostGISOptions

        @Option(help: "With --to postgresql://…: the table.")
        var table: String = "incidents"

        @Option(help: ArgumentHelp("Column mapping for non-ACLED CSVs: latitude=lat,longitude=lon,…", valueName: "mapping"))
        var columns: String?

        @Option(name: .customLong("on-error"), help: "fail | skip")
        var onError: OnError = .skip

        func run() async throws {
            let mapping = try columns.map(IncidentTableReader.parseMapping) ?? [:]
            let policy = onError
            // The output, the format and the field names checked before any row is read.
            let shaping = try shapingOptions.shaping(inputs: inputs, mapping: mapping)
            let r: IncidentExport.Result
            if PostgresTarget.isURL(to) {
                let target = try PostgresTarget(url: to)
                r = try await IncidentExport.export(inputs: inputs, to: target, schema: postgis.schema, table: table, replace: postgis.replace,
                                                    shaping: shaping, columnMapping: mapping, onError: policy)
            } else {
                if let format, to != "-", let named = IncidentExport.Format.of(path: to), named != format {
                    throw PlainFailure("\(to): the name says \(named.rawValue) but -f says \(format.rawValue); make them agree")
                }
                if to != "-" {
                    let written = (format ?? IncidentExport.Format.of(path: to)) == .shp && !to.lowercased().hasSuffix(".shp") ? to + ".shp" : to
                    try OutputPath.checkFile(written, overwrite: overwriting.overwrite)
                }
                r = try IncidentExport.export(inputs: inputs, to: to, format: format, shaping: shaping, columnMapping: mapping, onError: policy)
            }
            for p in r.read.columnIssues { StandardError.write(Data("warning: \(p)\n".utf8)) }
            if r.read.countryLevel > 0, let w = r.read.allWarnings.last { StandardError.write(Data("warning: \(w)\n".utf8)) }
            for p in r.read.problems.prefix(20) { StandardError.write(Data("warning: \(p)\n".utf8)) }
            let shown = PostgresTarget.isURL(to) ? ((try? PostgresTarget(url: to)).map { "\($0) table \(postgis.schema).\(table)" } ?? "PostGIS") : to
            var line = "export: \(r.read); wrote \(r.written) points to \(shown == "-" ? "standard output" : shown)"
            if r.filtered > 0 { line += "; \(r.filtered) left out by --where" }
            if r.withoutPoint > 0 { line += "; \(r.withoutPoint) without coordinates not written" }
            if r.truncated > 0 { line += "; \(r.truncated) text values cut to 254 bytes" }
            StandardError.write(Data((line + "\n").utf8))
            if let failure = r.read.failure {
                StandardError.write(Data("incidentmap: \(failure)\n".utf8))
                throw ExitCode(2)
            }
            // A layer with no feature is valid (and written), but an export that wrote nothing did not do its job.
            if r.written == 0 {
                StandardError.write(Data("incidentmap: no feature written: \(r.nothingWrittenReason)\n".utf8))
                throw ExitCode(2)
            }
        }

    }
}
