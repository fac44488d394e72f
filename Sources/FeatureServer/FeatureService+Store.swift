import Foundation
import GeoCore

extension FeatureService {
    /// Answers a request: items and single features of store-backed collections
    /// are read from their store (awaited); everything else as ``respond(_:now:)``.
    public func answer(_ r: ServiceRequest, now: Date = Date()) async -> ServiceResponse {
        guard r.method == "GET" || r.method == "HEAD", let (c, featureID) = storeRoute(r.path), let store = c.store else {
            return respondInMemory(r, now: now)
        }
        let base = "http://" + (r.host.flatMap { Self.validHost($0) } ?? "127.0.0.1")
        do {
            let params = try Self.parameters(r.query)
            let format = try Self.format(params, accept: r.accept)
            var response: ServiceResponse
            if let featureID {
                if let bad = params.first(where: { $0.0 != "f" }) { throw QueryError(parameter: bad.0, reason: "unknown parameter (only f is accepted here)") }
                guard let f = try await store.feature(id: featureID) else {
                    return problem(404, "Not found", "collection \(c.id) has no feature '\(featureID)'")
                }
                let encoded = GeoJSONWriter.encodeFeature(f)
                if format == .html {
                    response = ok(Array(HTMLPages.items(c, features: [encoded], matched: 1,
                                                        json: Array(#"{"features":["#.utf8) + encoded + Array("]}".utf8)).utf8),
                                  "text/html; charset=utf-8", r)
                } else {
                    let links: [[String: Any]] = [
                        OGCDocuments.link("\(base)/collections/\(c.id)/items/\(OGCDocuments.percentEncode(featureID))", "self", "application/geo+json", "This feature"),
                        OGCDocuments.link("\(base)/collections/\(c.id)", "collection", "application/json", "The collection"),
                    ]
                    response = ok(Array(encoded.dropLast()) + Array(#","links":"#.utf8) + OGCDocuments.json(links) + [UInt8(ascii: "}")],
                                  "application/geo+json", r)
                }
            } else {
                let q = try ItemsQuery(parameters: params, queryables: Set(c.propertyNames))
                guard q.offset <= Self.maximumStoreOffset else {
                    throw QueryError(parameter: "offset", reason: "at most \(Self.maximumStoreOffset) here; page further with the next links (after=…)")
                }
                let page = try await store.page(q)
                let (features, matched) = (page.features, page.matched)
                let encoded = features.map { GeoJSONWriter.encodeFeature($0) }
                let stamp = ISO8601DateFormatter().string(from: now)
                let last = features.last?.id?.description
                let json = OGCDocuments.items(c, features: encoded, matched: matched, query: q, rawQuery: params, base: base, timeStamp: stamp,
                                              nextAfter: last ?? "", hasMore: last != nil && page.hasMore)
                response = format == .html
                    ? ok(Array(HTMLPages.items(c, features: encoded, matched: matched, json: json).utf8), "text/html; charset=utf-8", r)
                    : ok(json, "application/geo+json", r, etagSeed: "items|\(c.id)|\(r.query ?? "")|\(instance)|\(stamp)")
            }
            if r.method == "HEAD" { response.body = [] }
            return response
        } catch let e as QueryError {
            return problem(400, "Bad request", e.description)
        } catch let e as StoreUnavailable {
            return problem(503, "Service unavailable", e.reason, extra: [("Retry-After", "5")])
        } catch {
            return problem(500, "Internal error", "\(error)")
        }
    }

    /// `OFFSET` is allowed up to here for store-backed collections; past it, keyset paging.
    public static let maximumStoreOffset = 10_000

    /// `/collections/{id}/items[/{featureId}]` of a known collection: the collection and the feature id, if any.
    func storeRoute(_ path: String) -> (ServedCollection, String?)? {
        let s = path.split(separator: "/", omittingEmptySubsequences: true).map { $0.removingPercentEncoding ?? String($0) }
        guard s.count == 3 || s.count == 4, s[0] == "collections", s[2] == "items", let c = try? collection(s[1]) else { return nil }
        if s.count == 4, s[3].contains("/") || s[3] == ".." || s[3].contains("\0") { return nil }
        return (c, s.count == 4 ? s[3] : nil)
    }
}
