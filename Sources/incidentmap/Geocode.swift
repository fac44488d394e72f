import ArgumentParser
import Foundation
import GeoCore
import Gazetteer
import LayerIO
import MapJob
import Zones

extension IncidentMap {
    /// `incidentmap geocode`: resolve place names to coordinates and zones.
    struct Geocode: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve place names (French, Kreyòl, English, misspelt) to coordinates and zones.",
            discussion: """
            With no NAME, reads one name per line from standard input, or with --input the names in a column of a CSV \
            or TSV file (one output row per record, in order, so the answers line up with the file). Sources: the embedded GeoNames extract and \
            alias table in Geo/, zone names of --boundaries, and any --gazetteer files (GeoNames dump or postal format). \
            An unknown name is not an error: it gets "match": null and its near misses.

            Examples:
              incidentmap geocode Okap Mibalè "Cite Soley"
              incidentmap geocode "Delmas 30" -f json
            """
        )

        @Argument(help: "Names to resolve; none reads standard input, one per line.")
        var names: [String] = []

        @OptionGroup var csv: CSVOptions
        @Option(help: ArgumentHelp("Read the names from a column of this CSV/TSV file (with a header row) instead of standard input.", valueName: "file"))
        var input: String?

        @Option(help: ArgumentHelp("The --input column holding the names: its header, or its number from 1 (default: the first).", valueName: "name|n"))
        var column: String?

        @Option(help: ArgumentHelp("The --input field delimiter: one character, or 'tab' (default: tab for .tsv and .tab files, else comma).", valueName: "char"))
        var delimiter: String?

        @OptionGroup var places: PlaceOptions

        @Option(help: ArgumentHelp("Keep only places inside this zone (p-code or name).", valueName: "zone"))
        var within: String?

        @Option(help: ArgumentHelp("Prefer places near this point (latitude,longitude in degrees) or near the place this name resolves to.",
                                   valueName: "lat,lon|name"))
        var near: String?

        @Option(help: ArgumentHelp("Threads resolving a batch of names (default: one per core; the answers do not depend on it).", valueName: "n"))
        var jobs: Int?

        @Option(name: .shortAndLong, help: "table | json | geojson | csv (query,id,name,kind,latitude,longitude,zones,score,method,ambiguous)")
        var format: Format = .table

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, geojson, csv }

        func validate() throws {
            if let near, parseNear(near) == nil, near.trimmingCharacters(in: .whitespaces).isEmpty || near.first?.isNumber == true || near.first == "-" {
                throw ValidationError("--near takes LAT,LON in degrees (e.g. 18.54,-72.34) or a place name (e.g. Saint-Marc)")
            }
            if let jobs, jobs < 1 { throw ValidationError("--jobs takes a number of threads, 1 or more") }
            if input == nil, column != nil || delimiter != nil { throw ValidationError("--column and --delimiter go with --input") }
            if input != nil, !names.isEmpty { throw ValidationError("give names as arguments or with --input, not both") }
            if let delimiter, inputDelimiter(delimiter) == nil {
                throw ValidationError("--delimiter takes one ASCII character or 'tab', e.g. ';'")
            }
        }

        private func inputDelimiter(_ text: String?) -> Character? {
            guard let text else { return nil }
            if text.lowercased() == "tab" || text == "\\t" { return "\t" }
            guard text.count == 1, let c = text.first, c.isASCII, c != "\"", !c.isNewline else { return nil }
            return c
        }

        private static func defaultDelimiter(_ path: String) -> Character {
            let ext = (path as NSString).pathExtension.lowercased()
            return ext == "tsv" || ext == "tab" ? "\t" : ","
        }

        /// The names in `column` (header name, else a number from 1; nil: the first) of a delimited file.
        private static func readColumn(_ path: String, column: String?, delimiter: Character) throws -> QueryBatch {
            let reader = try CSVReader(path: path, delimiter: delimiter)
            guard try reader.next() else { throw CSVError(path: path, line: 1, reason: "empty file: expected a header row") }
            let header = try reader.strings()
            var index = 0
            if let column {
                if let k = header.firstIndex(of: column) ?? header.firstIndex(where: { $0.caseInsensitiveCompare(column) == .orderedSame }) {
                    index = k
                } else if let n = Int(column), n >= 1, n <= header.count {
                    index = n - 1
                } else {
                    throw CSVError(path: path, line: reader.line, reason: "no column \"\(column)\" (columns: \(header.joined(separator: ", ")))")
                }
            }
            return try QueryBatch(column: index, of: reader)
        }

        private func parseNear(_ s: String) -> Coordinate? {
            let parts = s.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let lat = parts[0], let lon = parts[1] else { return nil }
            let c = Coordinate(longitude: lon, latitude: lat)
            return c.isValid ? c : nil
        }

        func run() throws {
            // Names from standard input or --input are read (and their repeats found) while the gazetteer is built.
            let reading: BackgroundBatch?
            if let input {
                let column = column, delimiter = inputDelimiter(delimiter) ?? Self.defaultDelimiter(input)
                reading = BackgroundBatch { try Self.readColumn(input, column: column, delimiter: delimiter) }
            } else if names.isEmpty {
                reading = BackgroundBatch { QueryBatch(lines: [UInt8](FileHandle.standardInput.readDataToEndOfFile())) }
            } else {
                reading = nil
            }
            let g = try GazetteerBuilder.build(places.sources(profile: try places.profile()), zoneOptions: .cached)
            var nearPoint = near.flatMap(parseNear)
            if let near, nearPoint == nil {
                guard let m = g.lookup(near).match else { throw ValidationError("--near: no place named \"\(near)\" in the gazetteer") }
                nearPoint = m.place.coordinate
            }
            let options = Gazetteer.Options(within: within, near: nearPoint)
            let batch = try reading?.wait() ?? QueryBatch(names)
            for line in batch.invalidLines {
                StandardError.write(Data("warning: \(input ?? "standard input"):\(line): not valid UTF-8; decoded with replacement characters\n".utf8))
            }
            let threads = jobs ?? ProcessInfo.processInfo.activeProcessorCount
            let results = g.lookup(batch, options: options, threads: threads)
            let sink = StandardOutputSink()
            switch format {
            case .json: try sink.write(GeocodeOutput.json(batch.expand(results)))
            case .table: try sink.write(Array(GeocodeOutput.table(batch.expand(results)).utf8))
            case .geojson: try sink.write(GeoJSONWriter.encode(GeocodeOutput.featureCollection(batch.expand(results))))
            case .csv:
                let w = CSVWriter(sink: sink)
                try GeocodeOutput.csv(results, rows: batch.rows, to: w, threads: threads)
                try w.finish()
            }
            try sink.finish()
            // Everything is written: the index and the results are left to the process's end rather than freed piece
            // by piece (a million results take longer to free than to write); the command returns normally.
            _ = Unmanaged.passRetained(KeptUntilExit([g, results, batch]))
        }
    }
}

/// Values a command leaves to the process's end instead of freeing them (see `Geocode.run`).
private final class KeptUntilExit {
    let values: [Any]
    init(_ values: [Any]) { self.values = values }
}
