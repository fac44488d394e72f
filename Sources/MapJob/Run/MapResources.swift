import ControlShare
import Foundation
import Gazetteer
import Incidents
import Zones

/// What a run reads before its inputs — the country profile, the zones, the gazetteer with the zones' names, the
/// actor and evidence tables, the zone groups — loaded once and shared, read-only, by any number of runs over the
/// same boundaries (the server's, a test suite's).
public struct MapResources: Sendable {
    public let profile: CountryProfile
    public let zones: ZoneSet
    /// The layer of the run's level.
    public let layer: ZoneLayer
    public let gazetteer: Gazetteer
    public let actorTable: ActorTable
    public let classifier: ActorClassifier
    public let evidence: EvidenceModel
    /// The profile's groups, with the request's added (a request's group replaces the profile's of the same name).
    public let groups: [ZoneGroup]
    /// Every zone of every level by id (places without a point sit at theirs).
    public let zonesByID: [String: Zone]
    /// Where people live (the request's or the profile's population surface; nil: none).
    public let population: PopulationSurface?

    /// Loads what `request` names (its boundaries, level, gazetteer files, tables, country), the profile's where it
    /// names none.
    public static func load(_ request: MapRequest) throws -> MapResources {
        let profile = try CountryProfile.load(iso3: request.country, folder: request.geoFolder)
        var boundaries = request.boundaries
        if boundaries.options.validityCache == nil { boundaries.options.validityCache = request.cacheFolder?.validity }
        let (set, layer) = try boundaries.resolve(profile: profile, preferLevel: profile.summaryLevel)
        var sources = GazetteerBuilder.Sources(gazetteers: request.gazetteers, profile: profile, zones: set)
        sources.indexOnFirstLookup = true
        let gazetteer = try GazetteerBuilder.build(sources)
        return try assemble(request, profile: profile, zones: set, layer: layer, gazetteer: gazetteer)
    }

    /// Resources over zones and a gazetteer already loaded (the gazetteer holding the zones' names, as
    /// ``GazetteerBuilder`` builds it with `zones`): the run's level is `request.boundaries.level`, else the
    /// profile's summary level, else the finest. The tables are read as ``load(_:)`` reads them.
    public static func load(_ request: MapRequest, zones: ZoneSet, gazetteer: Gazetteer) throws -> MapResources {
        let profile = try CountryProfile.load(iso3: request.country, folder: request.geoFolder)
        var set = zones
        let layer: ZoneLayer
        if let level = request.boundaries.level {
            layer = try set.layer(level.rawValue, outline: level.isGrid ? try profile.outlineGeometry() : nil)
        } else if let l = profile.summaryLevel.flatMap({ p in set.layers.first { $0.level == p } }) ?? set.finest {
            layer = l
        } else {
            throw BoundarySourceError.empty("the zones given")
        }
        return try assemble(request, profile: profile, zones: set, layer: layer, gazetteer: gazetteer)
    }

    private static func assemble(_ request: MapRequest, profile: CountryProfile, zones set: ZoneSet, layer: ZoneLayer,
                                 gazetteer: Gazetteer) throws -> MapResources {
        guard let rulesPath = request.actorRules ?? profile.actorRules else { throw MapRunError.usage("no actor rules: give --actor-rules (the country profile \(profile.iso3) has none)") }
        guard let evidencePath = request.evidence ?? profile.evidence else { throw MapRunError.usage("no evidence model: give --evidence (the country profile \(profile.iso3) has none)") }
        // A profile without its own actor table classes actors by ACLED's naming rules alone.
        let actorTable = try (request.actors ?? profile.actors).map { try ActorTable(path: $0) } ?? ActorTable(entries: [])
        let classifier = ActorClassifier(table: actorTable, rules: try ActorRules(path: rulesPath), homeCountry: profile.name)
        let evidence = try EvidenceModel(path: evidencePath)
        let embedded = (profile.groups.flatMap { try? ZoneGroup.read(path: $0) }) ?? []
        let groups = embedded.filter { e in !request.groups.contains { $0.name == e.name } } + request.groups
        let populationPath = request.populationSurface == "none" ? nil : (request.populationSurface ?? profile.population)
        let population = try populationPath.map { try PopulationSurface.read(path: $0) }
        var layer = layer
        if let population, layer.zones.contains(where: { $0.population == nil }) {
            // Zone populations (roll-up weights, the population column) from the surface where no table gave them.
            let people = population.zonePopulations(layer)
            layer = ZoneLayer(level: layer.level, source: layer.source, zones: layer.zones.enumerated().map { i, z in
                var z = z
                if z.population == nil { z.population = people[i] }
                return z
            })
        }
        var byID: [String: Zone] = [:]
        for l in set.layers { for z in l.zones { byID[z.id] = z } }
        for z in layer.zones { byID[z.id] = z }
        let resources = MapResources(profile: profile, zones: set, layer: layer, gazetteer: gazetteer, actorTable: actorTable, classifier: classifier,
                                     evidence: evidence, groups: groups, zonesByID: byID, population: population)
        try resources.checkGroups(request.groups)
        return resources
    }

    /// The zone of the run's level where the gazetteer puts `place` ("Okap" → Cap-Haïtien), for "did you mean".
    public func zoneHolding(place: String) -> Zone? {
        guard let c = gazetteer.lookup(place).match?.place.coordinate else { return nil }
        return PointLocator(layer: layer).zoneIndex(containing: c).map { layer.zones[$0] }
    }

    /// Checks the request's groups: every member a zone of the run's level (by p-code), else a usage error naming
    /// the unknown members and what they may stand for.
    func checkGroups(_ requested: [ZoneGroup]) throws {
        for g in requested where g.level == nil || g.level == layer.level {
            let unknown = g.members.filter { layer.zone(id: $0) == nil }
            guard !unknown.isEmpty else { continue }
            let hints = unknown.map { m -> String in
                if let z = layer.zones.first(where: { NameNormalizer.key($0.name) == NameNormalizer.key(m) }) ?? zoneHolding(place: m) {
                    return "'\(m)' (did you mean \(z.id) \(z.name)?)"
                }
                return "'\(m)'"
            }
            throw MapRunError.usage("--group \(g.name): no zone \(hints.joined(separator: ", ")) at level \(layer.level); members are p-codes such as \(layer.zones.prefix(3).map(\.id).joined(separator: ", "))")
        }
    }
}
