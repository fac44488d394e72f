import Foundation
import WebMap

/// The `text/html` representations (conformance class html): plain pages
/// with the same content and links as the JSON, no scripts.
enum HTMLPages {
    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;max-width:70em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}</style>
        </head><body>
        \(body)
        </body></html>

        """
    }

    static func e(_ s: String) -> String { MapPage.escape(s) }

    static func links(_ doc: [String: Any]) -> String {
        let items = (doc["links"] as? [[String: Any]] ?? []).map { l in
            "<li><a href=\"\(e(l["href"] as? String ?? ""))\">\(e(l["title"] as? String ?? ""))</a> (\(e(l["rel"] as? String ?? "")), \(e(l["type"] as? String ?? "")))</li>"
        }
        return "<ul>" + items.joined() + "</ul>"
    }

    static func landing(_ doc: [String: Any]) -> String {
        page(title: doc["title"] as? String ?? "IncidentMap", body: """
            <h1>\(e(doc["title"] as? String ?? ""))</h1><p>\(e(doc["description"] as? String ?? ""))</p>
            <p><a href="map"><strong>Open the map</strong></a></p>\(links(doc))
            """)
    }

    static func conformance(_ classes: [String]) -> String {
        page(title: "Conformance", body: "<h1>Conformance</h1><ul>" + classes.map { "<li>\(e($0))</li>" }.joined() + "</ul>")
    }

    static func collections(_ all: [ServedCollection], base: String) -> String {
        let rows = all.map { c in
            "<tr><td><a href=\"\(e(base))/collections/\(e(c.id))?f=html\">\(e(c.id))</a></td><td>\(e(c.title))</td><td>\(c.count)</td>"
                + "<td><a href=\"\(e(base))/collections/\(e(c.id))/items?f=html\">items</a></td></tr>"
        }
        return page(title: "Collections", body: "<h1>Collections</h1><table><tr><th>id</th><th>title</th><th>features</th><th></th></tr>"
                    + rows.joined() + "</table>")
    }

    static func collection(_ c: ServedCollection, doc: [String: Any], base: String) -> String {
        var extent = ""
        if let b = c.extent { extent += "<p>Extent (CRS84): \(b.minLongitude), \(b.minLatitude), \(b.maxLongitude), \(b.maxLatitude)</p>" }
        if let (lo, hi) = c.interval { extent += "<p>Dates (\(e(c.temporalProperty ?? ""))): \(lo) to \(hi)</p>" }
        return page(title: c.title, body: "<h1>\(e(c.title))</h1><p>\(e(c.description))</p><p>\(c.count) features</p>\(extent)\(links(doc))"
                    + "<p>Properties: " + c.propertyNames.map { "\(e($0)) (\(e(c.propertyKinds[$0] ?? "")))" }.joined(separator: ", ") + "</p>")
    }

    /// A page of features as a table of their properties.
    static func items(_ c: ServedCollection, features: [[UInt8]], matched: Int, json: [UInt8]) -> String {
        items(c, positions: Array(features.indices), matched: matched, json: json)
    }

    static func items(_ c: ServedCollection, positions: [Int], matched: Int, json: [UInt8]) -> String {
        let parsed = (try? JSONSerialization.jsonObject(with: Data(json))) as? [String: Any] ?? [:]
        let features = parsed["features"] as? [[String: Any]] ?? []
        let head = "<tr><th>id</th>" + c.propertyNames.map { "<th>\(e($0))</th>" }.joined() + "</tr>"
        let rows = features.map { f -> String in
            let props = f["properties"] as? [String: Any] ?? [:]
            let id = "\(f["id"] ?? "")"
            return "<tr><td><a href=\"items/\(e(OGCDocuments.percentEncode(id)))?f=html\">\(e(id))</a></td>"
                + c.propertyNames.map { n in "<td>\(e(props[n].map { $0 is NSNull ? "" : "\($0)" } ?? ""))</td>" }.joined() + "</tr>"
        }
        let nav = (parsed["links"] as? [[String: Any]] ?? []).filter { ["next", "prev"].contains($0["rel"] as? String ?? "") }
            .map { "<a href=\"\(e(($0["href"] as? String ?? "") + "&f=html"))\">\(e($0["title"] as? String ?? ""))</a>" }.joined(separator: " · ")
        return page(title: "\(c.title): features", body: "<h1>\(e(c.title))</h1><p>\(positions.count) of \(matched) features. \(nav)</p><table>\(head)\(rows.joined())</table>")
    }
}
