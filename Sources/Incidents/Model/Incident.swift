import GeoCore

/// Where an extracted item came from: a file and a character span in it.
public struct TextSpan: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let file: String
    /// Offsets in Characters (grapheme clusters) from the start of the text, end exclusive.
    public let start: Int
    public let end: Int

    public init(file: String, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// `file:start-end`.
    public var description: String { "\(file):\(start)-\(end)" }
}

/// A reported number: its value and how the text qualified it ("over 500").
public struct ReportedCount: Sendable, Equatable, Hashable {
    public let value: Int
    /// `exact`, `over`, `at least`, `about`, `up to`, or `approximate` (dozens, thousands).
    public let qualifier: String

    public init(_ value: Int, qualifier: String = "exact") {
        self.value = value
        self.qualifier = qualifier
    }
}

/// One event, with ACLED's fields and IncidentMap's own.
///
/// Coordinates are WGS 84 latitude/longitude in the ACLED columns (as ACLED
/// names them); ``coordinate`` gives them as a lon/lat ``Coordinate``.
public struct Incident: Sendable, Equatable {
    // ACLED fields.
    public var eventIDCnty: String?
    public var eventDate: CalendarDate?
    /// 1 day, 2 week, 3 month.
    public var timePrecision: Int?
    public var disorderType: String?
    public var eventType: String?
    public var subEventType: String?
    public var actor1: String?
    public var assocActor1: String?
    public var inter1: Int?
    public var actor2: String?
    public var assocActor2: String?
    public var inter2: Int?
    public var interaction: Int?
    public var civilianTargeting: String?
    /// ISO 3166 numeric country code (332), as ACLED writes it.
    public var iso: Int?
    /// The ISO 3166 alpha-3 code (HTI) when the input wrote that instead of the number.
    public var isoAlpha3: String?
    public var region: String?
    public var country: String?
    public var admin1: String?
    public var admin2: String?
    public var admin3: String?
    public var location: String?
    public var latitude: Double?
    public var longitude: Double?
    /// 1 exact place, 2 near / part of a region, 3 larger region.
    public var geoPrecision: Int?
    /// `true` when ``geoPrecision`` was not in the input but inferred (a point that is its admin unit's default point).
    public var geoPrecisionInferred = false
    /// Placed by its source at the whole country (``ACLEDLocationPrecision/dropCountryPoint(_:)``): no point, no zone
    /// below the country's.
    public var countryLevel = false
    public var source: String?
    public var sourceScale: String?
    public var notes: String?
    public var fatalities: Int?
    public var tags: String?
    public var timestamp: Int?

    // IncidentMap's own.
    /// Stable: the ACLED id when there is one, else derived from the source file and row or span.
    public var id: String
    /// The line of the table it was read from (nil: not read from a table), for messages ("line 14").
    public var sourceLine: Int?
    /// Where it was read from, for messages: `event ID (line N)` with an id from the file, else `line N`.
    public var whereRead: String {
        if let line = sourceLine { return eventIDCnty.map { "event \($0) (line \(line))" } ?? "line \(line)" }
        return "event \(id)"
    }
    /// P-codes of the zones containing the incident, coarsest first.
    public var zoneChain: [String] = []
    public var killed: ReportedCount?
    public var injured: ReportedCount?
    public var abducted: ReportedCount?
    public var displaced: ReportedCount?
    public var freed: ReportedCount?
    /// 0…1: how sure the reader or extractor is of the event's type and place.
    public var confidence: Double?
    public var sourceURL: String?
    public var extractedFrom: TextSpan?
    /// `true` when the coordinates came from the gazetteer, not the input.
    public var geocoded = false
    /// The gazetteer match that placed a row without coordinates (``IncidentPlacer``).
    public var geocodeMatch: GeocodeMatch?
    /// Input columns that are not ACLED's, kept in order.
    public var extra: [Property] = []

    public init(id: String) { self.id = id }

    /// The point, when both coordinates are present (lon/lat order).
    public var coordinate: Coordinate? {
        guard let latitude, let longitude else { return nil }
        return Coordinate(longitude: longitude, latitude: latitude)
    }
}
