import Foundation
import GeoCore

extension ZoneLayer {
    /// Groups zones by the first `prefixLength` characters of their id and
    /// unions each group with GEOS (`GEOSUnaryUnion_r`).
    ///
    /// An arrondissement level can be the communes grouped by 5 characters
    /// (`HT011` = the communes `HT0111`…`HT0118`). A group is named after its
    /// member with the lowest id — in COD-AB the arrondissement's chef-lieu
    /// (`HT0111` for `HT011`) — and its parent is that member's
    /// parent. `naming` turns the head member's name into the group's name.
    public func dissolved(byPrefix prefixLength: Int, level: ZoneLevel, naming: (String) -> String = { $0 }) throws -> ZoneLayer {
        var groups: [String: [Zone]] = [:]
        for z in zones { groups[String(z.id.prefix(prefixLength)), default: []].append(z) }
        var out: [Zone] = []
        for key in groups.keys.sorted() {
            let members = groups[key]!.sorted { $0.id < $1.id }
            let union = try Geometry.unaryUnion(members.map(\.geometry))
            let polygons = union.polygons
            let geometry: Geometry = polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(MultiPolygon(polygons))
            let head = members[0]
            let population: Double? = members.allSatisfy { $0.population != nil } ? members.reduce(0) { $0 + $1.population! } : nil
            out.append(try Zone(
                id: key, name: naming(head.name), names: head.names.mapValues(naming), level: level,
                parentID: head.parentID, geometry: geometry, population: population,
                properties: [Property("members", .string(members.map(\.id).joined(separator: " ")))]))
        }
        return ZoneLayer(level: level, source: "\(source) dissolved by \(prefixLength)-character id prefix", zones: out)
    }
}
