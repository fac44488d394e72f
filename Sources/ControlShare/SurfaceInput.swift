import Foundation
import GeoCore
import Incidents

/// What the incident surface needs of each event: where, which controlling
/// class, how much weight (sub-event type × age decay). Gathered from
/// incidents in memory or from rows streamed out of a database, in any order;
/// the contributions are put in a canonical order before use, so estimates
/// (bootstrap intervals included) do not depend on the order of input rows.
public struct SurfaceInput: Sendable {
    struct Contribution: Sendable {
        let longitude: Double, latitude: Double
        let classIndex: Int
        let weight: Double
    }

    let asOf: CalendarDate?
    let halfLifeDays: Double
    private(set) var contributions: [Contribution] = []
    private var classCache: [String: Int] = [:]
    private let classifier: ActorClassifier

    public init(classifier: ActorClassifier, asOf: CalendarDate?, halfLifeDays: Double) {
        self.classifier = classifier
        self.asOf = asOf
        self.halfLifeDays = halfLifeDays
    }

    public var count: Int { contributions.count }

    public mutating func add(_ i: Incident) {
        guard let c = i.coordinate else { return }
        add(coordinate: c, eventDate: i.eventDate, subEventType: i.subEventType, actor1: i.actor1, inter1: i.inter1,
            actor2: i.actor2, inter2: i.inter2, country: i.country)
    }

    /// One event: actor1's class gets the weight; for armed clashes actor2's class gets half of it.
    /// Events after the as-of date, of weight 0, or without a controlling actor add nothing.
    public mutating func add(coordinate c: Coordinate, eventDate: CalendarDate?, subEventType: String?, actor1: String?, inter1: Int?,
                             actor2: String?, inter2: Int?, country: String? = nil) {
        var decay = 1.0
        if let asOf, let d = eventDate {
            let age = Double(asOf.daysSinceEpoch - d.daysSinceEpoch)
            if age < 0 { return }
            decay = pow(0.5, age / halfLifeDays)
        }
        let w = (subEventType.flatMap { SurfaceParameters.weights[$0] } ?? SurfaceParameters.defaultWeight) * decay
        guard w > 0 else { return }
        if let k = classIndex(actor1, inter1, country) {
            contributions.append(Contribution(longitude: c.longitude, latitude: c.latitude, classIndex: k, weight: w))
        }
        if subEventType == "Armed clash", let k = classIndex(actor2, inter2, country) {
            contributions.append(Contribution(longitude: c.longitude, latitude: c.latitude, classIndex: k, weight: w / 2))
        }
    }

    private mutating func classIndex(_ actor: String?, _ inter: Int?, _ country: String?) -> Int? {
        let key = (actor ?? "") + "\u{1F}" + (inter.map(String.init) ?? "") + "\u{1F}" + (country ?? "")
        if let k = classCache[key] { return k >= 0 ? k : nil }
        let k = ActorClassifier.controllingClasses.firstIndex(of: classifier.classify(actor: actor, inter: inter, country: country)) ?? -1
        classCache[key] = k
        return k >= 0 ? k : nil
    }

    /// The contributions in canonical order (position, class, weight).
    func sorted() -> [Contribution] {
        contributions.sorted { a, b in
            if a.longitude != b.longitude { return a.longitude < b.longitude }
            if a.latitude != b.latitude { return a.latitude < b.latitude }
            if a.classIndex != b.classIndex { return a.classIndex < b.classIndex }
            return a.weight < b.weight
        }
    }

    public static func from(_ incidents: [Incident], classifier: ActorClassifier, asOf: CalendarDate?, halfLifeDays: Double) -> SurfaceInput {
        var input = SurfaceInput(classifier: classifier, asOf: asOf, halfLifeDays: halfLifeDays)
        for i in incidents { input.add(i) }
        return input
    }
}
