import ArgumentParser
import Foundation
import Incidents
import MapJob

extension IncidentMap {
    /// `incidentmap export`: incident tables to a point layer, streaming.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert incident tables (ACLED CSV, mapped CSV, GeoJSON, JSON Lines) to a point layer: .geojson, .shp or .csv.",
            discussion: "Streams: memory stays flat whatever the input size. Rows without coordinates are counted, not written (use map to geocode them)."
        )

        @Argument(help: "Incident files.")
        var inputs: [String]

        @Option(help: "Output file: .geojson (RFC 7946), .shp (with .shx .dbf .prj .cpg .fields.csv) or .csv.")
        var to: String

        @Option(help: ArgumentHelp("Column mapping for non-ACLED CSVs: latitude=lat,longitude=lon,…", valueName: "mapping"))
        var columns: String?

        @Option(name: .customLong("on-error"), help: "fail | skip")
        var onError: String = "skip"

        func run() throws {
            let mapping = try columns.map(IncidentTableReader.parseMapping) ?? [:]
            let r = try IncidentExport.export(inputs: inputs, to: to, columnMapping: mapping, onError: onError == "fail" ? .fail : .skip)
            for p in r.read.problems.prefix(20) { FileHandle.standardError.write(Data("warning: \(p)\n".utf8)) }
            var line = "export: \(r.read); wrote \(r.written) points to \(to)"
            if r.withoutPoint > 0 { line += "; \(r.withoutPoint) without coordinates not written" }
            if r.truncated > 0 { line += "; \(r.truncated) text values cut to 254 bytes" }
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
