import Foundation
import GeoCore
import Zones

/// An index of place names from several sources, answering queries with
/// ranked, zone-aware matches.
///
/// Matching runs in order and stops at the first stage that finds something:
/// exact normalised name → alias → token containment (`Delmas 30` ⊃ `Delmas`)
/// → bounded fuzzy (optimal string alignment on keys, bound scaled by
/// length, candidates from shared trigrams). See ``NameNormalizer`` for what
/// "normalised" means.
///
/// Built from ``GazetteerContents`` and never changed: its index (``GazetteerTables`` and the precomputed answers
/// of ``GazetteerIndex``, both immutable) is built at once or, with `indexNow: false`, by the first lookup — the
/// only moment the lock is held for more than taking a reference; lookups from any number of threads then share it.
public final class Gazetteer: Sendable {
    /// What was indexed.
    public let contents: GazetteerContents
    private let built: Locked<GazetteerIndex?>

    /// The most places one gazetteer indexes: 2,000,000 (1,000,000 take 45 s and 3.2 GB to index on a 2-core machine,
    /// docs/reliability.md); ``GazetteerBuilder`` refuses more before indexing.
    public static let maxPlaces = 2_000_000

    /// A gazetteer of `contents`, indexed now or (`indexNow: false`) at the first lookup: a run that matches no name
    /// never pays for it.
    public init(_ contents: GazetteerContents, indexNow: Bool = true) {
        self.contents = contents
        built = Locked(indexNow ? GazetteerIndex(GazetteerTables(contents)) : nil)
    }

    public var places: [Place] { contents.places }
    /// The boundaries whose zones are places and give matches their zone chain.
    public var zoneSet: ZoneSet? { contents.zones }

    /// The index, built by the first caller (the others wait for it).
    var index: GazetteerIndex {
        built.withLock { index in
            if let index { return index }
            let made = GazetteerIndex(GazetteerTables(contents))
            index = made
            return made
        }
    }

    /// Builds the index now if it is not built yet (otherwise the first lookup does).
    public func prepare() { _ = index }

    public struct Options: Sendable {
        /// Keep only places inside this zone (a p-code, or a zone name).
        public var within: String?
        /// Prefer places near this point.
        public var near: Coordinate?
        /// How many alternatives to report.
        public var alternatives = 5
        /// Only exact and alias matches (no token or fuzzy stage): for scanning
        /// running text, where a loose match is more often wrong than right.
        public var exactOnly = false
        public init(within: String? = nil, near: Coordinate? = nil, alternatives: Int = 5, exactOnly: Bool = false) {
            self.within = within
            self.near = near
            self.alternatives = alternatives
            self.exactOnly = exactOnly
        }
    }

    /// Resolves one name. An unknown name is not an error: the result has no match and lists near misses.
    public func lookup(_ query: String, options: Options = Options()) -> GeocodeResult {
        index.lookup(query, options: options)
    }

    /// Resolves many names; a name repeated (as in a column of reports) is
    /// resolved once and its result shared. With `threads` above 1 the
    /// distinct names are resolved on that many threads at most (the answers
    /// do not depend on it; their order is the queries' order).
    public func lookup(all queries: [String], options: Options = Options(), threads: Int = 1) -> [GeocodeResult] {
        let batch = QueryBatch(queries)
        return batch.expand(lookup(batch, options: options, threads: threads))
    }

    /// Resolves the distinct names of a batch: one result per entry of
    /// `batch.names`, in that order (`batch.rows` says which one each row takes).
    public func lookup(_ batch: QueryBatch, options: Options = Options(), threads: Int = 1) -> [GeocodeResult] {
        let index = index
        return batch.names.parallelMap(chunk: 512, threads: threads) { index.lookup($0, options: options) }
    }

    /// The zone chain of a place: for admin zones, the zone and its
    /// ancestors; for points, the finest zone containing it (snapped within 2 km).
    public func zones(of place: Place) -> [ZoneRef] {
        index.tables.zones(of: place)
    }
}
