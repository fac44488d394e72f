import Foundation
import GeoCore
import Testing
@testable import FeatureServer

/// A store over the fixture's features, ordered by id bytes like the PostGIS store.
struct FixtureStore: CollectionStore {
    let features: [Feature]
    var failing = false

    func page(_ q: ItemsQuery) async throws -> StorePage {
        if failing { throw StoreUnavailable(reason: "the statement took longer than allowed") }
        let sorted = features.sorted { Array($0.id!.description.utf8).lexicographicallyPrecedes(Array($1.id!.description.utf8)) }
        let matching = sorted.filter { f in
            if let b = q.bbox, let box = f.geometry?.boundingBox, !b.intersects(box) { return false }
            for (k, v) in q.propertyFilters where f.properties.first(where: { $0.name == k })?.value.description != v { return false }
            return true
        }
        let afterCursor = matching.filter { f in q.after.map { Array($0.utf8).lexicographicallyPrecedes(Array(f.id!.description.utf8)) } ?? true }
        let rest = Array(afterCursor.dropFirst(q.offset))
        return StorePage(features: Array(rest.prefix(q.limit)), matched: matching.count, hasMore: rest.count > q.limit)
    }

    func feature(id: String) async throws -> Feature? { features.first { $0.id?.description == id } }
}

@Suite("Feature service over a store")
struct StoreBackedServiceTests {
    static func service(failing: Bool = false) throws -> FeatureService {
        let store = FixtureStore(features: ServerFixture.incidents, failing: failing)
        return try FeatureService(collections: [
            ServedCollection(id: "incidents", title: "Incidents", description: "store", store: store, count: ServerFixture.incidents.count,
                             propertyNames: ["event_date", "event_type", "fatalities", "notes"],
                             propertyKinds: ["event_date": "date", "event_type": "string", "fatalities": "integer", "notes": "string"],
                             temporalProperty: "event_date", extent: nil, interval: nil),
        ])
    }

    static func get(_ s: FeatureService, _ path: String, _ query: String? = nil) async -> ServiceResponse {
        await s.answer(ServiceRequest(path: path, query: query, host: "127.0.0.1:8080"))
    }

    @Test("keyset paging: next links carry after=, every feature once, same set as the in-memory collection")
    func keysetPaging() async throws {
        let s = try Self.service()
        var url: (String, String?)? = ("/collections/incidents/items", "limit=1000&event_type=Riots")
        var seen: [String] = []
        var pages = 0
        while let (path, query) = url {
            let r = await Self.get(s, path, query)
            #expect(r.status == 200)
            let doc = ServerFixture.json(r)
            #expect(doc["numberMatched"] as? Int == ServerFixture.incidents.filter { $0.properties[1].value == .string("Riots") }.count)
            seen += (doc["features"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            let next = (doc["links"] as? [[String: Any]] ?? []).first { $0["rel"] as? String == "next" }?["href"] as? String
            url = next.map { n in
                #expect(n.contains("after=") && !n.contains("offset="))
                let c = URLComponents(string: n)!
                return (c.path, c.percentEncodedQuery)
            }
            pages += 1
        }
        let memory = ServerFixture.json(ServerFixture.get("/collections/incidents/items", "limit=10000&event_type=Riots"))
        let expected = Set((memory["features"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        #expect(Set(seen) == expected)
        #expect(seen.count == expected.count)
        #expect(pages == 1)  // 391 Riots: one page of 1,000, no empty page after it
    }

    @Test("single features, offsets past 10,000, unknown ids and a slow store")
    func errors() async throws {
        let s = try Self.service()
        let one = await Self.get(s, "/collections/incidents/items/EV-7")
        #expect(one.status == 200)
        #expect(ServerFixture.json(one)["id"] as? String == "EV-7")
        #expect(await Self.get(s, "/collections/incidents/items/EV-99999").status == 404)
        let far = await Self.get(s, "/collections/incidents/items", "offset=10001")
        #expect(far.status == 400)
        #expect(String(decoding: far.body, as: UTF8.self).contains("after="))
        #expect(await Self.get(s, "/collections/incidents/items", "colour=red").status == 400)
        #expect(await Self.get(s, "/collections", nil).status == 200)
        let slow = await Self.get(try Self.service(failing: true), "/collections/incidents/items")
        #expect(slow.status == 503)
        #expect(slow.header("Retry-After") == "5")
    }

    @Test("in-memory collections accept after= too (position after the named feature)")
    func inMemoryAfter() throws {
        let doc = ServerFixture.json(ServerFixture.get("/collections/incidents/items", "limit=3&after=EV-10"))
        #expect((doc["features"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } == ["EV-11", "EV-12", "EV-13"])
        let next = (doc["links"] as? [[String: Any]] ?? []).first { $0["rel"] as? String == "next" }?["href"] as? String
        #expect(next?.contains("after=EV-13") == true)
    }
}
