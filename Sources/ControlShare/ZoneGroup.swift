import Foundation
import GeoCore
import Gazetteer
import Incidents
import Zones

/// A zone made of zones: what a report means by a place whose boundary it
/// does not state ("90% of the capital"). Summarised like any zone: counts
/// are the members' sums, shares are estimated over the union.
public struct ZoneGroup: Sendable, Equatable {
    public let name: String
    /// The level of the members (a group applies where all its members are among the zones).
    public let level: ZoneLevel?
    public let members: [String]
    public let title: String
    public let aliases: [String]

    public init(name: String, level: ZoneLevel? = nil, members: [String], title: String? = nil, aliases: [String] = []) {
        self.name = name
        self.level = level
        self.members = members
        self.title = title ?? "\(name): \(members.joined(separator: ", "))"
        self.aliases = aliases
    }

    /// Parses `NAME=PCODE,PCODE,…` (the `--group` flag).
    public static func parse(_ text: String) throws -> ZoneGroup {
        let kv = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let members = kv.count == 2 ? kv[1].split(whereSeparator: { $0 == "," || $0 == " " }).map { String($0).uppercased() } : []
        guard kv.count == 2, !kv[0].isEmpty, !members.isEmpty else {
            throw IncidentRowError(file: "--group", line: 0, column: nil, reason: "'\(text)' is not NAME=PCODE,PCODE,…")
        }
        return ZoneGroup(name: kv[0], members: members)
    }

    /// Reads CSV `name,level,members[,title,aliases]` (members separated by spaces, aliases by ';').
    public static func read(path: String) throws -> [ZoneGroup] {
        let table = try SmallTable(path: path, what: "zone groups", header: "name")
        var out: [ZoneGroup] = []
        for (line, f) in table.rows {
            guard f.count >= 3, !f[0].isEmpty else { throw table.error(line: line, "expected name,level,members[,title,aliases]") }
            let members = f[2].split(separator: " ").map(String.init)
            guard !members.isEmpty else { throw table.error(line: line, column: "members", "no members") }
            out.append(ZoneGroup(name: f[0], level: f[1].isEmpty ? nil : ZoneLevel(f[1]), members: members, title: f.count > 3 && !f[3].isEmpty ? f[3] : nil,
                                 aliases: f.count > 4 ? f[4].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) } : []))
        }
        return out
    }

    /// The group as a zone over `zones` (nil when a member is missing there).
    public func zone(over zones: [Zone]) throws -> Zone? {
        let byID = Dictionary(zones.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let parts = members.compactMap { byID[$0] }
        guard parts.count == members.count, !parts.isEmpty else { return nil }
        let union = try Geometry.unaryUnion(parts.map(\.geometry))
        var names: [String: String] = [:]
        for (k, a) in aliases.enumerated() { names["alias\(k)"] = a }
        let population = parts.allSatisfy { $0.population != nil } ? parts.reduce(0) { $0 + ($1.population ?? 0) } : nil
        return try Zone(id: name, name: title, names: names, alternateNames: aliases, level: .group, parentID: nil, geometry: union,
                        population: population)
    }

    /// Whether a place named in a report means this group.
    public func isNamed(_ text: String) -> Bool {
        let key = NameNormalizer.key(text)
        return NameNormalizer.key(name) == key || aliases.contains { NameNormalizer.key($0) == key }
    }
}
