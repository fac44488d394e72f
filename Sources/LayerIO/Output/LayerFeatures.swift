import GeoCore

/// A layer's features for the writers: held in memory, or replayed from a
/// ``FeatureSpool`` (a large point layer, such as a main job's incidents, is
/// never held whole). Either way the writers see the features in order,
/// as often as they need, with the schema inferred over all of them.
public struct LayerFeatures: Sendable {
    private enum Storage {
        case memory([Feature])
        case spool(FeatureSpoolReader)
    }

    private let storage: Storage
    /// The columns, inferred over every feature (as ``LayerSchema/init(inferring:)``).
    public let schema: LayerSchema
    public let count: Int

    public init(_ features: [Feature]) {
        storage = .memory(features)
        schema = LayerSchema(inferring: features)
        count = features.count
    }

    /// Point features spooled to disk, with the schema built while spooling: the spool is finished here (it takes
    /// no more features) and read from then on, on as many threads as the writers need.
    public init(spool: FeatureSpool, schema: LayerSchema) throws {
        let reader = try spool.finish()
        storage = .spool(reader)
        self.schema = schema
        count = reader.count
    }

    /// True when the features are replayed from disk (all points, or no geometry).
    public var isSpooled: Bool { spool != nil }

    /// The spool the features are read from (nil when they are held in memory).
    public var spool: FeatureSpoolReader? { if case .spool(let s) = storage { s } else { nil } }

    /// The features, in order.
    public func forEach(_ body: (Feature) throws -> Void) throws {
        switch storage {
        case .memory(let fs): for f in fs { try body(f) }
        case .spool(let s): try s.forEach(body)
        }
    }

    /// Every feature in memory (for consumers that serve them from memory).
    public func all() throws -> [Feature] {
        switch storage {
        case .memory(let fs): return fs
        case .spool(let s):
            var out: [Feature] = []
            out.reserveCapacity(count)
            try s.forEach { out.append($0) }
            return out
        }
    }
}
