import Foundation

/// What ACLED's actor names say by their form alone (ACLED Codebook: actor
/// names carry the country and often the period, `Police Forces of Kenya (2022-)`,
/// `Civilians (Kenya)`, `Unidentified Armed Group (Kenya)`).
public enum ACLEDActorName {
    /// The inter code a name's form implies, or nil: used only to put the two sides of a
    /// text `interaction` (`Rioters-State forces`) on the right actors.
    public static func interGuess(_ name: String?) -> Int? {
        guard let n = name?.lowercased(), !n.isEmpty else { return nil }
        if n.hasPrefix("civilians") || n.hasPrefix("prisoners") { return 7 }
        if n.hasPrefix("protesters") { return 6 }
        if n.hasPrefix("rioters") { return 5 }
        if n.hasSuffix(" gang") || n.contains(" gang ") || n.hasPrefix("unidentified gang") || n.hasPrefix("unidentified armed group") { return 3 }
        if n.contains("communal militia") { return 4 }
        if n.hasPrefix("police forces of") || n.hasPrefix("military forces of") || n.hasPrefix("government of") { return 1 }
        return nil
    }

    /// `Police Forces of Kenya (2022-)` → `Kenya`; `Military Forces of the United States (2021-2025)` → `United States`;
    /// nil when the name is not of the form `… of COUNTRY (…)`.
    public static func country(afterOf name: String) -> String? {
        guard let r = name.range(of: " of ", options: .caseInsensitive) else { return nil }
        var rest = name[r.upperBound...]
        if rest.lowercased().hasPrefix("the ") { rest = rest.dropFirst(4) }
        let end = rest.firstIndex(of: "(") ?? rest.endIndex
        let c = String(rest[..<end]).trimmingCharacters(in: Set<Character>([" "]))
        return c.isEmpty ? nil : c
    }

    /// `Unidentified Armed Group (Nigeria)` → `Nigeria`: the last parenthesised part that is not a period.
    public static func parenthesisedCountry(_ name: String) -> String? {
        var out: String?
        var rest = Substring(name)
        while let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
            let inside = String(rest[rest.index(after: open)..<close]).trimmingCharacters(in: Set<Character>([" "]))
            if !inside.isEmpty, !inside.allSatisfy({ $0.isNumber || $0 == "-" }) { out = inside }
            rest = rest[rest.index(after: close)...]
        }
        return out
    }
}
