import Incidents

/// Puts actors into control classes: `gang`, `state`, `international`,
/// `self_defense`, `civilian`, `protester`, `unknown`.
///
/// By name first (the actor table: `Geo/actors/haiti-actors.csv`, or a user
/// CSV `pattern,class` given with `--actors`), then by ACLED inter code
/// (1 → state, 2/3 → gang, 4 → self_defense, 5/6 → protester, 7 → civilian,
/// 8 → international).
public struct ActorClassifier: Sendable {
    public static let controllingClasses = ["gang", "state", "international", "self_defense"]
    public let table: ActorTable

    public init(table: ActorTable) { self.table = table }

    public func classify(actor: String?, inter: Int?) -> String {
        if let actor, !actor.isEmpty {
            if ActorClassifier.allClasses.contains(actor.lowercased()) { return actor.lowercased() }
            if let e = table.classify(actor) { return e.actorClass }
        }
        switch inter {
        case 1?: return "state"
        case 2?, 3?: return "gang"
        case 4?: return "self_defense"
        case 5?, 6?: return "protester"
        case 7?: return "civilian"
        case 8?: return "international"
        default: return "unknown"
        }
    }

    static let allClasses: Set<String> = ["gang", "state", "international", "self_defense", "civilian", "protester", "unknown"]
}
