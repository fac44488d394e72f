import Foundation

/// A level a country's boundaries do not carry but its zone ids imply: the zones of `source` grouped by the first
/// `prefixLength` characters of their id and dissolved (arrondissements as communes grouped by 5
/// characters: `HT011` = `HT0111`…`HT0118`). Given by a country profile (`derived-level`), never assumed.
public struct DerivedLevel: Sendable, Equatable {
    public var level: ZoneLevel
    public var source: ZoneLevel
    public var prefixLength: Int
    /// The word a group's name starts with ("Arrondissement" → "Arrondissement de Jacmel"); nil: the head member's name.
    public var title: String?

    public init(level: ZoneLevel, source: ZoneLevel, prefixLength: Int, title: String? = nil) {
        self.level = level
        self.source = source
        self.prefixLength = prefixLength
        self.title = title
    }

    /// `level source prefix-length [title]`, as a profile writes it: `arrondissement adm2 5 Arrondissement`.
    public init?(profileValue: String) {
        let w = profileValue.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard w.count >= 3, let n = Int(w[2]), n > 0 else { return nil }
        self.init(level: ZoneLevel(w[0]), source: ZoneLevel(w[1]), prefixLength: n, title: w.count > 3 ? w[3...].joined(separator: " ") : nil)
    }

    /// A group's name from its head member's: with a title, French style ("Arrondissement de Jacmel", "Arrondissement
    /// d'Anse-à-Veau": elision before a vowel or a mute h).
    public func name(head: String) -> String {
        guard let title else { return head }
        let first = head.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).first
        return title + ("aeiouyh".contains(first ?? "x") ? " d'" : " de ") + head
    }

    /// The zone id of `zone`'s group, when `zone` is of the source level.
    func groupID(of zone: Zone) -> String? {
        zone.level == source ? String(zone.id.prefix(prefixLength)) : nil
    }
}
