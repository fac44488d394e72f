import GeoCore
import Zones

/// What kind of thing a gazetteer entry names. Ranking prefers, for equal
/// match quality, populated places and administrative zones over quartiers
/// and postal localities.
public enum PlaceKind: String, Sendable, Codable, CaseIterable {
    /// A city, town or village (GeoNames P feature class).
    case populatedPlace = "populated_place"
    /// A department, commune or section communale from a boundary layer.
    case adminZone = "admin_zone"
    /// A neighbourhood or postal locality (GeoNames postal codes).
    case quartier
    /// A village or hamlet with no known population (Who's On First / GeoNames
    /// populated places outside cities500): many share a name.
    case village
    /// Any other GeoNames feature (rivers, mountains, …).
    case other

    var weight: Double {
        switch self {
        case .populatedPlace: 1.0
        case .adminZone: 0.99
        case .quartier: 0.97
        case .village: 0.96
        case .other: 0.9
        }
    }
}

/// One gazetteer entry: a named point with its source.
public struct Place: Sendable, Identifiable {
    /// Stable and source-qualified: `geonames:3719543`, `wof:1125777145`, `HT0621` (a p-code), `postal:HT6110`.
    public let id: String
    public let name: String
    public var alternateNames: [String]
    public let kind: PlaceKind
    /// `geonames-cities500`, `cod-ab:adm2`, `whosonfirst`, `geonames-postal`, `geonames-dump`.
    public let source: String
    /// WGS 84 longitude/latitude.
    public let coordinate: Coordinate
    public let population: Int?
    /// For admin zones: the level (`adm1`…) and p-code. For others: nil.
    public let zoneLevel: ZoneLevel?
    /// Positional accuracy hint from the source: `nil` when exact enough;
    /// GeoNames postal 1 = estimated, 4 = geonameid, 6 = centroid.
    public let accuracy: Int?

    public init(id: String, name: String, alternateNames: [String] = [], kind: PlaceKind, source: String,
                coordinate: Coordinate, population: Int? = nil, zoneLevel: ZoneLevel? = nil, accuracy: Int? = nil) {
        self.id = id
        self.name = name
        self.alternateNames = alternateNames
        self.kind = kind
        self.source = source
        self.coordinate = coordinate
        self.population = population
        self.zoneLevel = zoneLevel
        self.accuracy = accuracy
    }

    /// Every name the place answers to.
    public var allNames: [String] { [name] + alternateNames }
}
