import Foundation
import FeatureServer
import GeoCore

/// The server's request handling: path routing, query-parameter parsing
/// (bbox, datetime, limit, offset, property filters, f), content negotiation
/// and conditional requests, on a small served layer. Input: the request
/// target (`/path?query`); a first line starting with `Accept:` is the Accept header.
enum ServerTargets {
    static let service: FeatureService = {
        var features: [Feature] = []
        for i in 0..<20 {
            let c = Coordinate(longitude: -72.4 + Double(i) * 0.01, latitude: 18.5 + Double(i % 5) * 0.01)
            features.append(Feature(id: .int(i), geometry: .point(Point(c)), properties: [
                Property("event_date", .date(CalendarDate(iso8601: "2025-0\(1 + i % 9)-1\(i % 10)")!)),
                Property("actor1", .string(i % 2 == 0 ? "Viv Ansanm" : "Police Nationale d'Haïti")),
                Property("fatalities", .int(i % 4)),
            ]))
        }
        do {
            return try FeatureService(collections: [ServedCollection(id: "incidents", title: "Incidents", description: "fuzz", features: features)])
        } catch { fatalError("\(error)") }
    }()

    static func query(_ bytes: [UInt8]) {
        var text = String(decoding: bytes, as: UTF8.self)
        var accept: String? = nil
        if text.hasPrefix("Accept:"), let nl = text.firstIndex(of: "\n") {
            accept = String(text[text.index(text.startIndex, offsetBy: 7)..<nl])
            text = String(text[text.index(after: nl)...])
        }
        let target = text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = target.first.map(String.init) ?? "/"
        let query = target.count > 1 ? String(target[1]) : nil
        let r = service.respond(ServiceRequest(path: path.isEmpty ? "/" : path, query: query, accept: accept, acceptEncoding: "gzip"))
        precondition((200...599).contains(r.status), "status \(r.status) out of range")
    }
}
