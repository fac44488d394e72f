import GeoCore

/// Where a collection's features live when they are not held in memory
/// (e.g. a PostGIS table): pages and single features are read per request.
/// Pages come in the store's order (its key order), with keyset paging.
public protocol CollectionStore: Sendable {
    /// The features of a page (bbox, datetime, property filters, `after`, `offset`, `limit`
    /// as parsed), how many features match the filters in all, and whether more follow the page.
    func page(_ query: ItemsQuery) async throws -> StorePage
    /// One feature by id (nil: none).
    func feature(id: String) async throws -> Feature?
}

public struct StorePage: Sendable {
    public var features: [Feature]
    public var matched: Int
    public var hasMore: Bool
    public init(features: [Feature], matched: Int, hasMore: Bool) {
        self.features = features
        self.matched = matched
        self.hasMore = hasMore
    }
}

/// A store's failure the service answers with 503 (the store took too long or is unreachable).
public struct StoreUnavailable: Error, CustomStringConvertible {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}
