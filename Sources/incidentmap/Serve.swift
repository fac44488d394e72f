import ArgumentParser
import FeatureServer
import Foundation
import PostGISStore
import GeoCore
import MapJob

extension IncidentMap {
    /// `incidentmap serve`: the layers as OGC API – Features with a map page.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the layers of a map run as OGC API – Features (core, GeoJSON, HTML, OpenAPI) with a Leaflet map page at /map.",
            discussion: """
            The layers are computed at start from the same inputs and options as `map` (--demo: the embedded scenario; with no input and no --layers or --from it stops, exit 64), or read \
            from an exports folder with --layers DIR (its <layer>.geojson files). Binds 127.0.0.1 unless --host says otherwise; logs \
            one line per request on standard error; stops on SIGINT/SIGTERM. Prints `serving on http://HOST:PORT/` once listening \
            (--port 0 picks a free port).
            """
        )

        @OptionGroup var zones: BoundaryOptions
        @OptionGroup var analysis: AnalysisOptions

        @Option(help: "Address to bind (127.0.0.1: this machine only; 0.0.0.0: every interface).")
        var host: String = "127.0.0.1"

        @Option(help: ArgumentHelp("Access-Control-Allow-Origin of the answers: an origin (https://maps.example.org) or '*' for public data that web maps elsewhere load. Default: none (browsers let only the server's own pages, such as /map, read the answers).", valueName: "origin"))
        var cors: String?

        @Option(name: .customLong("base-url"), help: ArgumentHelp("The URL clients reach the server under (behind a proxy), for the links in the answers. Default: http:// and the bound address (never the request's Host header).", valueName: "url"))
        var baseURL: String?

        @Option(help: "Port (0 picks a free one).")
        var port: Int = 8080

        @Option(help: "Serve the <layer>.geojson files of this exports folder instead of computing the layers.")
        var layers: String?

        @Option(help: "Tile URL template for a base map (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png); none by default.")
        var tiles: String?

        @Option(help: "Requests per second per client address (0: no limit).")
        var rateLimit: Double = 0

        @Option(help: "Largest request header field and header block, in bytes.")
        var maxHeaderBytes: Int = 16 * 1024

        @Option(help: "Seconds before an idle (or trickling) connection is closed.")
        var idleTimeout: Int = 30

        @Option(help: "Seconds a query may spend selecting features before it gets 503 (0: no limit).")
        var queryTimeout: Double = 10

        @Flag(help: "Do not log requests.")
        var quiet = false

        @Option(help: ArgumentHelp("Serve the layer tables of a PostGIS schema (as `map --to` writes them), read with indexed SQL per request.",
                                   valueName: "postgresql://USER@HOST:PORT/DB"))
        var from: String?

        @Option(help: ArgumentHelp("With --from: the schema whose tables are served.", valueName: "schema"))
        var schema: String = "public"

        @Option(help: "With --from: database connections in the pool.")
        var connections: Int = 4

        @Flag(help: "Re-read the inputs (incident files, folders of articles, --reported files, --layers' GeoJSON) when they change, and serve the new layers: requests in flight finish on the old ones, ETags change.")
        var watch = false

        @Option(name: .customLong("watch-interval"), help: ArgumentHelp("With --watch: seconds between looks at the inputs.", valueName: "seconds"))
        var watchInterval: Double = 2

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
            guard rateLimit >= 0 else { throw ValidationError("--rate-limit must be ≥ 0") }
            guard maxHeaderBytes >= 1024 else { throw ValidationError("--max-header-bytes must be ≥ 1024") }
            guard idleTimeout >= 1 else { throw ValidationError("--idle-timeout must be ≥ 1 second") }
            guard queryTimeout >= 0, queryTimeout.isFinite else { throw ValidationError("--query-timeout must be ≥ 0") }
            if let cors, cors != "*", !(cors.hasPrefix("http://") || cors.hasPrefix("https://")) || cors.contains(where: { $0.isWhitespace || $0 == "," }) {
                throw ValidationError("--cors is an origin (https://maps.example.org) or '*', got '\(cors)'")
            }
            if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) || baseURL.contains(where: { $0.isWhitespace || "\"<>".contains($0) }) {
                throw ValidationError("--base-url is an http:// or https:// URL, got '\(baseURL)'")
            }
            if let from {
                guard PostgresTarget.isURL(from) else { throw ValidationError("--from takes postgresql://USER@HOST:PORT/DB") }
                guard analysis.inputs.isEmpty, layers == nil else { throw ValidationError("give incident files, --layers or --from, one of them") }
                guard connections >= 1 else { throw ValidationError("--connections must be ≥ 1") }
                guard !watch else { throw ValidationError("--watch re-reads files; --from reads PostGIS on every request already") }
            }
            guard watchInterval > 0, watchInterval.isFinite else { throw ValidationError("--watch-interval must be > 0") }
            if watch, layers == nil, analysis.inputs.isEmpty { throw ValidationError("--watch needs inputs or --layers to watch (--demo's scenario does not change)") }
        }

        func run() async throws {
            try PortCheck.check(host: host, port: port)
            try analysis.checkWarningsFile()
            // Taken before the layers are read: a change made while they are read is seen by the first look.
            let fingerprint = watch ? FileFingerprint(watchedPaths) : nil
            var reader: PostGISFeatureReader?
            let collections: [ServedCollection]
            if let from {
                let r = PostGISFeatureReader(target: try PostgresTarget(url: from), schema: schema, connections: connections,
                                             statementTimeout: queryTimeout > 0 ? queryTimeout : 0)
                reader = r
                collections = try await PostGISCollections.load(r)
                guard !collections.isEmpty else {
                    throw ValidationError("no tables with fid and geom columns in schema \(schema) of \(r.target) (load them with `incidentmap map … --to`)")
                }
            } else {
                collections = try loadCollections()
            }
            defer { reader?.close() }
            let slot = ServiceSlot(try FeatureService(collections: collections, tilesURL: tiles))
            let watcher = fingerprint.map { f in Task.detached { await self.reload(into: slot, from: f) } }
            defer { watcher?.cancel() }
            var config = FeatureServer.Configuration()
            config.host = host
            config.port = port
            config.rateLimit = rateLimit
            config.maxHeaderBytes = maxHeaderBytes
            config.idleTimeout = idleTimeout
            config.queryTimeout = queryTimeout
            config.logRequests = !quiet
            config.corsOrigin = cors
            config.baseURL = baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
            if !["127.0.0.1", "::1", "localhost"].contains(host) && !host.hasPrefix("127.") {
                StandardError.write(Data("incidentmap serve: warning: bound to \(host): reachable from other machines on the network, with no authentication (the default 127.0.0.1 is this machine only)\n".utf8))
            }
            let shownHost = host.contains(":") ? "[\(host)]" : host
            let counts = collections.map { "\($0.id) \($0.count)" }.joined(separator: ", ")
            do {
                try await FeatureServer(slot: slot, configuration: config).run { port in
                    print("serving on http://\(shownHost):\(port)/ (\(counts)); map at http://\(shownHost):\(port)/map")
                    fflush(nil)
                }
            } catch {
                if let plain = PortCheck.failure(serverError: error, host: host, port: port) { throw plain }
                throw error
            }
            // Ctrl-C (SIGINT) or SIGTERM: the server finished the requests in flight and stopped.
            StandardError.write(Data("incidentmap serve: stopped (interrupted); requests in flight were answered\n".utf8))
        }

        /// What `--watch` looks at: the `--layers` folder, or the inputs and reported figures.
        var watchedPaths: [String] {
            if let layers { return [layers] }
            return analysis.inputs + analysis.reported + [analysis.control].compactMap { $0 }
        }

        /// `--watch`: every `--watch-interval` seconds, the inputs' fingerprint; when it changed, the layers read or
        /// computed again and swapped in whole. A failed reload is said and the previous layers stay served.
        func reload(into slot: ServiceSlot, from fingerprint: FileFingerprint) async {
            var last = fingerprint
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(watchInterval * 1e9))
                let now = FileFingerprint(watchedPaths)
                guard now != last else { continue }
                last = now
                do {
                    let collections = try loadCollections()
                    slot.replace(with: try FeatureService(collections: collections, tilesURL: tiles))
                    let counts = collections.map { "\($0.id) \($0.count)" }.joined(separator: ", ")
                    StandardError.write(Data("incidentmap serve: inputs changed; now serving \(counts)\n".utf8))
                } catch {
                    StandardError.write(Data("incidentmap serve: inputs changed but could not be read (\(error)); still serving the previous layers\n".utf8))
                }
            }
        }

        func loadCollections() throws -> [ServedCollection] {
            var out: [ServedCollection] = []
            if let layers {
                for layer in MapLayer.allCases {
                    let path = (layers as NSString).appendingPathComponent(layer.rawValue + ".geojson")
                    guard FileManager.default.fileExists(atPath: path) else { continue }
                    let fc = try GeoJSONReader.read(path: path)
                    out.append(ServedCollection(id: layer.rawValue, title: layer.title, description: layer.summary, features: fc.features))
                }
                guard !out.isEmpty else { throw ValidationError("no <layer>.geojson files in \(layers) (run `incidentmap map --out \(layers)` first)") }
                return out
            }
            let computed = try usage { try analysis.run(boundaries: zones).compute() }
            try WarningOutput.emit(computed.report.warnings, file: analysis.warningsFile)
            for layer in MapLayer.allCases {
                out.append(ServedCollection(id: layer.rawValue, title: layer.title, description: layer.summary,
                                            features: try computed.layers.features(layer)))
            }
            return out
        }
    }
}
