/// ACLED's event taxonomy and export layout (ACLED Codebook, 2023 edition):
/// six event types, 25 sub-event types, disorder types and inter codes.
public enum ACLEDTaxonomy {
    public static let battles = "Battles"
    public static let violenceAgainstCivilians = "Violence against civilians"
    public static let explosions = "Explosions/Remote violence"
    public static let riots = "Riots"
    public static let protests = "Protests"
    public static let strategicDevelopments = "Strategic developments"

    /// Sub-event type → event type (the 25 of the codebook).
    public static let eventTypeOfSubEvent: [String: String] = [
        "Armed clash": battles, "Government regains territory": battles, "Non-state actor overtakes territory": battles,
        "Chemical weapon": explosions, "Air/drone strike": explosions, "Suicide bomb": explosions,
        "Shelling/artillery/missile attack": explosions, "Remote explosive/landmine/IED": explosions, "Grenade": explosions,
        "Sexual violence": violenceAgainstCivilians, "Attack": violenceAgainstCivilians,
        "Abduction/forced disappearance": violenceAgainstCivilians,
        "Peaceful protest": protests, "Protest with intervention": protests, "Excessive force against protesters": protests,
        "Violent demonstration": riots, "Mob violence": riots,
        "Agreement": strategicDevelopments, "Arrests": strategicDevelopments, "Change to group/activity": strategicDevelopments,
        "Disrupted weapons use": strategicDevelopments, "Headquarters or base established": strategicDevelopments,
        "Looting/property destruction": strategicDevelopments, "Non-violent transfer of territory": strategicDevelopments,
        "Other": strategicDevelopments,
    ]

    public static let eventTypes: [String] = [battles, violenceAgainstCivilians, explosions, riots, protests, strategicDevelopments]

    /// ACLED's event types before its 2019 taxonomy (version 5 and earlier), lower case → the 2019 event type and,
    /// where the old type says it, the sub-event type. "Riots/Protests" splits by the actors' inter codes (rioters 5:
    /// Riots; else Protests): ``version5Riots``.
    public static let version5EventTypes: [String: (eventType: String, subEventType: String?)] = [
        "battle-no change of territory": (battles, "Armed clash"),
        "battle-government regains territory": (battles, "Government regains territory"),
        "battle-non-state actor overtakes territory": (battles, "Non-state actor overtakes territory"),
        "remote violence": (explosions, nil),
        "violence against civilians": (violenceAgainstCivilians, nil),
        "riots/protests": (version5Riots, nil),
        "strategic development": (strategicDevelopments, nil),
        "headquarters or base established": (strategicDevelopments, "Headquarters or base established"),
        "non-violent transfer of territory": (strategicDevelopments, "Non-violent transfer of territory"),
    ]
    /// The placeholder ``version5EventTypes`` gives "Riots/Protests" until the inter codes decide.
    public static let version5Riots = "Riots/Protests"

    /// ACLED's spelling of an event type written in any case, or nil.
    public static func canonicalEventType(_ text: String) -> String? {
        if eventTypes.contains(text) { return text }
        return eventTypeByLowercase[text.lowercased()]
    }

    /// ACLED's spelling of a sub-event type written in any case, or nil.
    public static func canonicalSubEventType(_ text: String) -> String? {
        if eventTypeOfSubEvent[text] != nil { return text }
        return subEventTypeByLowercase[text.lowercased()]
    }

    private static let eventTypeByLowercase: [String: String] = Dictionary(eventTypes.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    private static let subEventTypeByLowercase: [String: String] =
        Dictionary(eventTypeOfSubEvent.keys.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })

    /// The disorder type ACLED gives each event type.
    public static func disorderType(of eventType: String) -> String {
        switch eventType {
        case protests, riots: "Demonstrations"
        case strategicDevelopments: "Strategic developments"
        default: "Political violence"
        }
    }

    /// Inter codes: 1 state forces, 2 rebel groups, 3 political militias,
    /// 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
    public static let interNames: [Int: String] = [
        1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias",
        5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces",
    ]

    /// ACLED's interaction code: the two inter codes, smaller first (e.g. 13), or 10·inter1 alone.
    public static func interaction(_ a: Int?, _ b: Int?) -> Int? {
        switch (a, b) {
        case let (x?, y?): min(x, y) * 10 + max(x, y)
        case let (x?, nil): x * 10
        default: nil
        }
    }

    /// The columns of an ACLED export, in order.
    public static let columns: [String] = [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
        "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ]

    /// ACLED's and IncidentMap's column names: anything else read is an extra property.
    public static let knownColumns: Set<String> = Set(columns + ownColumns)

    /// IncidentMap's own columns, written after ACLED's.
    public static let ownColumns: [String] = [
        "id", "zone_chain", "killed", "injured", "abducted", "displaced", "freed", "confidence", "source_url",
        "extracted_from", "geocoded",
    ]
}
