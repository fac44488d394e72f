import Foundation
import GeoCore
import Incidents

/// What the incident surface needs of each event: where, what it is evidence
/// of (ground held by a class, or active combat: ``EvidenceModel``) and how
/// much (rule weight × actor confidence × location precision × age decay).
/// Gathered from incidents in memory or from rows streamed out of a
/// database, in any order; the contributions are put in a canonical order
/// before use, so estimates (bootstrap intervals included) do not depend on
/// the order of input rows.
///
/// Location precision (ACLED's `geo_precision`): 1 (or unknown) counts in
/// full at its point; 2 — the event is known only to lie in its commune, and
/// sits on the commune's default point — counts half, spread over the zone it
/// falls in instead of piled on one point; 3 (a region) counts nothing.
public struct SurfaceInput: Sendable {
    struct Contribution: Sendable {
        let longitude: Double, latitude: Double
        /// 0..<groundClasses.count: ground evidence for that class; ``combatIndex``: active combat.
        let classIndex: Int
        /// Before the age decay (applied for the as-of date when the contributions are used).
        let weight: Double
        /// Precision 2: spread over the zone containing the point.
        let diffuse: Bool
        /// Days since 1970-01-01 (nil: undated, counted in full at any date).
        let day: Int?
    }

    static let combatIndex = EvidenceModel.groundClasses.count

    private(set) var asOf: CalendarDate?
    let halfLifeDays: Double
    private(set) var contributions: [Contribution] = []
    private var memo = ClassificationMemo()
    private let classifier: ActorClassifier
    private let model: EvidenceModel
    /// Events read, and those that gave evidence (ground or combat).
    public private(set) var events = 0
    public private(set) var evidenceEvents = 0

    public init(classifier: ActorClassifier, evidence: EvidenceModel, asOf: CalendarDate?, halfLifeDays: Double) {
        self.classifier = classifier
        self.model = evidence
        self.asOf = asOf
        self.halfLifeDays = halfLifeDays
    }

    public var count: Int { contributions.count }

    /// The first and last event dates among the contributions (nil when none is dated).
    public var firstDay: CalendarDate? { contributions.compactMap(\.day).min().map { CalendarDate(daysSinceEpoch: $0) } }
    public var lastDay: CalendarDate? { contributions.compactMap(\.day).max().map { CalendarDate(daysSinceEpoch: $0) } }

    public mutating func add(_ i: Incident) {
        guard let c = i.coordinate else { return }
        add(coordinate: c, eventDate: i.eventDate, subEventType: i.subEventType, actor1: i.actor1, inter1: i.inter1,
            actor2: i.actor2, inter2: i.inter2, country: i.country, geoPrecision: i.geoPrecision)
    }

    /// One event. Events after the as-of date, at region precision (3), or that say nothing about control add nothing.
    public mutating func add(coordinate c: Coordinate, eventDate: CalendarDate?, subEventType: String?, actor1: String?, inter1: Int?,
                             actor2: String?, inter2: Int?, country: String? = nil, geoPrecision: Int? = nil) {
        if let asOf, let d = eventDate, d > asOf { return }
        events += 1
        let precisionWeight: Double = switch geoPrecision { case 2?: 0.5; case 3?: 0; default: 1 }
        guard precisionWeight > 0 else { return }
        let a1 = classification(actor1, inter1, country)
        let a2 = actor2 == nil && inter2 == nil ? nil : classification(actor2, inter2, country)
        guard let e = model.evidence(subEventType: subEventType, actor1: a1, actor2: a2) else { return }
        let w = e.weight * precisionWeight
        guard w > 0 else { return }
        evidenceEvents += 1
        contributions.append(Contribution(longitude: c.longitude, latitude: c.latitude,
                                          classIndex: e.layer == .combat ? Self.combatIndex : e.classIndex, weight: w, diffuse: geoPrecision == 2,
                                          day: eventDate?.daysSinceEpoch))
    }

    private mutating func classification(_ actor: String?, _ inter: Int?, _ country: String?) -> ActorClassifier.Classification {
        memo.classification(classifier, actor: actor, inter: inter, country: country)
    }

    /// The same events seen at an earlier date: later events left out, ages counted from `date`
    /// (a control timeline estimates every period end from one input).
    public func asOf(_ date: CalendarDate) -> SurfaceInput {
        var copy = self
        copy.asOf = date
        copy.contributions = contributions.filter { c in c.day.map { $0 <= date.daysSinceEpoch } ?? true }
        return copy
    }

    /// The contributions in canonical order (position, class, weight), their weights decayed by age at the as-of date.
    func sorted() -> [Contribution] {
        let decayed: [Contribution] = contributions.compactMap { c in
            guard let asOf, let day = c.day else { return c }
            let age = Double(asOf.daysSinceEpoch - day)
            if age < 0 { return nil }
            return Contribution(longitude: c.longitude, latitude: c.latitude, classIndex: c.classIndex, weight: c.weight * pow(0.5, age / halfLifeDays),
                                diffuse: c.diffuse, day: c.day)
        }
        return decayed.sorted { a, b in
            if a.longitude != b.longitude { return a.longitude < b.longitude }
            if a.latitude != b.latitude { return a.latitude < b.latitude }
            if a.classIndex != b.classIndex { return a.classIndex < b.classIndex }
            if a.diffuse != b.diffuse { return !a.diffuse }
            return a.weight < b.weight
        }
    }

    public static func from(_ incidents: [Incident], classifier: ActorClassifier, evidence: EvidenceModel, asOf: CalendarDate?,
                            halfLifeDays: Double) -> SurfaceInput {
        var input = SurfaceInput(classifier: classifier, evidence: evidence, asOf: asOf, halfLifeDays: halfLifeDays)
        for i in incidents { input.add(i) }
        return input
    }
}
