import GeoCore
import Gazetteer

/// A place named in the text, resolved with the gazetteer.
public struct PlaceMention: Sendable {
    /// The words as written.
    public let text: String
    public let span: TextSpan
    /// Index of the sentence it is in.
    public let sentence: Int
    /// The gazetteer place (nil for places outside the country).
    public let placeID: String?
    public let name: String
    public let coordinate: Coordinate?
    public let zones: [ZoneRef]
    /// ISO country code (the country's own for places in it).
    public let countryCode: String?
    /// The name fits several places in different communes about equally well; the one chosen is the nearest to the
    /// article's other places (when it names any), the others are in ``alternatives``.
    public var ambiguous = false
    /// The other places the name may mean (id, name, commune p-code), best first.
    public var alternatives: [PlaceAlternative] = []
    /// For an ambiguous name, the rule that chose among its places: the nearest to the article's other places (which
    /// one, how far; the dateline's place is said as such), or, when the article names no other place, the best ranked.
    public var chosenBy: String?
    /// While the article is read: every place an ambiguous name fits about as well, best ranked first.
    var candidates: [Candidate] = []
    /// A name that reads as a place but that no source knows (a longer name holding a known one: "Vallée de
    /// Bourdon"); listed for the analyst (``Extraction/unknownPlaces``), never placed.
    var isUnknown = false

    struct Candidate: Sendable {
        let placeID: String
        let name: String
        let coordinate: Coordinate
        let zones: [ZoneRef]
    }

    /// The commune p-code, when boundaries are loaded.
    public var commune: String? { zones.first { $0.level == .adm2 }?.pcode }
}

/// Another place a mention's name may mean.
public struct PlaceAlternative: Sendable, Equatable {
    public let placeID: String
    public let name: String
    public let commune: String?
}

/// A reported share of a zone under an actor class's control
/// ("90% of the capital is now under gang control").
public struct ControlObservation: Sendable, Equatable {
    /// The place as written ("the capital", a town's name).
    public let placeText: String
    /// The resolved place and zone, when the gazetteer knows it.
    public let placeID: String?
    public let zone: String?
    public let zoneName: String?
    /// 0…1.
    public let share: Double
    public let actorClass: ControlClass
    /// Who reported it ("United Nations").
    public let source: String?
    public let date: CalendarDate?
    public let sentence: String
    public let span: TextSpan
    /// Today's figure, or a past estimate the text recalls ("were previously estimated to control 80%").
    public var tense: Tense = .current
    /// Said in words ("gangs control Cité Soleil"), not as a number: `share` is then 1 (the place as a whole).
    public var qualitative = false

    public enum Tense: String, Sendable { case current, previous }
}

/// Everything found in one text.
public struct Extraction: Sendable {
    public let file: String
    public let reportDate: CalendarDate?
    /// Places in the country, in text order.
    public var mentions: [PlaceMention]
    /// Places outside the country, listed apart.
    public var outside: [PlaceMention]
    /// Names that read as places but that no source knows, with their spans (not cut to a shorter known name).
    public var unknownPlaces: [PlaceMention] = []
    public var incidents: [Incident]
    public var control: [ControlObservation]
    /// What the reader should know: e.g. relative dates left unresolved for want of a report date.
    public var warnings: [String] = []
}

extension Incident {
    /// Told in the report as a past event ("last year's massacre") rather than one the report is about.
    public var isBackground: Bool { extra.contains { $0.name == "background" && $0.value == .bool(true) } }
    /// A period's total ("gangs killed more than 5,600 people in 2024"), not one event.
    public var isAggregate: Bool { extra.contains { $0.name == "aggregate" && $0.value == .bool(true) } }
}

extension Extraction {
    /// The extraction with only the report's own events: the incident layers leave background and aggregate ones out.
    public func withoutBackground() -> Extraction {
        var e = self
        e.incidents.removeAll { $0.isBackground || $0.isAggregate }
        return e
    }
}
