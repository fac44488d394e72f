import GeoCore
import LayerIO
import PostGISStore

/// Serves the layer tables of a PostGIS schema (`serve --from postgresql://…`):
/// each table with `fid` and `geom` becomes a collection whose items are
/// read with indexed SQL per request (``PostGISFeatureReader``).
public enum PostGISCollections {
    public static func load(_ reader: PostGISFeatureReader) async throws -> [ServedCollection] {
        try await reader.tables().map { t in
            ServedCollection(
                id: t.name, title: t.name, description: "\(reader.schema).\(t.name) in \(reader.target) (\(t.count) features)",
                store: PostGISCollectionStore(reader: reader, table: t), count: t.count, propertyNames: t.columns.map(\.name),
                propertyKinds: Dictionary(t.columns.map { ($0.name, kindName($0.kind)) }, uniquingKeysWith: { a, _ in a }),
                temporalProperty: t.temporalColumn, extent: t.extent, interval: t.interval)
        }
    }

    static func kindName(_ k: LayerSchema.Kind) -> String {
        switch k {
        case .string: "string"
        case .integer: "integer"
        case .double: "number"
        case .boolean: "boolean"
        case .date: "date"
        }
    }
}

struct PostGISCollectionStore: CollectionStore {
    let reader: PostGISFeatureReader
    let table: PostGISFeatureReader.Table

    func page(_ q: ItemsQuery) async throws -> StorePage {
        var query = PostGISFeatureReader.Query()
        query.bbox = q.bbox.map { ($0.west, $0.south, $0.east, $0.north) }
        query.dates = q.datetime.map { ($0.start, $0.end) }
        query.equals = q.propertyFilters
        query.after = q.after
        query.offset = q.offset
        query.limit = q.limit + 1  // one more tells whether a next page exists
        do {
            var (features, matched) = try await reader.page(table, query)
            let more = features.count > q.limit
            if more { features.removeLast() }
            return StorePage(features: features, matched: matched, hasMore: more)
        } catch let e as PostGISError { throw unavailable(e) }
    }

    func feature(id: String) async throws -> Feature? {
        do { return try await reader.feature(table, id: id) } catch let e as PostGISError { throw unavailable(e) }
    }

    private func unavailable(_ e: PostGISError) -> Error {
        switch e {
        case .timeout, .unreachable: StoreUnavailable(reason: e.description)
        default: e
        }
    }
}
