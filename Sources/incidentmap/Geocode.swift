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
            let g = try GazetteerBuilder.build(.init(boundaries: boundaries, gazetteers: gazetteer, aliases: aliases))
            let options = Gazetteer.Options(within: within, near: near.flatMap(parseNear))
            var queries = names
            if queries.isEmpty {
                let data = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
                var lines: [Range<Int>] = []
                var start = 0
                for (i, b) in data.enumerated() where b == 0x0A { lines.append(start..<i); start = i + 1 }
                lines.append(start..<data.count)
                queries.reserveCapacity(lines.count)
                for (n, line) in lines.enumerated() {
                    var bytes = data[line]
                    if bytes.last == 0x0D { bytes.removeLast() }
                    if n == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
                    if bytes.isEmpty { continue }
                    guard let text = String(validating: bytes, as: UTF8.self) else {
                        FileHandle.standardError.write(Data("warning: standard input:\(n + 1): not valid UTF-8; decoded with replacement characters\n".utf8))
                        queries.append(String(decoding: bytes, as: UTF8.self))
                        continue
                    }
                    queries.append(text)
                }
            }
            let results = g.lookup(all: queries, options: options, threads: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
            let sink = StandardOutputSink()
            switch format {
            case .json: try sink.write(GeocodeOutput.json(results))
            case .table: try sink.write(Array(GeocodeOutput.table(results).utf8))
            case .geojson: try sink.write(GeoJSONWriter.encode(GeocodeOutput.featureCollection(results)))
            case .csv:
                let w = CSVWriter(sink: sink)
                try GeocodeOutput.csv(results, to: w)
                try w.finish()
                return
            }
            try sink.finish()
        }
    }
}
