import Foundation
import GeoCore
import Testing
import TestSupport
@testable import FeatureServer

@Suite("OGC API – Features: documents, paging, filters, bad input")
struct FeatureServiceTests {
    typealias F = ServerFixture

    @Test("landing page, conformance, collections, OpenAPI: the documented shapes and links")
    func documents() throws {
        let landing = F.json(F.get("/"))
        let rels = (landing["links"] as? [[String: Any]] ?? []).compactMap { $0["rel"] as? String }
        for rel in ["self", "service-desc", "conformance", "data"] { #expect(rels.contains(rel)) }
        let conf = F.json(F.get("/conformance"))["conformsTo"] as? [String] ?? []
        for c in ["core", "geojson", "html", "oas30"] { #expect(conf.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/\(c)")) }
        let collections = F.json(F.get("/collections"))["collections"] as? [[String: Any]] ?? []
        #expect(collections.compactMap { $0["id"] as? String } == ["incidents", "zones"])
        let inc = F.json(F.get("/collections/incidents"))
        let extent = inc["extent"] as? [String: Any]
        let bbox = ((extent?["spatial"] as? [String: Any])?["bbox"] as? [[Double]])?.first ?? []
        #expect(bbox.count == 4 && bbox[0] >= -74.4 && bbox[2] <= -71.7)
        let interval = ((extent?["temporal"] as? [String: Any])?["interval"] as? [[String]])?.first ?? []
        let dates = F.incidents.compactMap { f -> CalendarDate? in if case .date(let d)? = f.properties.first?.value { d } else { nil } }
        #expect(interval == ["\(dates.min()!)T00:00:00Z", "\(dates.max()!)T23:59:59Z"])
        let api = F.get("/api")
        #expect(api.header("Content-Type") == "application/vnd.oai.openapi+json;version=3.0")
        let paths = (F.json(api)["paths"] as? [String: Any])?.keys.sorted() ?? []
        #expect(paths.contains("/collections/incidents/items") && paths.contains("/collections/zones/items/{featureId}") && paths.contains("/conformance"))
        #expect(F.json(api)["openapi"] as? String == "3.0.3")
    }

    @Test("paging through every incident with next links loses and repeats nothing")
    func paging() throws {
        var seen: [String] = []
        var query: String? = "limit=100"
        var pages = 0
        while let q = query {
            let r = F.get("/collections/incidents/items", q)
            #expect(r.status == 200 && r.header("Content-Type") == "application/geo+json")
            let j = F.json(r)
            #expect(j["numberMatched"] as? Int == 2_345)
            let features = j["features"] as? [[String: Any]] ?? []
            #expect(j["numberReturned"] as? Int == features.count)
            #expect((j["timeStamp"] as? String)?.hasSuffix("Z") == true)
            seen += features.compactMap { $0["id"] as? String }
            let next = (j["links"] as? [[String: Any]] ?? []).first { $0["rel"] as? String == "next" }?["href"] as? String
            query = next.map { String($0.split(separator: "?", maxSplits: 1)[1]) }
            pages += 1
            if pages > 30 { break }
        }
        #expect(pages == 24)
        #expect(seen.count == 2_345 && Set(seen).count == 2_345)
        #expect(Set(seen) == Set(F.incidents.map { $0.id!.description }))
        // A prev link from the second page leads back to the first.
        let second = F.json(F.get("/collections/incidents/items", "limit=100&offset=100"))
        let prev = (second["links"] as? [[String: Any]] ?? []).first { $0["rel"] as? String == "prev" }?["href"] as? String
        #expect(prev?.contains("offset=0") == true)
    }

    @Test("bbox, datetime and property filters match counts computed independently")
    func filters() throws {
        func matched(_ q: String) -> Int { F.json(F.get("/collections/incidents/items", q))["numberMatched"] as? Int ?? -1 }
        func coord(_ f: Feature) -> Coordinate { if case .point(let p)? = f.geometry { p.coordinate } else { fatalError() } }
        func date(_ f: Feature) -> CalendarDate { if case .date(let d) = f.properties[0].value { d } else { fatalError() } }
        let inBox = F.incidents.filter { let c = coord($0); return c.longitude >= -72.4 && c.longitude <= -72.3 && c.latitude >= 18.5 && c.latitude <= 18.6 }.count
        #expect(inBox > 100)
        #expect(matched("bbox=-72.4,18.5,-72.3,18.6") == inBox)
        #expect(matched("bbox=-72.4,18.5,0,-72.3,18.6,100") == inBox)
        #expect(matched("bbox=170,-10,-170,10") == 0)  // crosses the antimeridian, far from Haiti
        let d1 = try CalendarDate(year: 2024, month: 6, day: 1), d2 = try CalendarDate(year: 2024, month: 12, day: 31)
        #expect(matched("datetime=2024-06-01/2024-12-31") == F.incidents.filter { date($0) >= d1 && date($0) <= d2 }.count)
        #expect(matched("datetime=../2024-12-31") == F.incidents.filter { date($0) <= d2 }.count)
        #expect(matched("datetime=2024-06-01/..") == F.incidents.filter { date($0) >= d1 }.count)
        #expect(matched("datetime=2024-06-01T10:00:00Z") == F.incidents.filter { date($0) == d1 }.count)
        #expect(matched("event_type=Protests") == F.incidents.filter { $0.properties[1].value == .string("Protests") }.count)
        #expect(matched("event_type=Violence+against+civilians&bbox=-72.4,18.5,-72.3,18.6") == F.incidents.filter {
            let c = coord($0)
            return $0.properties[1].value == .string("Violence against civilians") && c.longitude >= -72.4 && c.longitude <= -72.3 && c.latitude >= 18.5 && c.latitude <= 18.6
        }.count)
        // Polygons: a box around Port-au-Prince meets the communes whose extent it meets.
        let zones = F.json(F.get("/collections/zones/items", "bbox=-72.36,18.53,-72.33,18.56&limit=500"))
        let names = (zones["features"] as? [[String: Any]] ?? []).compactMap { ($0["properties"] as? [String: Any])?["ADM2_FR"] as? String }
        #expect(names.contains("Port-au-Prince"))
    }

    @Test("bad parameters are 400 with a problem body; unknown ids 404; traversal 404; POST 405")
    func badInput() throws {
        for q in ["bbox=1,2,3", "bbox=a,b,c,d", "bbox=-200,0,0,10", "bbox=0,50,10,40", "bbox=0,-100,10,10", "datetime=yesterday",
                  "datetime=2025-02-30", "datetime=../..", "datetime=2025-03-01/2025-01-01", "limit=0", "limit=-5", "limit=ten",
                  "offset=-1", "colour=red", "limit=10&limit=20", "bbox-crs=EPSG:3857"] {
            let r = F.get("/collections/incidents/items", q)
            #expect(r.status == 400, "\(q)")
            #expect(r.header("Content-Type") == "application/problem+json")
            #expect((F.json(r)["detail"] as? String)?.isEmpty == false)
        }
        let huge = F.json(F.get("/collections/incidents/items", "limit=999999"))
        #expect(huge["numberReturned"] as? Int == 2_345)  // clamped to 10,000, not an error
        #expect(F.get("/collections/nope").status == 404)
        #expect(F.get("/collections/nope/items").status == 404)
        #expect(F.get("/collections/incidents/items/EV-999999").status == 404)
        #expect(F.get("/collections/..%2F").status == 404)
        #expect(F.get("/collections/%2E%2E/items").status == 404)
        #expect(F.get("/leaflet/..%2F..%2Fetc%2Fpasswd").status == 404)
        #expect(F.get("/leaflet/../../etc/passwd").status == 404)
        #expect(F.get("/").status == 200 && F.get("/", "foo=1").status == 400)
        #expect(F.service.respond(ServiceRequest(method: "POST", path: "/collections")).status == 405)
    }

    @Test("one feature by id; HTML by f= and Accept; text is escaped in HTML")
    func featureAndHTML() throws {
        let r = F.get("/collections/incidents/items/EV-7")
        #expect(r.status == 200)
        let j = F.json(r)
        #expect(j["id"] as? String == "EV-7" && (j["links"] as? [Any])?.count == 2)
        // Features with ids of their own are still reached by their 1-based position (README, issue 37 finding 10).
        let first = F.json(F.get("/collections/incidents/items", "limit=1"))
        let firstID = ((first["features"] as? [[String: Any]])?.first?["id"] as? String)
        #expect(firstID != nil && firstID != "1")
        #expect(F.json(F.get("/collections/incidents/items/1"))["id"] as? String == firstID)
        #expect(F.get("/collections/incidents/items/0").status == 404)
        #expect(F.get("/collections/incidents/items/2346").status == 404)
        let html = String(decoding: F.get("/collections/incidents/items", "limit=5&f=html").body, as: UTF8.self)
        #expect(html.contains("<table>") && html.contains("Cité Soleil &lt;b&gt;") && !html.contains("<b>0</b>"))
        let viaAccept = F.get("/collections", accept: "text/html,application/xhtml+xml,*/*;q=0.8")
        #expect(viaAccept.header("Content-Type") == "text/html; charset=utf-8")
        #expect(viaAccept.header("Content-Security-Policy")?.contains("script-src 'self'") == true)
        #expect(F.get("/collections", accept: "application/json").header("Content-Type") == "application/json")
        #expect(F.get("/collections", "f=xml").status == 400)
    }

    @Test("ETag and If-None-Match give 304; gzip when accepted decodes to the same bytes")
    func caching() throws {
        let first = F.get("/collections/zones/items", "limit=3")
        let tag = try #require(first.header("ETag"))
        #expect(F.get("/collections/zones/items", "limit=3", ifNoneMatch: tag).status == 304)
        #expect(F.get("/collections/zones/items", "limit=4", ifNoneMatch: tag).status == 200)
        let doc = F.get("/collections/zones")
        #expect(F.get("/collections/zones", ifNoneMatch: doc.header("ETag")).status == 304)
        let gz = F.get("/collections/zones/items", "limit=20", encoding: "gzip, deflate")
        #expect(gz.header("Content-Encoding") == "gzip" && gz.body.count < first.body.count * 20)
        let dir = try SharedData.temporaryDirectory("gzip")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("body.gz").path
        try Data(gz.body).write(to: URL(fileURLWithPath: path))
        let plain = try runProcess("/bin/gzip", ["-dc", path])
        let parsed = try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any]
        #expect(parsed?["numberReturned"] as? Int == 20)
    }

    @Test("the map page, its script and Leaflet are served; Leaflet files outside the list are not")
    func mapPage() throws {
        let page = String(decoding: F.get("/map").body, as: UTF8.self)
        #expect(page.contains("leaflet/leaflet.js") && page.contains("map.js") && page.contains("data-source=\"server\""))
        #expect(F.get("/map.js").header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(F.get("/leaflet/leaflet.js").body.count > 100_000)
        #expect(F.get("/leaflet/images/layers.png").header("Content-Type") == "image/png")
        #expect(F.get("/leaflet/leaflet.esm.js").status == 404)
    }

    @Test("hardening: a query past its deadline is 503 with Retry-After; every answer says nosniff; no folder listings")
    func hardening() throws {
        let past = F.service.respond(ServiceRequest(path: "/collections/incidents/items", query: "limit=5", deadline: 1))
        #expect(past.status == 503)
        #expect(past.header("Retry-After") == "5")
        #expect(String(decoding: past.body, as: UTF8.self).contains("Query timeout"))
        let future = DispatchTime.now().uptimeNanoseconds + 60_000_000_000
        #expect(F.service.respond(ServiceRequest(path: "/collections/incidents/items", query: "limit=5", deadline: future)).status == 200)
        for path in ["/", "/collections/incidents/items", "/map", "/nowhere"] {
            #expect(F.get(path).header("X-Content-Type-Options") == "nosniff", "\(path)")
        }
        for path in ["/leaflet", "/leaflet/", "/leaflet/images", "/leaflet/images/", "/collections/incidents/items/"] {
            let r = F.get(path)
            #expect(r.status == 404 || r.status == 200 && !String(decoding: r.body, as: UTF8.self).contains("leaflet.js\""), "\(path): \(r.status)")
        }
        let csp = F.get("/map").header("Content-Security-Policy") ?? ""
        #expect(csp.contains("script-src 'self'") && csp.contains("default-src 'none'") && !csp.contains("unsafe-eval"))
    }
}
