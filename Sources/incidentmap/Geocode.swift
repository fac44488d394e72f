import ArgumentParser
import Foundation
import GeoCore
import Gazetteer
import LayerIO
import Zones

extension IncidentMap {
    /// `incidentmap geocode`: resolve place names to coordinates and zones.
    struct Geocode: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve place names (French, Kreyòl, English, misspelt) to coordinates and zones.",
            discussion: """
            With no NAME, reads one name per line from standard input. Sources: the embedded GeoNames extract and \
            alias table in Geo/, zone names of --boundaries, and any --gazetteer files (GeoNames dump or postal format). \
            An unknown name is not an error: it gets "match": null and its near misses.
            """
        )

        @Argument(help: "Names to resolve; none reads standard input, one per line.")
        var names: [String] = []

        @Option(help: ArgumentHelp("Boundary layers whose zone names join the gazetteer and give matches their zones (repeatable).", valueName: "path"))
        var boundaries: [String] = []

        @Option(help: ArgumentHelp("A GeoNames dump (19 columns) or postal (12 columns) file (repeatable).", valueName: "file"))
        var gazetteer: [String] = []

        @Option(help: ArgumentHelp("A CSV alias,target file (target: name, geonames:ID or p-code).", valueName: "file"))
        var aliases: String?

        @Option(help: ArgumentHelp("Keep only places inside this zone (p-code or name).", valueName: "zone"))
        var within: String?

        @Option(help: ArgumentHelp("Prefer places near this point.", valueName: "lat,lon"))
        var near: String?

        @Option(help: ArgumentHelp("Threads resolving a batch of names (default: one per core; the answers do not depend on it).", valueName: "n"))
        var jobs: Int?

        @Option(help: "table | json | geojson | csv (query,id,name,kind,latitude,longitude,zones,score,method,ambiguous)")
        var format: Format = .table

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, geojson, csv }

        func validate() throws {
            if let near, parseNear(near) == nil { throw ValidationError("--near takes LAT,LON in degrees, e.g. 18.54,-72.34") }
            if let jobs, jobs < 1 { throw ValidationError("--jobs takes a number of threads, 1 or more") }
        }

        private func parseNear(_ s: String) -> Coordinate? {
            let parts = s.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let lat = parts[0], let lon = parts[1] else { return nil }
            let c = Coordinate(longitude: lon, latitude: lat)
            return c.isValid ? c : nil
        }

        func run() throws {
            // Names from standard input are read (and their repeats found) while the gazetteer is built.
            let input = names.isEmpty ? StandardInputBatch() : nil
            let g = try GazetteerBuilder.build(.init(boundaries: boundaries, gazetteers: gazetteer, aliases: aliases))
            let options = Gazetteer.Options(within: within, near: near.flatMap(parseNear))
            let batch = input?.wait() ?? QueryBatch(names)
            for line in batch.invalidLines {
                FileHandle.standardError.write(Data("warning: standard input:\(line): not valid UTF-8; decoded with replacement characters\n".utf8))
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
            // Everything is written: the index and the results need not be freed piece by piece.
            Foundation.exit(EXIT_SUCCESS)
        }
    }
}
