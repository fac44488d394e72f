import Foundation
import GeoCore
import LayerIO
import TestSupport
@testable import FeatureServer

/// Named fixtures: 2,345 seeded synthetic incidents over Haiti (dates over
/// two years, ACLED event types, fatalities) and the 140 COD-AB communes.
enum ServerFixture {
    static let eventTypes = ["Battles", "Violence against civilians", "Protests", "Riots", "Strategic developments", "Explosions/Remote violence"]

    static let incidents: [Feature] = {
        var rng = SeededGenerator(seed: 42)
        let start = try! CalendarDate(year: 2024, month: 1, day: 1).daysSinceEpoch
        return (0..<2_345).map { i in
            // Most in the Port-au-Prince area, the rest anywhere over Haiti.
            let (lon, lat) = Double.random(in: 0..<1, using: &rng) < 0.7
                ? (Double.random(in: -72.45 ... -72.2, using: &rng), Double.random(in: 18.45...18.65, using: &rng))
                : (Double.random(in: -74.4 ... -71.7, using: &rng), Double.random(in: 18.05...19.9, using: &rng))
            let date = CalendarDate(daysSinceEpoch: start + Int.random(in: 0..<730, using: &rng))
            return Feature(id: .string("EV-\(i)"), geometry: .point(Point(longitude: lon, latitude: lat)), properties: [
                Property("event_date", .date(date)), Property("event_type", .string(eventTypes[i % eventTypes.count])),
                Property("fatalities", .int(Int.random(in: 0..<6, using: &rng))), Property("notes", .string("Cité Soleil <b>\(i)</b>")),
            ])
        }
    }()

    static let service: FeatureService = {
        let communes = try! ShapefileReader.read(path: SharedData.codABLevel(2)).features
        return try! FeatureService(collections: [
            ServedCollection(id: "incidents", title: "Incidents", description: "synthetic", features: incidents),
            ServedCollection(id: "zones", title: "Zones", description: "COD-AB communes", features: communes),
        ])
    }()

    static func get(_ path: String, _ query: String? = nil, accept: String? = nil, encoding: String? = nil, ifNoneMatch: String? = nil) -> ServiceResponse {
        service.respond(ServiceRequest(path: path, query: query, accept: accept, acceptEncoding: encoding, ifNoneMatch: ifNoneMatch, host: "127.0.0.1:8080"))
    }

    static func json(_ r: ServiceResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(r.body))) as? [String: Any] ?? [:]
    }
}
