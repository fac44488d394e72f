/// Transparent rules from words to ACLED event types. Each rule is a set of
/// trigger words (normalised, accents removed); a sentence's flags decide the
/// type once all sentences of one event are merged.
enum EventRules {
    struct Flags: OptionSet, Hashable {
        let rawValue: Int
        static let protest = Flags(rawValue: 1 << 0)
        static let intervention = Flags(rawValue: 1 << 1)
        static let riot = Flags(rawValue: 1 << 2)
        static let attack = Flags(rawValue: 1 << 3)
        static let killing = Flags(rawValue: 1 << 4)
        static let arson = Flags(rawValue: 1 << 5)
        static let abduction = Flags(rawValue: 1 << 6)
        static let clash = Flags(rawValue: 1 << 7)
        static let territory = Flags(rawValue: 1 << 8)
        static let prisonBreak = Flags(rawValue: 1 << 9)
        static let sexualViolence = Flags(rawValue: 1 << 10)

        static let event: Flags = [.protest, .riot, .attack, .killing, .arson, .abduction, .clash, .territory, .prisonBreak, .sexualViolence]
    }

    static let single: [String: Flags] = [
        "marched": .protest, "march": .protest, "marches": .protest, "protest": .protest, "protests": .protest, "protested": .protest,
        "protesters": .protest, "protestors": .protest, "demonstrators": .protest, "demonstration": .protest, "demonstrations": .protest,
        "rally": .protest, "manifestation": .protest, "manifestants": .protest,
        "dispersed": .intervention,
        "barricaded": .riot, "barricades": .riot, "barricade": .riot, "rioters": .riot, "looted": .riot,
        "attacked": .attack, "attack": .attack, "attacks": .attack, "stormed": .attack, "raided": .attack, "raid": .attack,
        "assault": .attack, "assaulted": .attack, "invaded": .attack, "attaque": .attack, "attaquer": .attack,
        "killed": .killing, "killing": .killing, "massacre": .killing, "massacred": .killing, "executed": .killing,
        "stabbed": .killing, "tue": .killing, "tues": .killing, "tuees": .killing, "morts": .killing, "dead": .killing,
        "torched": .arson, "burned": .arson, "burnt": .arson, "incendie": .arson, "incendies": .arson, "incendier": .arson, "ablaze": .arson,
        "kidnapped": .abduction, "abducted": .abduction, "kidnapping": .abduction, "kidnappings": .abduction, "kidnappe": .abduction,
        "enleve": .abduction, "enleves": .abduction,
        "clash": .clash, "clashed": .clash, "clashes": .clash, "fought": .clash, "gunfight": .clash, "shootout": .clash,
        "affrontement": .clash, "affrontements": .clash,
        "freed": .prisonBreak, "escaped": .prisonBreak, "jailbreak": .prisonBreak,
        "raped": .sexualViolence, "rape": .sexualViolence,
    ]

    /// Two- and three-word triggers.
    static let phrases: [([String], Flags)] = [
        (["tear", "gas"], .intervention), (["riot", "police"], .intervention), (["live", "bullets"], .intervention),
        (["rubber", "bullets"], .intervention), (["water", "cannon"], .intervention), (["gaz", "lacrymogene"], .intervention),
        (["tires", "burned"], .riot), (["tyres", "burned"], .riot), (["burning", "tires"], .riot), (["burning", "tyres"], .riot),
        (["pneus", "enflammes"], .riot), (["some", "armed"], .riot),
        (["set", "fire"], .arson), (["opened", "fire"], .attack),
        (["seized", "control"], .territory), (["took", "control"], .territory), (["taken", "control"], .territory),
        (["overran"], .territory), (["prison", "break"], .prisonBreak), (["broke", "out"], .prisonBreak),
        (["exchange", "of", "fire"], .clash),
    ]

    static func flags(_ words: [String]) -> Flags {
        var f: Flags = []
        for (i, w) in words.enumerated() {
            guard let x = single[w] else { continue }
            // "assault rifles", "attack helicopter": weapons, not events.
            if i + 1 < words.count, ["rifle", "rifles", "weapons", "weapon", "helicopter", "helicopters", "dogs"].contains(words[i + 1]) { continue }
            f.formUnion(x)
        }
        for (p, x) in phrases where !p.isEmpty && p.count <= words.count && !f.isSuperset(of: x) {
            for i in 0...(words.count - p.count) where words[i] == p[0] && words[i..<(i + p.count)].elementsEqual(p) { f.formUnion(x); break }
        }
        // "clashed with riot police" in a protest is the protesters fighting back.
        return f
    }

    /// Event type and sub-event type for merged flags and the classes of the actors involved.
    static func classify(_ f: Flags, perpetratorClass: String?, targetClasses: Set<String>) -> (String, String) {
        if f.contains(.protest) || (f.contains(.riot) && !f.contains(.attack)) {
            if f.contains(.riot) || (f.contains(.clash) && f.contains(.protest)) { return (ACLEDTaxonomy.riots, "Violent demonstration") }
            if f.contains(.intervention) { return (ACLEDTaxonomy.protests, "Protest with intervention") }
            return (ACLEDTaxonomy.protests, "Peaceful protest")
        }
        if f.contains(.territory) { return (ACLEDTaxonomy.battles, "Non-state actor overtakes territory") }
        let armedTarget = !targetClasses.isDisjoint(with: ["state", "international"])
        if f.contains(.clash) || (armedTarget && (f.contains(.attack) || f.contains(.killing))) {
            return (ACLEDTaxonomy.battles, "Armed clash")
        }
        if f.contains(.sexualViolence) { return (ACLEDTaxonomy.violenceAgainstCivilians, "Sexual violence") }
        if f.contains(.abduction) && !f.contains(.killing) { return (ACLEDTaxonomy.violenceAgainstCivilians, "Abduction/forced disappearance") }
        if f.contains(.attack) || f.contains(.killing) { return (ACLEDTaxonomy.violenceAgainstCivilians, "Attack") }
        return (ACLEDTaxonomy.strategicDevelopments, "Looting/property destruction")
    }
}
