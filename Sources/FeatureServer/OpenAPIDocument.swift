/// The OpenAPI 3.0 document describing exactly what the server serves: the
/// fixed OGC API paths and, per collection, its items with the property
/// filters it accepts.
enum OpenAPIDocument {
    static func document(_ collections: [ServedCollection], base: String, title: String) -> [String: Any] {
        func param(_ name: String, _ schema: [String: Any], _ description: String, explode: Bool = false) -> [String: Any] {
            ["name": name, "in": "query", "required": false, "schema": schema, "description": description, "style": "form", "explode": explode]
        }
        let f = param("f", ["type": "string", "enum": ["json", "html"]], "Response format (also chosen by the Accept header).")
        func response(_ description: String, _ types: [String]) -> [String: Any] {
            ["description": description, "content": Dictionary(uniqueKeysWithValues: types.map { ($0, ["schema": ["type": "object"]] as [String: Any]) })]
        }
        let problem: [String: Any] = ["description": "Bad request: a parameter is malformed or unknown", "content": ["application/problem+json": ["schema": ["type": "object"]]]]
        let notFound: [String: Any] = ["description": "Not found", "content": ["application/problem+json": ["schema": ["type": "object"]]]]
        var paths: [String: Any] = [
            "/": ["get": ["summary": "Landing page", "operationId": "getLandingPage", "parameters": [f],
                          "responses": ["200": response("Links to the API, conformance and collections", ["application/json", "text/html"])]]],
            "/conformance": ["get": ["summary": "Conformance classes", "operationId": "getConformance", "parameters": [f],
                                     "responses": ["200": response("The conformance classes implemented", ["application/json", "text/html"])]]],
            "/api": ["get": ["summary": "This document", "operationId": "getAPI",
                             "responses": ["200": response("OpenAPI 3.0", ["application/vnd.oai.openapi+json;version=3.0"])]]],
            "/collections": ["get": ["summary": "The collections", "operationId": "getCollections", "parameters": [f],
                                     "responses": ["200": response("The served layers", ["application/json", "text/html"])]]],
            "/map": ["get": ["summary": "Map page (Leaflet)", "operationId": "getMap", "responses": ["200": response("HTML map of the layers", ["text/html"])]]],
        ]
        for c in collections {
            var itemParams: [[String: Any]] = [
                param("bbox", ["type": "array", "minItems": 4, "maxItems": 6, "items": ["type": "number"]],
                      "west,south,east,north in CRS84 (longitude, latitude); west > east crosses the antimeridian"),
                param("bbox-crs", ["type": "string", "enum": [OGCDocuments.crs84]], "CRS of bbox (CRS84 only)"),
                param("limit", ["type": "integer", "minimum": 1, "maximum": ItemsQuery.maximumLimit, "default": ItemsQuery.defaultLimit],
                      "Features per page; larger values are served as the maximum"),
                param("offset", ["type": "integer", "minimum": 0, "default": 0], "Features to skip"),
                f,
            ]
            if let t = c.temporalProperty {
                itemParams.append(param("datetime", ["type": "string"], "Instant or interval (start/end, '..' for open) on \(t), by day"))
            }
            for name in c.propertyNames {
                itemParams.append(param(name, ["type": "string"], "Features whose \(name) (\(c.propertyKinds[name] ?? "string")) equals this value"))
            }
            paths["/collections/\(c.id)"] = ["get": ["summary": "The \(c.title) collection", "operationId": "describe_\(c.id)", "parameters": [f],
                                                     "responses": ["200": response("Collection metadata", ["application/json", "text/html"]), "404": notFound]]]
            paths["/collections/\(c.id)/items"] = ["get": ["summary": "Features of \(c.title)", "operationId": "items_\(c.id)", "parameters": itemParams,
                                                           "responses": ["200": response("A page of features", ["application/geo+json", "text/html"]),
                                                                         "400": problem, "404": notFound]]]
            paths["/collections/\(c.id)/items/{featureId}"] = ["get": [
                "summary": "One feature of \(c.title)", "operationId": "item_\(c.id)",
                "parameters": [["name": "featureId", "in": "path", "required": true, "schema": ["type": "string"]] as [String: Any], f],
                "responses": ["200": response("The feature", ["application/geo+json", "text/html"]), "404": notFound]]]
        }
        return ["openapi": "3.0.3", "info": ["title": title, "version": "1.0.0", "description": "OGC API – Features (Part 1) served by incidentmap serve"],
                "servers": [["url": base]], "paths": paths]
    }
}
