/// What `acled pull` asks ACLED for: countries (names) or ISO numeric codes, regions, an event-date range and event
/// types. The same query is kept beside the store, so that an update asks for the same events.
public struct ACLEDQuery: Equatable, Sendable {
    public var countries: [String] = []
    public var iso: [Int] = []
    public var regions: [String] = []
    /// `YYYY-MM-DD`, inclusive.
    public var startDate: String?
    public var endDate: String?
    public var eventTypes: [String] = []

    public init() {}

    /// The API's filter parameters (ACLED's `field=a|b`, `event_date=S|E` with `event_date_where=BETWEEN`).
    var parameters: [(String, String)] {
        var p: [(String, String)] = []
        if !countries.isEmpty { p.append(("country", countries.joined(separator: "|"))) }
        if !iso.isEmpty { p.append(("iso", iso.map(String.init).joined(separator: "|"))) }
        if !regions.isEmpty { p.append(("region", regions.joined(separator: "|"))) }
        switch (startDate, endDate) {
        case let (s?, e?): p += [("event_date", "\(s)|\(e)"), ("event_date_where", "BETWEEN")]
        case let (s?, nil): p += [("event_date", s), ("event_date_where", ">=")]
        case let (nil, e?): p += [("event_date", e), ("event_date_where", "<=")]
        case (nil, nil): break
        }
        if !eventTypes.isEmpty { p.append(("event_type", eventTypes.joined(separator: "|"))) }
        return p
    }

    /// The query as one line (kept in the store's `.pull` file and compared on an update).
    public var key: String { parameters.map { "\($0.0)=\($0.1)" }.joined(separator: "&") }

    /// The dates asked, in words (for a tier error).
    var datesInWords: String {
        switch (startDate, endDate) {
        case let (s?, e?): "events of \(s) to \(e)"
        case let (s?, nil): "events from \(s)"
        case let (nil, e?): "events until \(e)"
        case (nil, nil): "every date"
        }
    }
}
