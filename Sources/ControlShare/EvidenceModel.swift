import Foundation
import Incidents

/// What each event says about who holds the ground where it happened (the
/// evidence model, `Geo/control/evidence-model.csv`; docs/control-share.md).
///
/// An event scores the class that *holds the place*, not the one that fired:
/// a gang's violence against civilians is gang ground, a police drone strike
/// lands on gang ground, a gang's attack on a police post is made where the
/// police hold, and police raids are active combat, counted as their own
/// share and never as control.
public struct EvidenceModel: Sendable {
    /// The ground classes in the surface's order; `civic` counts against gang control, for no armed side.
    public static let groundClasses = ControlClass.ground
    public static let version = "ground-v2"

    public enum Layer: String, Sendable { case ground, combat, none }

    public struct Rule: Sendable, Equatable {
        public let subEventType: String?          // nil: any
        public let actor1: Set<ControlClass>?      // nil: any
        public let actor2: Set<ControlClass>?
        public let layer: Layer
        /// A ground class, or "actor1"/"actor2".
        public let evidenceClass: String
        public let weight: Double
    }

    public let rules: [Rule]
    /// Where the rules came from (printed in the footer).
    public let source: String

    public init(rules: [Rule], source: String) {
        self.rules = rules
        self.source = source
    }

    /// One event's evidence: a ground class (index into ``groundClasses``) or combat, and a weight.
    public struct Evidence: Sendable, Equatable {
        public let layer: Layer
        public let classIndex: Int   // for ground evidence
        public let weight: Double
    }

    /// The evidence of an event, before its location precision and age are applied.
    public func evidence(subEventType: String?, actor1: ActorClassifier.Classification, actor2: ActorClassifier.Classification?) -> Evidence? {
        for r in rules {
            if let s = r.subEventType, s != subEventType { continue }
            if let a = r.actor1, !a.contains(actor1.actorClass) { continue }
            if let b = r.actor2, !b.contains(actor2?.actorClass ?? .unknown) { continue }
            switch r.layer {
            case .none: return nil
            case .combat: return r.weight > 0 ? Evidence(layer: .combat, classIndex: -1, weight: r.weight) : nil
            case .ground:
                let (cls, confidence): (ControlClass, Double) = switch r.evidenceClass {
                case "actor1": (actor1.actorClass, actor1.confidence)
                case "actor2": (actor2?.actorClass ?? .unknown, actor2?.confidence ?? 0)
                default: (ControlClass(r.evidenceClass), r.actor1 == nil ? 1 : actor1.confidence)
                }
                // private_security holds no side's ground: its positions are nobody's evidence.
                guard let k = Self.groundClasses.firstIndex(of: cls) else { return nil }
                let w = r.weight * confidence
                return w > 0 ? Evidence(layer: .ground, classIndex: k, weight: w) : nil
            }
        }
        return nil
    }

    /// Reads CSV `sub_event_type,actor1,actor2,layer,class,weight[,why]` (`#` comments, header optional).
    public init(path: String) throws {
        let table = try SmallTable(path: path, what: "evidence model", header: "sub_event_type")
        var rules: [Rule] = []
        for (line, f) in table.rows {
            func fail(_ column: String?, _ reason: String) -> IncidentRowError { table.error(line: line, column: column, reason) }
            guard f.count >= 6 else { throw fail(nil, "expected 'sub_event_type,actor1,actor2,layer,class,weight[,why]'") }
            var sub: String?
            if f[0] != "*" {
                guard let s = ACLEDTaxonomy.canonicalSubEventType(f[0]) else { throw fail("sub_event_type", "unknown ACLED sub-event type '\(f[0])'") }
                sub = s
            }
            func classes(_ s: String, _ column: String) throws -> Set<ControlClass>? {
                if s == "*" { return nil }
                let set = Set(s.split(separator: "|").map { ControlClass($0.trimmingCharacters(in: .whitespaces)) })
                for c in set where !ActorClassifier.allClasses.contains(c) {
                    throw fail(column, "unknown class '\(c)' (one of \(ActorClassifier.allClasses.map(\.rawValue).sorted().joined(separator: ", ")))")
                }
                return set
            }
            guard let layer = Layer(rawValue: f[3]) else { throw fail("layer", "'\(f[3])' is not ground, combat or none") }
            let groundNames = Self.groundClasses.map(\.rawValue) + ["actor1", "actor2"]
            if layer == .ground, !groundNames.contains(f[4]) {
                throw fail("class", "'\(f[4])' is not one of \(groundNames.joined(separator: ", "))")
            }
            guard let w = Double(f[5]), w >= 0, w.isFinite else { throw fail("weight", "'\(f[5])' is not a weight ≥ 0") }
            rules.append(Rule(subEventType: sub, actor1: try classes(f[1], "actor1"), actor2: try classes(f[2], "actor2"),
                              layer: layer, evidenceClass: f[4], weight: w))
        }
        self.init(rules: rules, source: path)
    }
}
