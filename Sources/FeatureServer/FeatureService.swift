import Foundation
import GeoCore
import WebMap

/// An HTTP request as the service sees it (already size-checked by the server).
public struct ServiceRequest: Sendable {
    public var method: String
    /// The path as sent, percent-encoded.
    public var path: String
    /// The query string as sent (no `?`), or nil.
    public var query: String?
    public var accept: String?
    public var acceptEncoding: String?
    public var ifNoneMatch: String?
    /// `host[:port]` for absolute links (`http://` + it). The server passes the address it is bound to, never the
    /// request's `Host` header (a client must not choose where the links of the answers point).
    public var host: String?
    /// The base of absolute links when the server is reached under another URL (`serve --base-url`, behind a proxy):
    /// `https://maps.example.org/incidents`; it wins over ``host``.
    public var baseURL: String?
    /// When the query must be answered by (uptime nanoseconds, `DispatchTime`); past it, 503.
    public var deadline: UInt64?

    public init(method: String = "GET", path: String, query: String? = nil, accept: String? = nil, acceptEncoding: String? = nil,
                ifNoneMatch: String? = nil, host: String? = nil, deadline: UInt64? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.accept = accept
        self.acceptEncoding = acceptEncoding
        self.ifNoneMatch = ifNoneMatch
        self.host = host
        self.deadline = deadline
    }
}

/// The answer: status, headers and body bytes.
public struct ServiceResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
}

/// OGC API – Features over the served collections, plus the map page and
/// Leaflet: routing, content negotiation, ETags and gzip. Pure request →
/// response, so it is tested without a socket; ``FeatureServer`` puts it
/// on Hummingbird.
public struct FeatureService: Sendable {
    public let title: String
    public let collections: [ServedCollection]
    public let tilesURL: String?
    private let byID: [String: ServedCollection]
    /// Leaflet's files (from the system install), read once at start.
    private let leaflet: [String: [UInt8]]
    /// Distinguishes this server run in weak ETags.
    let instance = UInt64.random(in: 1...UInt64.max)

    public init(title: String = "IncidentMap", collections: [ServedCollection], tilesURL: String? = nil) throws {
        self.title = title
        self.collections = collections
        self.tilesURL = tilesURL
        byID = Dictionary(collections.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        try LeafletInstall.check()
        var files: [String: [UInt8]] = [:]
        for name in LeafletInstall.files {
            if let data = FileManager.default.contents(atPath: LeafletInstall.directory + "/" + name) { files[name] = Array(data) }
        }
        leaflet = files
    }

    enum Format { case json, html }

    /// Parses `a=1&b=x+y` into decoded pairs, in order.
    static func parameters(_ query: String?) throws -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        return try query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) throws -> String {
                guard let d = s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw QueryError(parameter: String(kv[0]), reason: "malformed percent-encoding")
                }
                return d
            }
            return (try decode(kv[0]), kv.count > 1 ? try decode(kv[1]) : "")
        }
    }

    static func format(_ params: [(String, String)], accept: String?) throws -> Format {
        if let f = params.first(where: { $0.0 == "f" })?.1 {
            switch f.lowercased() {
            case "json", "geojson", "application/json", "application/geo+json": return .json
            case "html", "text/html": return .html
            default: throw QueryError(parameter: "f", reason: "'\(f)' is not json or html")
            }
        }
        // Browsers ask for text/html first; GDAL and scripts for JSON or */*.
        if let accept, let html = accept.range(of: "text/html") {
            let json = accept.range(of: "json")
            if json == nil || html.lowerBound < json!.lowerBound { return .html }
        }
        return .json
    }

    public func respond(_ r: ServiceRequest, now: Date = Date()) -> ServiceResponse {
        guard r.method == "GET" || r.method == "HEAD" else {
            return problem(405, "Method not allowed", "\(r.method) is not supported; this API is read-only (GET)", extra: [("Allow", "GET, HEAD")])
        }
        if let (c, _) = storeRoute(r.path), c.store != nil {
            return problem(500, "Internal error", "collection \(c.id) is served from a database: answer with answer(_:)")
        }
        return respondInMemory(r, now: now)
    }

    func respondInMemory(_ r: ServiceRequest, now: Date) -> ServiceResponse {
        guard r.method == "GET" || r.method == "HEAD" else {
            return problem(405, "Method not allowed", "\(r.method) is not supported; this API is read-only (GET)", extra: [("Allow", "GET, HEAD")])
        }
        let base = r.baseURL ?? ("http://" + (r.host.flatMap { Self.validHost($0) } ?? "127.0.0.1"))
        let segments: [String]
        do {
            segments = try r.path.split(separator: "/", omittingEmptySubsequences: true).map { s -> String in
                guard let d = s.removingPercentEncoding, !d.contains("/"), d != "..", d != ".", !d.contains("\0") else {
                    throw QueryError(parameter: "path", reason: "malformed path segment")
                }
                return d
            }
        } catch {
            return problem(404, "Not found", "no such resource: \(r.path)")
        }
        do {
            let params = try Self.parameters(r.query)
            var response = try route(segments, params: params, request: r, base: base, now: now)
            if r.method == "HEAD" { response.body = [] }
            return response
        } catch let e as QueryError {
            return problem(400, "Bad request", e.description)
        } catch is QueryTimeout {
            return problem(503, "Query timeout", "the query took longer than the server allows; narrow it (bbox, datetime, property filters)",
                           extra: [("Retry-After", "5")])
        } catch let e as NotFound {
            return problem(404, "Not found", e.what)
        } catch {
            return problem(500, "Internal error", "\(error)")
        }
    }

    struct NotFound: Error { let what: String }
    struct QueryTimeout: Error {}

    private func route(_ s: [String], params: [(String, String)], request r: ServiceRequest, base: String, now: Date) throws -> ServiceResponse {
        func onlyF() throws {
            if let bad = params.first(where: { $0.0 != "f" }) { throw QueryError(parameter: bad.0, reason: "unknown parameter (only f is accepted here)") }
        }
        switch s.count {
        case 0:
            try onlyF()
            let doc = OGCDocuments.landing(base: base, title: title)
            return try Self.format(params, accept: r.accept) == .html
                ? ok(Array(HTMLPages.landing(doc).utf8), "text/html; charset=utf-8", r) : ok(OGCDocuments.json(doc), "application/json", r)
        case 1 where s[0] == "conformance":
            try onlyF()
            return try Self.format(params, accept: r.accept) == .html
                ? ok(Array(HTMLPages.conformance(OGCDocuments.conformance).utf8), "text/html; charset=utf-8", r)
                : ok(OGCDocuments.json(["conformsTo": OGCDocuments.conformance]), "application/json", r)
        case 1 where s[0] == "api":
            try onlyF()
            return ok(OGCDocuments.json(OpenAPIDocument.document(collections, base: base, title: title)), "application/vnd.oai.openapi+json;version=3.0", r)
        case 1 where s[0] == "collections":
            try onlyF()
            return try Self.format(params, accept: r.accept) == .html
                ? ok(Array(HTMLPages.collections(collections, base: base).utf8), "text/html; charset=utf-8", r)
                : ok(OGCDocuments.json(OGCDocuments.collections(collections, base: base)), "application/json", r)
        case 1 where s[0] == "map":
            try onlyF()
            return ok(Array(MapPage.html(title: title, source: .server, tilesURL: tilesURL).utf8), "text/html; charset=utf-8", r)
        case 1 where s[0] == "map.js":
            return ok(Array(MapPage.script.utf8), "text/javascript; charset=utf-8", r)
        case 1 where s[0] == "map.css":
            return ok(Array(MapPage.css.utf8), "text/css; charset=utf-8", r)
        case 2 where s[0] == "leaflet", 3 where s[0] == "leaflet" && s[1] == "images":
            let name = s.dropFirst().joined(separator: "/")
            guard let bytes = leaflet[name] else { throw NotFound(what: "no such file: /\(s.joined(separator: "/"))") }
            let type = name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : name.hasSuffix(".css") ? "text/css; charset=utf-8" : "image/png"
            return ok(bytes, type, r)
        case 2 where s[0] == "collections":
            try onlyF()
            let c = try collection(s[1])
            let doc = OGCDocuments.collection(c, base: base)
            return try Self.format(params, accept: r.accept) == .html
                ? ok(Array(HTMLPages.collection(c, doc: doc, base: base).utf8), "text/html; charset=utf-8", r)
                : ok(OGCDocuments.json(doc), "application/json", r)
        case 3 where s[0] == "collections" && s[2] == "items":
            let c = try collection(s[1])
            let format = try Self.format(params, accept: r.accept)
            let q = try ItemsQuery(parameters: params, queryables: Set(c.propertyNames))
            guard let selected = c.select(q, deadline: r.deadline) else { throw QueryTimeout() }
            // Keyset (`after`): the features after the named one, in served order.
            let start = q.after.map { id in c.position(ofID: id).map { p in selected.firstIndex { $0 > p } ?? selected.count } ?? selected.count } ?? 0
            let page = Array(selected.dropFirst(start + q.offset).prefix(q.limit))
            let stamp = ISO8601DateFormatter().string(from: now)
            let json = q.after == nil
                ? OGCDocuments.items(c, positions: page, matched: selected.count, query: q, rawQuery: params, base: base, timeStamp: stamp)
                : OGCDocuments.items(c, features: page.map { c.encoded[$0] }, matched: selected.count, query: q, rawQuery: params, base: base,
                                     timeStamp: stamp, nextAfter: page.last.map { c.featureIDs[$0] },
                                     hasMore: start + q.offset + page.count < selected.count)
            return format == .html
                ? ok(Array(HTMLPages.items(c, positions: page, matched: selected.count, json: json).utf8), "text/html; charset=utf-8", r)
                : ok(json, "application/geo+json", r, etagSeed: "items|\(c.id)|\(r.query ?? "")|\(instance)")
        case 4 where s[0] == "collections" && s[2] == "items":
            try onlyF()
            let c = try collection(s[1])
            guard let i = c.position(ofFeature: s[3]) else { throw NotFound(what: "collection \(c.id) has no feature '\(s[3])'") }
            var body = Array(c.encoded[i].dropLast())  // the feature without its closing brace: links follow
            let links: [[String: Any]] = [
                OGCDocuments.link("\(base)/collections/\(c.id)/items/\(OGCDocuments.percentEncode(s[3]))", "self", "application/geo+json", "This feature"),
                OGCDocuments.link("\(base)/collections/\(c.id)", "collection", "application/json", "The collection"),
            ]
            body += Array(#","links":"#.utf8) + OGCDocuments.json(links) + [UInt8(ascii: "}")]
            if try Self.format(params, accept: r.accept) == .html {
                return ok(Array(HTMLPages.items(c, positions: [i], matched: 1,
                                                json: Array(#"{"features":["#.utf8) + c.encoded[i] + Array("]}".utf8)).utf8), "text/html; charset=utf-8", r)
            }
            return ok(body, "application/geo+json", r)
        default:
            throw NotFound(what: "no such resource: /\(s.joined(separator: "/"))")
        }
    }

    func collection(_ id: String) throws -> ServedCollection {
        guard let c = byID[id] else { throw NotFound(what: "no collection '\(id)' (collections: \(collections.map(\.id).joined(separator: ", ")))") }
        return c
    }

    /// Accepts `host[:port]` made of host-name characters only (links are built from it).
    static func validHost(_ h: String) -> String? {
        guard !h.isEmpty, h.utf8.count <= 255,
              h.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "-.:[]".unicodeScalars.contains($0) }) else { return nil }
        return h
    }

    /// A 200 with an ETag, 304 when If-None-Match matches, gzip when
    /// accepted. The tag is strong, from the body, unless `etagSeed` is
    /// given: items pages carry a time stamp, so their tag is weak, from the
    /// request and this server instance (the data never changes while it runs).
    func ok(_ body: [UInt8], _ type: String, _ r: ServiceRequest, etagSeed: String? = nil) -> ServiceResponse {
        let h = etagSeed.map { FNV1a.hash($0.utf8) } ?? FNV1a.hash(body)
        let etag = (etagSeed == nil ? "" : "W/") + "\"" + String(h, radix: 16) + "\""
        var headers: [(String, String)] = [("Content-Type", type), ("ETag", etag), ("Vary", "Accept, Accept-Encoding"), ("X-Content-Type-Options", "nosniff")]
        if type.hasPrefix("text/html") { headers += Self.htmlSecurityHeaders(tilesURL: tilesURL) }
        if let inm = r.ifNoneMatch, inm.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
            return ServiceResponse(status: 304, headers: headers.filter { $0.0 != "Content-Type" }, body: [])
        }
        if body.count > 1024, let ae = r.acceptEncoding, ae.lowercased().contains("gzip"), let gz = Gzip.compress(body) {
            headers.append(("Content-Encoding", "gzip"))
            return ServiceResponse(status: 200, headers: headers, body: gz)
        }
        return ServiceResponse(status: 200, headers: headers, body: body)
    }

    static func htmlSecurityHeaders(tilesURL: String?) -> [(String, String)] {
        var img = "'self' data:"
        if let t = tilesURL, let u = URL(string: t.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")),
           let scheme = u.scheme, let host = u.host {
            img += " \(scheme)://\(host)"
        }
        return [("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src \(img); connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
                ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer")]
    }

    func problem(_ status: Int, _ title: String, _ detail: String, extra: [(String, String)] = []) -> ServiceResponse {
        ServiceResponse(status: status, headers: [("Content-Type", "application/problem+json"), ("X-Content-Type-Options", "nosniff")] + extra,
                        body: OGCDocuments.problem(status: status, title: title, detail: detail))
    }
}
