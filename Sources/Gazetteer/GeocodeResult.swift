import GeoCore
import Zones

/// How a query matched a name.
public enum MatchMethod: String, Sendable, Codable {
    case exact, alias, token, fuzzy
}

/// One zone a match lies in.
public struct ZoneRef: Sendable, Equatable, Codable {
    public let level: ZoneLevel
    public let pcode: String
    public let name: String

    public init(level: ZoneLevel, pcode: String, name: String) {
        self.level = level
        self.pcode = pcode
        self.name = name
    }
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
    /// The place's index in the gazetteer that found it (-1: not known), so output can encode a place once.
    var placeIndex = -1
}

/// The answer to one query: the best match (or none), how sure, and what else came close.
public struct GeocodeResult: Sendable {
    public let query: String
    /// What the query resolved to, shared by every query with the same key
    /// (an exact lookup then copies two references, not a ranked list).
    let resolution: Resolution

    /// The best match, or nil.
    public var match: Candidate? { resolution.match }
    /// 0…1: the best candidate's ranking score.
    public var score: Double { resolution.score }
    /// `true` when another place with different zones (or far away) ranks close behind.
    public var ambiguous: Bool { resolution.ambiguous }
    /// The next candidates, or near misses when nothing matched.
    public var alternatives: [Candidate] { resolution.alternatives }

    public init(query: String, match: Candidate?, score: Double, ambiguous: Bool, alternatives: [Candidate]) {
        self.query = query
        resolution = Resolution(match: match, score: score, ambiguous: ambiguous, alternatives: alternatives)
    }

    init(query: String, resolution: Resolution) {
        self.query = query
        self.resolution = resolution
    }
}

/// The query-independent part of a ``GeocodeResult``.
final class Resolution: Sendable {
    let match: Candidate?
    let score: Double
    let ambiguous: Bool
    let alternatives: [Candidate]

    init(match: Candidate?, score: Double, ambiguous: Bool, alternatives: [Candidate]) {
        self.match = match
        self.score = score
        self.ambiguous = ambiguous
        self.alternatives = alternatives
    }
}
