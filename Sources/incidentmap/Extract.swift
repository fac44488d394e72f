import ArgumentParser
import Foundation
import GeoCore
import Gazetteer
import Incidents
import MapJob
import PostGISStore
import Zones

extension IncidentMap {
    /// `incidentmap extract`: incidents, places and control statements from news text.
    struct Extract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extract place mentions, incidents (ACLED taxonomy) and reported control figures from plain-text articles.",
            discussion: "Relative dates (\"on Thursday\", \"earlier this week\", \"since June\") are resolved against --date. Each item keeps the sentence and character span it came from."
        )

        @Argument(help: "Plain-text articles (UTF-8), French or English.")
        var files: [String]

        @OptionGroup var csv: CSVOptions
        @OptionGroup var overwriting: OverwriteOption
        @Option(help: ArgumentHelp("The report's date, for relative dates.", valueName: "YYYY-MM-DD"))
        var date: CalendarDate?

        @OptionGroup var places: PlaceOptions

        @Option(help: ArgumentHelp("An actor table (CSV pattern,class or pattern,actor,class,inter). Default: Geo/actors/haiti-actors.csv.", valueName: "file"))
        var actors: String?

        @Option(name: .customLong("source-url"), help: "The article's URL, recorded with each incident.")
        var sourceURL: String?

        @Option(name: [.customShort("f"), .long], help: "json | geojson | csv (default: from the -o file's extension, else json).")
        var format: Format?

        @Option(name: [.customShort("o"), .customLong("output")], help: "Write to this file (atomically) instead of standard output ('-': standard output).")
        var output: String?

        @Option(help: ArgumentHelp("Load the incidents into PostGIS (the same table layout as `map --to`), instead of printing them.",
                                   valueName: "postgresql://USER@HOST:PORT/DB"))
        var to: String?

        @Option(help: ArgumentHelp("With --to: the schema.", valueName: "schema"))
        var schema: String = "public"

        @Option(help: ArgumentHelp("With --to: the table.", valueName: "table"))
        var table: String = "incidents"

        @Flag(name: .customLong("keep-background"),
              help: "Keep incidents flagged background (told as past events) or aggregate (a period's totals) in the csv, geojson and --to outputs; json always lists them, flagged.")
        var keepBackground = false

        @Flag(help: "With --to: drop and recreate a table of the same name that has other columns.")
        var replace = false

        enum Format: String, ExpressibleByArgument, CaseIterable { case json, geojson, csv }

        func validate() throws {
            if let to, !PostgresTarget.isURL(to) { throw ValidationError("--to takes postgresql://USER@HOST:PORT/DB") }
        }

        func run() async throws {
            let format = try OutputPath.format(explicit: self.format, path: output, extensions: ["json": .json, "geojson": .geojson, "csv": .csv],
                                               fallback: .json)
            if let output, to == nil, !OutputPath.isStandardOutput(output) { try OutputPath.checkFile(output, overwrite: overwriting.overwrite) }
            // The gazetteer is built on its own thread while the first file is read and cut into sentences (which
            // needs no gazetteer): a long text's segmentation then costs no wall time. Later files are read one at a time.
            let profile = try places.profile()
            let sources = places.sources(profile: profile)
            let building = Task.detached { try GazetteerBuilder.build(sources, zoneOptions: .cached) }
            let first: TextExtractor.SegmentedText?
            do {
                first = try files.first.map { TextExtractor.segment(try Self.text(of: $0)) }
            } catch {
                building.cancel()
                throw error
            }
            let g = try await building.value
            let actorTable = try (actors ?? profile.actors).map { try ActorTable(path: $0) } ?? ActorTable(entries: [])
            let extractor = try TextExtractor(gazetteer: g, actors: actorTable, worldPlacesPath: profile.worldPlaces,
                                              country: ExtractionCountry(profile: profile))
            var results: [Extraction] = []
            for (k, f) in files.enumerated() {
                let segmented = try k == 0 ? first ?? TextExtractor.segment(Self.text(of: f)) : TextExtractor.segment(Self.text(of: f))
                results.append(extractor.extract(segmented, file: f, reportDate: date, sourceURL: sourceURL))
            }
            for w in results.flatMap(\.warnings) { StandardError.write(Data("warning: \(w)\n".utf8)) }
            // Names that read as places but that no source knows: listed for the analyst (they are not placed).
            let unknown = results.flatMap(\.unknownPlaces)
            if !unknown.isEmpty {
                let names = Array(Set(unknown.map(\.text))).sorted()
                StandardError.write(Data(("extract: \(names.count) \(names.count == 1 ? "name read as a place" : "names read as places") that no source knows, not placed: "
                    + names.prefix(10).map { "'\($0)'" }.joined(separator: ", ") + (names.count > 10 ? ", …" : "")
                    + " (\"unknown_places\" in -f json; add them with --aliases FILE)\n").utf8))
            }
            // The incident layers (csv, geojson, PostGIS) hold the reports' own events; json lists every incident, flagged.
            let layerResults = keepBackground ? results : results.map { $0.withoutBackground() }
            if let to {
                let target = try PostgresTarget(url: to)
                let features = layerResults.flatMap(\.incidents).compactMap(MapLayers.incidentFeature)
                let report = try await PostGISLayerWriter(target: target, schema: schema, replace: replace)
                    .write([(name: table, features: features)])
                let rows = report.rows.first?.rows ?? 0
                let unplaced = layerResults.flatMap(\.incidents).count - features.count
                StandardError.write(Data(("extract: \(rows) incidents loaded into \(target) table \(schema).\(table)"
                    + (unplaced > 0 ? " (\(unplaced) without a point left out)" : "") + "\n").utf8))
                return
            }
            let sink = try OutputPath.sink(output, overwrite: true)  // checked before the work
            switch format {
            case .json: try sink.write(ExtractionOutput.json(results))
            case .geojson: try sink.write(GeoJSONWriter.encode(ExtractionOutput.featureCollection(layerResults)))
            case .csv:
                let w = try IncidentCSVWriter(sink: sink, extraColumns: ["date_end", "date_phrase"])
                for r in layerResults { for i in r.incidents { try w.write(i) } }
                try w.finish()
                return
            }
            try sink.finish()
        }

        /// A report's text, or an error naming the file (too large, unreadable, empty, not UTF-8).
        static func text(of f: String) throws -> String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: f, isDirectory: &isFolder), isFolder.boolValue {
                throw ValidationError("\(f): is a folder; give the text files in it (e.g. \(f)/*.txt)")
            }
            if let problem = TextExtractor.sizeProblem(path: f) { throw ValidationError("\(f): \(problem)") }
            guard let data = FileManager.default.contents(atPath: f) else {
                throw ValidationError("\(f): cannot read the file")
            }
            guard !data.isEmpty else { throw ValidationError("\(f): the file is empty") }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("\(f): not UTF-8 text (convert it, e.g. iconv -f cp1252 -t utf-8)")
            }
            return text
        }
    }
}
