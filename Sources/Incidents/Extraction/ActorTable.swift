import Foundation
import Gazetteer

/// Actor names and classes (`Geo/actors/haiti-actors.csv`): how to recognise
/// an actor in text or in an ACLED actor column, and what to call it.
public struct ActorTable: Sendable {
    public struct Entry: Sendable, Equatable {
        /// Normalised pattern words.
        public let pattern: [String]
        public let actor: String
        /// One of ``ControlClass/actorClasses``.
        public let actorClass: ControlClass
        public let inter: Int?
    }

    /// Longest patterns first, so "National Police" wins over "police".
    public let entries: [Entry]

    /// Entry indices by their pattern's first word, in ``entries`` order.
    private let byFirstWord: [String: [Int]]

    public init(entries: [Entry]) {
        self.entries = entries.sorted { $0.pattern.count > $1.pattern.count }
        var index: [String: [Int]] = [:]
        for (k, e) in self.entries.enumerated() where !e.pattern.isEmpty { index[e.pattern[0], default: []].append(k) }
        byFirstWord = index
    }

    /// Reads CSV `pattern,actor,class,inter` (`#` comments, header optional).
    public init(path: String) throws {
        let table = try SmallTable(path: path, what: "actor table", header: "pattern")
        var entries: [Entry] = []
        for (line, f) in table.rows {
            guard f.count >= 2, !f[0].isEmpty else {
                throw table.error(line: line, "expected 'pattern,class' or 'pattern,actor,class,inter'")
            }
            // Two columns (pattern,class) as the issue's --actors format; four for the full table.
            let actor = f.count >= 3 ? f[1] : f[0]
            let cls = f.count >= 3 ? f[2] : f[1]
            let known = ControlClass.actorClasses
            guard known.contains(ControlClass(cls)) else {
                throw table.error(line: line, column: "class", "unknown class '\(cls)' (one of \(known.map(\.rawValue).joined(separator: ", ")))")
            }
            entries.append(Entry(pattern: NameNormalizer.rawTokens(f[0]), actor: actor, actorClass: ControlClass(cls), inter: f.count >= 4 ? Int(f[3]) : nil))
        }
        self.init(entries: entries)
    }

    /// The actors named in `words` (normalised), with the word index where each starts.
    /// Longer patterns claim their words first (each entry in table order, left to right). The candidates are found
    /// through the first-word index, so the cost follows the words and the few entries each word starts, not the
    /// table's size times the text's.
    func find(in words: [String]) -> [(entry: Entry, at: Int)] {
        var matches: [(entry: Int, at: Int)] = []
        for (i, w) in words.enumerated() {
            guard let ks = byFirstWord[w] else { continue }
            for k in ks {
                let p = entries[k].pattern
                if i + p.count <= words.count, words[i..<(i + p.count)].elementsEqual(p) { matches.append((k, i)) }
            }
        }
        matches.sort { $0.entry != $1.entry ? $0.entry < $1.entry : $0.at < $1.at }
        var out: [(Entry, Int)] = []
        var taken = [Bool](repeating: false, count: words.count)
        for (k, i) in matches where !taken[i] {
            out.append((entries[k], i))
            for j in i..<(i + entries[k].pattern.count) { taken[j] = true }
        }
        return out.sorted { $0.1 < $1.1 }
    }

    /// The class of an actor name (e.g. an ACLED `actor1` value), or `unknown`.
    public func classify(_ name: String) -> Entry? {
        find(in: NameNormalizer.rawTokens(name)).first?.entry
    }
}
