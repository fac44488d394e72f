import Incidents

/// How the actors of a run were classed: mentions per class (actor1 and actor2
/// of every event), how many stayed `unknown` and under which names, so an
/// analyst can extend the actor table where it falls short.
public struct ActorClassTally: Sendable, Equatable {
    /// class → mentions.
    public private(set) var mentions: [ControlClass: Int] = [:]
    /// Mentions classed with confidence below 1 (e.g. unidentified armed groups as gangs).
    public private(set) var lowConfidence = 0
    private var unknownNames: [String: Int] = [:]
    /// Classifications already made in this run, with its one classifier.
    private var memo = ClassificationMemo()

    public init() {}

    public var unknown: Int { mentions[.unknown] ?? 0 }
    public var total: Int { mentions.values.reduce(0, +) }

    public mutating func add(_ incident: Incident, classifier: ActorClassifier) {
        for (actor, inter) in [(incident.actor1, incident.inter1), (incident.actor2, incident.inter2)] {
            // No actor: no name and no inter code, or ACLED's inter 0 for an event without a second actor.
            guard actor != nil || (inter ?? 0) != 0 else { continue }
            let c = memo.classification(classifier, actor: actor, inter: inter, country: incident.country)
            mentions[c.actorClass, default: 0] += 1
            if c.actorClass == .unknown { unknownNames[actor ?? "(no name)", default: 0] += 1 }
            else if c.confidence < 1 { lowConfidence += 1 }
        }
    }

    /// The most frequent names left `unknown`, most frequent first.
    public func topUnknown(_ n: Int = 5) -> [(name: String, mentions: Int)] {
        unknownNames.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(n).map { ($0.key, $0.value) }
    }

    public static func == (a: ActorClassTally, b: ActorClassTally) -> Bool {
        a.mentions == b.mentions && a.lowConfidence == b.lowConfidence && a.unknownNames == b.unknownNames
    }

    /// `actors: gang 120, state 40, civilian 80, unknown 3 (top unknown: X 2, Y 1); 12 classed with lower confidence`.
    public var description: String {
        let order = ControlClass.actorClasses
        var s = "actor mentions by class: " + order.compactMap { c in mentions[c].map { "\(c) \($0)" } }.joined(separator: ", ")
        if unknown > 0 { s += " (top unknown: " + topUnknown().map { "\($0.name) \($0.mentions)" }.joined(separator: ", ") + "; extend the table with --actors)" }
        if lowConfidence > 0 { s += "; \(lowConfidence) classed with lower confidence (e.g. unidentified armed groups as gangs)" }
        return s
    }
}
