import Incidents

/// Puts actors into classes: the controlling ones (`gang`, `state`,
/// `international`, `self_defense`) and `private_security`, `civilian`,
/// `protester`, `unknown`.
///
/// In order, the first that answers wins:
/// 1. a class name given as the actor (`gang`);
/// 2. ACLED's naming conventions (``ActorRules``, `Geo/actors/acled-actor-rules.csv`):
///    `… Gang` is a gang whatever else it says; `Police/Military Forces of X` is the
///    state where X is the event's country, international elsewhere;
///    `Unidentified Armed Group (…)` a gang with confidence 0.6; communal militias and
///    Bwa Kale brigades self-defence;
/// 3. the name table (`Geo/actors/haiti-actors.csv`, or `--actors FILE`): named gangs,
///    coalitions, the MSS, the PNH;
/// 4. ACLED's actor category, from `inter1`/`inter2` (or split out of a text
///    `interaction`): 1 state, 2/3 gang (ACLED codes some countries' gangs as
///    political militias), 4 self-defence, 5/6 protester, 7 civilian, 8 international, with confidence 0.8.
public struct ActorClassifier: Sendable {
    public static let controllingClasses = ControlClass.controlling
    public static let allClasses = Set(ControlClass.actorClasses)

    public let table: ActorTable
    public let rules: ActorRules
    /// The country an actor's "of X" is compared with when the event names none (the profile's name; nil: an
    /// "of X" rule then applies only to events that name their country).
    public let homeCountry: String?

    public init(table: ActorTable, rules: ActorRules = .none, homeCountry: String? = nil) {
        self.table = table
        self.rules = rules
        self.homeCountry = homeCountry
    }

    /// A class and how much an event of the actor counts as evidence for it.
    public struct Classification: Sendable, Equatable {
        public let actorClass: ControlClass
        public let confidence: Double
        /// `class name`, `rule`, `table`, `category`, or `none`.
        public let via: String
    }

    public func classification(actor: String?, inter: Int?, country: String? = nil) -> Classification {
        if let actor, !actor.isEmpty {
            let lower = actor.lowercased()
            if Self.allClasses.contains(ControlClass(lower)) { return Classification(actorClass: ControlClass(lower), confidence: 1, via: "class name") }
            if let r = rules.match(actor, country: country ?? homeCountry) {
                return Classification(actorClass: r.actorClass, confidence: r.confidence, via: "rule")
            }
            if let e = table.classify(actor) { return Classification(actorClass: e.actorClass, confidence: 1, via: "table") }
        }
        let byCategory: ControlClass? = switch inter {
        case 1?: .state
        case 2?, 3?: .gang
        case 4?: .selfDefense
        case 5?, 6?: .protester
        case 7?: .civilian
        case 8?: .international
        default: nil
        }
        if let c = byCategory { return Classification(actorClass: c, confidence: 0.8, via: "category") }
        return Classification(actorClass: .unknown, confidence: 0, via: "none")
    }

    public func classify(actor: String?, inter: Int?, country: String? = nil) -> ControlClass {
        classification(actor: actor, inter: inter, country: country).actorClass
    }
}
