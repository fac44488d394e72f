/// ACLED's six event types (Codebook, 2023), and any other text an input gives as one (`.other`, kept as written).
public enum ACLEDEventType: Hashable, Sendable {
    case battles, violenceAgainstCivilians, explosions, riots, protests, strategicDevelopments
    case other(String)

    /// The six, in the codebook's order.
    public static let known: [ACLEDEventType] = [.battles, .violenceAgainstCivilians, .explosions, .riots, .protests, .strategicDevelopments]

    /// The type `text` names, in any case (`"battles"` is `.battles`); anything else is `.other(text)`.
    public init(_ text: String) {
        self = Self.byName[text] ?? Self.byName[text.lowercased()] ?? .other(text)
    }

    /// ACLED's spelling ("Violence against civilians"), or the text as written.
    public var name: String {
        switch self {
        case .battles: ACLEDTaxonomy.battles
        case .violenceAgainstCivilians: ACLEDTaxonomy.violenceAgainstCivilians
        case .explosions: ACLEDTaxonomy.explosions
        case .riots: ACLEDTaxonomy.riots
        case .protests: ACLEDTaxonomy.protests
        case .strategicDevelopments: ACLEDTaxonomy.strategicDevelopments
        case .other(let text): text
        }
    }

    private static let byName: [String: ACLEDEventType] = {
        var out: [String: ACLEDEventType] = [:]
        for t in known { out[t.name] = t; out[t.name.lowercased()] = t }
        return out
    }()
}
