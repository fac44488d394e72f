import GeoCore

/// How a query matched a name.
public enum MatchMethod: String, Sendable, Codable {
    case exact, alias, token, fuzzy
}

/// One zone a match lies in.
public struct ZoneRef: Sendable, Equatable, Codable {
    public let level: String
    public let pcode: String
    public let name: String
}

/// A gazetteer place matched by a query.
public struct Candidate: Sendable {
    public let place: Place
    /// The name (or alternate name) that matched.
    public let matchedName: String
    public let method: MatchMethod
    /// Match quality 0…1 (1 = the normalised names are equal).
    public let quality: Double
    /// What ranking sorted on: quality weighted by kind, population and bias.
    public let rank: Double
    /// The zones containing the place, coarsest first (when boundaries are loaded).
    public var zones: [ZoneRef]
}

/// The answer to one query: the best match (or none), how sure, and what else came close.
public struct GeocodeResult: Sendable {
    public let query: String
    public let match: Candidate?
    /// 0…1: the best candidate's ranking score.
    public let score: Double
    /// `true` when another place with different zones (or far away) ranks close behind.
    public let ambiguous: Bool
    /// The next candidates, or near misses when nothing matched.
    public let alternatives: [Candidate]
}
