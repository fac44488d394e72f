import Foundation
import GeoCore

/// The JSON documents of OGC API – Features Part 1 (core, geojson, html,
/// oas30), built from the served collections. `base` is the server's root
/// URL as the client reached it (no trailing slash).
enum OGCDocuments {
    static let conformance = [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    ]
    static let crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"

    static func link(_ href: String, _ rel: String, _ type: String, _ title: String) -> [String: Any] {
        ["href": href, "rel": rel, "type": type, "title": title]
    }

    static func landing(base: String, title: String) -> [String: Any] {
        [
            "title": title,
            "description": "IncidentMap layers: incidents, zones with control-share estimates, control areas, places and reported figures.",
            "links": [
                link("\(base)/", "self", "application/json", "This document"),
                link("\(base)/?f=html", "alternate", "text/html", "This document as HTML"),
                link("\(base)/api", "service-desc", "application/vnd.oai.openapi+json;version=3.0", "The API definition (OpenAPI 3.0)"),
                link("\(base)/conformance", "conformance", "application/json", "Conformance classes"),
                link("\(base)/collections", "data", "application/json", "The collections"),
                link("\(base)/map", "alternate", "text/html", "Map of the layers (Leaflet)"),
            ],
        ]
    }

    static func collection(_ c: ServedCollection, base: String) -> [String: Any] {
        var extent: [String: Any] = [:]
        if let b = c.extent {
            extent["spatial"] = ["bbox": [[b.minLongitude, b.minLatitude, b.maxLongitude, b.maxLatitude]], "crs": crs84]
        }
        if let (lo, hi) = c.interval {
            extent["temporal"] = ["interval": [["\(lo)T00:00:00Z", "\(hi)T23:59:59Z"]], "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"]
        }
        var doc: [String: Any] = [
            "id": c.id, "title": c.title, "description": c.description, "itemType": "feature", "crs": [crs84],
            "links": [
                link("\(base)/collections/\(c.id)", "self", "application/json", "This collection"),
                link("\(base)/collections/\(c.id)?f=html", "alternate", "text/html", "This collection as HTML"),
                link("\(base)/collections/\(c.id)/items", "items", "application/geo+json", "The features"),
                link("\(base)/collections/\(c.id)/items?f=html", "items", "text/html", "The features as HTML"),
            ],
        ]
        if !extent.isEmpty { doc["extent"] = extent }
        return doc
    }

    static func collections(_ all: [ServedCollection], base: String) -> [String: Any] {
        [
            "links": [
                link("\(base)/collections", "self", "application/json", "The collections"),
                link("\(base)/collections?f=html", "alternate", "text/html", "The collections as HTML"),
            ],
            "collections": all.map { collection($0, base: base) },
        ]
    }

    /// An items page: the features are spliced in as pre-encoded GeoJSON.
    static func items(_ c: ServedCollection, positions: [Int], matched: Int, query: ItemsQuery, rawQuery: [(String, String)],
                      base: String, timeStamp: String) -> [UInt8] {
        items(c, features: positions.map { c.encoded[$0] }, matched: matched, query: query, rawQuery: rawQuery, base: base,
              timeStamp: timeStamp, nextAfter: nil)
    }

    /// The items document. Paging links use `offset`, or with `nextAfter` (the last feature's id:
    /// keyset paging, for database-backed collections) `after`; then there is no `prev` link.
    static func items(_ c: ServedCollection, features: [[UInt8]], matched: Int, query: ItemsQuery, rawQuery: [(String, String)],
                      base: String, timeStamp: String, nextAfter: String?, hasMore: Bool? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(features.reduce(256) { $0 + $1.count + 1 })
        out.append(contentsOf: #"{"type":"FeatureCollection","features":["#.utf8)
        for (k, f) in features.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: f)
        }
        out.append(contentsOf: "],".utf8)
        func pageURL(offset: Int?, after: String? = nil, f: String?) -> String {
            var params = rawQuery.filter { $0.0 != "offset" && $0.0 != "after" && $0.0 != "f" }
            if !params.contains(where: { $0.0 == "limit" }) { params.append(("limit", String(query.limit))) }
            if let offset { params.append(("offset", String(offset))) }
            if let after { params.append(("after", after)) }
            if let f { params.append(("f", f)) }
            return "\(base)/collections/\(c.id)/items?" + params.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
        }
        let keyset = nextAfter != nil || query.after != nil
        let here = keyset ? (offset: query.offset == 0 ? nil : Optional(query.offset), after: query.after) : (offset: Optional(query.offset), after: nil)
        var links: [[String: Any]] = [
            link(pageURL(offset: here.offset, after: here.after, f: nil), "self", "application/geo+json", "This page"),
            link(pageURL(offset: here.offset, after: here.after, f: "html"), "alternate", "text/html", "This page as HTML"),
            link("\(base)/collections/\(c.id)", "collection", "application/json", "The collection"),
        ]
        if let nextAfter {
            if hasMore ?? true { links.append(link(pageURL(offset: nil, after: nextAfter, f: nil), "next", "application/geo+json", "Next page")) }
        } else if query.offset + features.count < matched {
            links.append(link(pageURL(offset: query.offset + features.count, f: nil), "next", "application/geo+json", "Next page"))
        }
        if !keyset, query.offset > 0 {
            links.append(link(pageURL(offset: max(0, query.offset - query.limit), f: nil), "prev", "application/geo+json", "Previous page"))
        }
        let positions = features
        let tail: [String: Any] = ["numberMatched": matched, "numberReturned": positions.count, "timeStamp": timeStamp, "links": links]
        let tailBytes = Array(json(tail).dropFirst())  // "{...}" without its "{": spliced after the features
        out.append(contentsOf: tailBytes)
        return out
    }

    static func json(_ object: Any) -> [UInt8] {
        Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8))
    }

    static func percentEncode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~:,/")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    static func problem(status: Int, title: String, detail: String) -> [UInt8] {
        json(["type": "about:blank", "status": status, "title": title, "detail": detail])
    }
}
