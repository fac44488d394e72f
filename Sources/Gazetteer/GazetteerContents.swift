import Foundation
import Zones

/// What a ``Gazetteer`` indexes, gathered before it is built: places in order, the alias table, and optional
/// boundaries (whose zones become places and give matches their zone chain). A value: add to it, then hand it to
/// ``Gazetteer/init(_:indexNow:)``, which never changes it.
public struct GazetteerContents: Sendable {
    public private(set) var places: [Place] = []
    public private(set) var aliases = AliasTable()
    /// The boundaries given with ``add(zones:)`` (the last call's set).
    public private(set) var zones: ZoneSet?

    public init(places: [Place] = []) {
        self.places = places
    }

    public mutating func add(_ newPlaces: [Place]) {
        places.append(contentsOf: newPlaces)
    }

    /// Merges `table` over the aliases added so far.
    public mutating func add(aliases table: AliasTable) {
        aliases.merge(table)
    }

    /// Adds every zone of every layer as a place (names in all languages and alternate names; the representative
    /// point as coordinate); the finest layer gives matches their zone chain.
    public mutating func add(zones set: ZoneSet) {
        zones = set
        add(Self.places(of: set))
    }

    /// The zones of `set` as places, layer by layer.
    static func places(of set: ZoneSet) -> [Place] {
        var zonePlaces: [Place] = []
        for layer in set.layers {
            for z in layer.zones {
                // Some boundary cells hold several names, one per line ("4e Section Boucan Bois Pin\n4e  Section Boucan Bo*").
                let lines = (Array(z.names.values) + z.alternateNames).flatMap { $0.split(whereSeparator: \.isNewline) }
                    .map(trimmed).filter { !$0.isEmpty }
                var names: [String] = []
                for n in lines where n != z.name && !names.contains(n) { names.append(n) }
                names = names.filter { !z.alternateNames.contains($0) }.sorted() + names.filter { z.alternateNames.contains($0) }
                zonePlaces.append(Place(id: z.id, name: z.name, alternateNames: names, kind: .adminZone, source: "zones:\(layer.level)",
                                        coordinate: z.representativePoint, population: z.population.flatMap { Int(exactly: $0.rounded()) },
                                        zoneLevel: layer.level))
            }
        }
        return zonePlaces
    }

    /// A line without the white space around it.
    private static func trimmed(_ line: Substring) -> String {
        guard let first = line.firstIndex(where: { !$0.isWhitespace }), let last = line.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(line[first...last])
    }
}
