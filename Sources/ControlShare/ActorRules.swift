import Foundation
import Gazetteer
import Incidents

/// Rules that class ACLED actor names by their form (`Geo/actors/acled-actor-rules.csv`):
/// `… Gang` is a gang, `Police Forces of X (…)` is the state where X is the
/// event's country and international elsewhere, and so on. The first rule
/// that matches wins.
public struct ActorRules: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case word, suffix, prefix, contains
        case ofHome = "of-home"
        case ofForeign = "of-foreign"
    }

    public struct Rule: Sendable, Equatable {
        public let kind: Kind
        /// Lower-case, accents folded.
        public let pattern: String
        public let actorClass: ControlClass
        public let confidence: Double
    }

    public let rules: [Rule]

    public init(rules: [Rule]) { self.rules = rules }

    /// No rules: classing falls to the name table and the ACLED category.
    public static let none = ActorRules(rules: [])

    /// Reads CSV `kind,pattern,class,confidence[,why]` (`#` comments, header optional).
    public init(path: String) throws {
        let table = try SmallTable(path: path, what: "actor rules", header: "kind")
        var rules: [Rule] = []
        for (line, f) in table.rows {
            func fail(_ column: String?, _ reason: String) -> IncidentRowError { table.error(line: line, column: column, reason) }
            guard f.count >= 3 else { throw fail(nil, "expected 'kind,pattern,class[,confidence,why]'") }
            guard let kind = Kind(rawValue: f[0].lowercased()) else {
                throw fail("kind", "unknown kind '\(f[0])' (one of \(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard !f[1].isEmpty else { throw fail("pattern", "empty pattern") }
            guard ActorClassifier.allClasses.contains(ControlClass(f[2])) else {
                throw fail("class", "unknown class '\(f[2])' (one of \(ActorClassifier.allClasses.map(\.rawValue).sorted().joined(separator: ", ")))")
            }
            var confidence = 1.0
            if f.count >= 4, !f[3].isEmpty {
                guard let c = Double(f[3]), (0...1).contains(c) else { throw fail("confidence", "'\(f[3])' is not a number within 0–1") }
                confidence = c
            }
            rules.append(Rule(kind: kind, pattern: Self.fold(f[1]), actorClass: ControlClass(f[2]), confidence: confidence))
        }
        self.init(rules: rules)
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The first rule matching `name` (an actor of an event in `country`), or nil.
    public func match(_ name: String, country: String?) -> Rule? {
        let folded = Self.fold(name)
        var words: [String]?
        for r in rules {
            switch r.kind {
            case .prefix: if folded.hasPrefix(r.pattern) { return r }
            case .suffix:
                // The name's last words before any trailing "(…)" groups: "Unidentified Gang (Country)" ends with "gang".
                var core = Substring(folded)
                while core.hasSuffix(")"), let open = core.lastIndex(of: "(") { core = core[..<open].dropLast(while: { $0 == " " }) }
                let w = NameNormalizer.rawTokens(String(core)), p = NameNormalizer.rawTokens(r.pattern)
                if !p.isEmpty, w.count >= p.count, Array(w.suffix(p.count)) == p { return r }
            case .contains: if folded.contains(r.pattern) { return r }
            case .word:
                if words == nil { words = NameNormalizer.rawTokens(name) }
                let p = NameNormalizer.rawTokens(r.pattern)
                if !p.isEmpty, let w = words, w.count >= p.count,
                   (0...(w.count - p.count)).contains(where: { Array(w[$0..<($0 + p.count)]) == p }) { return r }
            case .ofHome, .ofForeign:
                guard let country, folded.hasPrefix(r.pattern + " of "), let c = ACLEDActorName.country(afterOf: name) else { continue }
                let home = Self.fold(c) == Self.fold(country)
                if home == (r.kind == .ofHome) { return r }
            }
        }
        return nil
    }
}

extension Substring {
    func dropLast(while predicate: (Character) -> Bool) -> Substring {
        var s = self
        while let l = s.last, predicate(l) { s.removeLast() }
        return s
    }
}
