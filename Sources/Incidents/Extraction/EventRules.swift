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
        static let arrest = Flags(rawValue: 1 << 11)
        /// Residents killing or burning suspects themselves ("residents caught wounded gunmen and burned them").
        static let mob = Flags(rawValue: 1 << 12)
        static let agreement = Flags(rawValue: 1 << 13)

        static let event: Flags = [.protest, .riot, .attack, .killing, .arson, .abduction, .clash, .territory, .prisonBreak, .sexualViolence,
                                   .arrest, .mob, .agreement]
        /// The acts of armed violence (what makes an arrest or a truce part of a fight rather than an event of its own).
        static let violence: Flags = [.attack, .killing, .clash, .territory, .prisonBreak, .sexualViolence, .abduction, .mob]
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
        "struck": .attack, "attaques": .attack, "attaquent": .attack, "assaut": .attack,
        "envahi": .attack, "envahit": .attack, "envahissent": .attack, "chasse": .attack, "chasses": .attack, "tirs": .attack,
        "fusillade": .attack, "assassine": .killing, "assassines": .killing, "abattu": .killing, "abattus": .killing, "tuent": .killing,
        "incendient": .arson, "incendiee": .arson, "incendiees": .arson, "brule": .arson, "brules": .arson,
        "brulees": .arson, "enlevement": .abduction, "enlevements": .abduction, "manifeste": .protest, "manifestent": .protest,
        "lynched": .mob, "lynching": .mob, "lynchage": .mob, "lynches": .mob, "vigilantes": .mob, "vigilante": .mob,
        "arrested": .arrest, "arrest": .arrest, "arrests": .arrest, "arrete": .arrest, "arretes": .arrest, "arrestation": .arrest,
        "arrestations": .arrest, "interpelle": .arrest, "interpelles": .arrest,
        "shot": .attack, "firefight": .clash, "gunbattle": .clash, "manifestaient": .protest, "manifestait": .protest,
        "manifester": .protest, "manifestations": .protest, "protestaient": .protest,
        "massacres": .killing, "massacrees": .killing, "massacree": .killing, "massakre": .killing,
        "truce": .agreement, "ceasefire": .agreement, "treve": .agreement,
        // Kreyòl
        "atake": .attack, "tire": .attack, "touye": .killing, "kidnape": .abduction, "boule": .arson, "manifestasyon": .protest,
        "libere": .prisonBreak, "arete": .arrest, "fizyad": .clash,
    ]

    /// Words before a month's name ("since March", "in early March").
    static let monthContext: Set<String> = ["since", "in", "until", "till", "early", "late", "mid", "of", "from", "by", "last", "this", "next",
                                            "before", "after", "during", "end"]

    /// Residents who act themselves: a violent verb within four words after one of these is mob violence.
    static let residents: Set<String> = ["residents", "locals", "villagers", "habitants", "riverains", "moun", "abitan", "crowd", "mob", "foule"]
    static let crowdVerbs: Set<String> = ["stoned", "lynched", "lapide", "lapides", "lynche", "lynches"]
    static let mobVerbs: Set<String> = ["burned", "burnt", "killed", "lynched", "beat", "caught", "stoned", "hacked", "brule", "brules",
                                        "lapide", "lapides", "lynche", "boule", "touye"]

    /// Two- and three-word triggers.
    static let phrases: [([String], Flags)] = [
        (["tear", "gas"], .intervention), (["riot", "police"], .intervention), (["live", "bullets"], .intervention),
        (["rubber", "bullets"], .intervention), (["water", "cannon"], .intervention), (["gaz", "lacrymogene"], .intervention),
        (["tires", "burned"], .riot), (["tyres", "burned"], .riot), (["burning", "tires"], .riot), (["burning", "tyres"], .riot),
        (["pneus", "enflammes"], .riot), (["some", "armed"], .riot),
        (["set", "fire"], .arson), (["opened", "fire"], .attack),
        (["seized", "control"], .territory), (["took", "control"], .territory), (["taken", "control"], .territory),
        (["overran"], .territory), (["prison", "break"], .prisonBreak), (["broke", "out"], .prisonBreak),
        (["exchange", "of", "fire"], .clash), (["echanges", "de", "tirs"], .clash), (["broke", "into"], .attack),
        (["on", "fire"], .arson), (["forced", "their", "way"], .attack), (["shot", "dead"], .killing), (["gun", "battle"], .clash), (["got", "out"], .prisonBreak), (["taken", "back"], .territory), (["took", "back"], .territory),
        (["cease", "fire"], .agreement), (["peace", "deal"], .agreement), (["fe", "dife"], .arson), (["mete", "dife"], .arson),
    ]

    static func flags(_ words: [String]) -> Flags {
        var f: Flags = []
        for (i, w) in words.enumerated() {
            guard let x = single[w] else { continue }
            // "March 30", "30 march", "since March": a date, not a march.
            if w == "march", (i + 1 < words.count && Int(words[i + 1]) != nil)
                || (i > 0 && (Int(words[i - 1]) != nil || monthContext.contains(words[i - 1]))) { continue }
            // "assault rifles", "attack helicopter": weapons, not events.
            if i + 1 < words.count, ["rifle", "rifles", "weapons", "weapon", "helicopter", "helicopters", "dogs"].contains(words[i + 1]) { continue }
            f.formUnion(x)
        }
        for (p, x) in phrases where !p.isEmpty && p.count <= words.count && !f.isSuperset(of: x) {
            for i in 0...(words.count - p.count) where words[i] == p[0] && words[i..<(i + p.count)].elementsEqual(p) { f.formUnion(x); break }
        }
        // Residents who kill or burn suspects themselves.
        // (Stoning and lynching are a crowd's acts wherever in the sentence the crowd is named.)
        for (i, w) in words.enumerated() where residents.contains(w) {
            if words[(i + 1)..<min(words.count, i + 5)].contains(where: { mobVerbs.contains($0) })
                || words[(i + 1)...].contains(where: { crowdVerbs.contains($0) }) { f.insert(.mob); break }
        }
        return f
    }

    /// Event type and sub-event type for merged flags and the classes of the actors involved.
    static func classify(_ f: Flags, perpetratorClass: ControlClass?, targetClasses: Set<ControlClass>) -> (String, String) {
        if f.contains(.protest) || (f.contains(.riot) && !f.contains(.attack)) {
            if f.contains(.riot) || (f.contains(.clash) && f.contains(.protest)) { return (ACLEDTaxonomy.riots, "Violent demonstration") }
            if f.contains(.intervention) { return (ACLEDTaxonomy.protests, "Protest with intervention") }
            return (ACLEDTaxonomy.protests, "Peaceful protest")
        }
        if f.contains(.mob) { return (ACLEDTaxonomy.riots, "Mob violence") }
        if f.contains(.territory) { return (ACLEDTaxonomy.battles, "Non-state actor overtakes territory") }
        // A prison stormed: the guards are the state's forces.
        if f.contains(.prisonBreak), !f.isDisjoint(with: [.attack, .arson, .killing, .clash]) { return (ACLEDTaxonomy.battles, "Armed clash") }
        let armedTarget = !targetClasses.isDisjoint(with: [.state, .international])
        if f.contains(.clash) || (armedTarget && (f.contains(.attack) || f.contains(.killing))) {
            return (ACLEDTaxonomy.battles, "Armed clash")
        }
        if f.contains(.sexualViolence) { return (ACLEDTaxonomy.violenceAgainstCivilians, "Sexual violence") }
        if f.contains(.abduction) && !f.contains(.killing) { return (ACLEDTaxonomy.violenceAgainstCivilians, "Abduction/forced disappearance") }
        if f.contains(.attack) || f.contains(.killing) { return (ACLEDTaxonomy.violenceAgainstCivilians, "Attack") }
        if f.contains(.agreement) { return (ACLEDTaxonomy.strategicDevelopments, "Agreement") }
        if f.contains(.arrest) { return (ACLEDTaxonomy.strategicDevelopments, "Arrests") }
        if f.contains(.prisonBreak) { return (ACLEDTaxonomy.strategicDevelopments, "Other") }
        return (ACLEDTaxonomy.strategicDevelopments, "Looting/property destruction")
    }
}
