import Foundation
import ArgumentParser
import GeoCore
import Zones

/// Options shared by every subcommand that works with zones.
struct BoundaryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Boundary layers: a .shp, .geojson, or a folder of them (COD-AB levels are detected). Default: the country profile's (HTI: the embedded departments, communes and sections, OCHA COD-AB, Geo/boundaries).", valueName: "path"))
    var boundaries: String?

    @Option(help: ArgumentHelp("Zone level: adm1|adm2|adm3|arrondissement|grid:5km|hex:2km|prio, or a loaded layer's name. Default: the country profile's summary level (HTI: adm2, the communes) when loaded, else the finest.", valueName: "level"))
    var level: String?

    @Option(name: .customLong("id-field"), help: "For non-COD-AB layers: the attribute holding each zone's id.")
    var idField: String?

    @Option(name: .customLong("name-field"), help: "For non-COD-AB layers: the attribute holding each zone's name.")
    var nameField: String?

    @Option(name: .customLong("parent-field"), help: "The attribute holding each zone's parent id.")
    var parentField: String?

    @Option(help: ArgumentHelp("A CSV 'pcode,population' giving zone populations.", valueName: "file"))
    var population: String?

    @Option(name: .customLong("population-field"), help: "The attribute holding each zone's population.")
    var populationField: String?

    @Flag(help: "Repair invalid polygons with GEOS make-valid instead of stopping.")
    var repair = false

    @Option(help: ArgumentHelp("Country profile: the boundaries, gazetteer, actor and evidence tables and groups used where no flag gives them (Geo/profiles/ISO3.tsv).", valueName: "ISO3"))
    var country: String = CountryProfile.defaultISO3

    /// The boundary source these options name.
    var source: BoundarySource {
        var s = BoundarySource(path: boundaries, level: level.map { ZoneLevel(requested: $0) })
        s.options = ZoneLayerLoader.Options(idField: idField, nameField: nameField, parentField: parentField,
                                            populationField: populationField, repair: repair)
        s.options.validityCache = CacheFolder.user?.validity
        s.populationTable = population
        return s
    }

    /// The country profile of `--country`.
    func profile() throws -> CountryProfile { try CountryProfile.load(iso3: country, folder: EmbeddedGeodata.folder()) }

    /// The credits the profile's data used by this run asks for (its attribution table).
    func embeddedAttribution() -> [String] { source.credits(profile: try? profile()) }

    /// The zone set and the layer of the requested level (the finest loaded level when none is).
    func resolve() throws -> (set: ZoneSet, layer: ZoneLayer) { try source.resolve(profile: try profile()) }
}

extension CacheFolder {
    /// The user's cache folder, from the environment (the only place the program reads it).
    static let user = CacheFolder.standard(environment: ProcessInfo.processInfo.environment)
}

extension ZoneLayerLoader.Options {
    /// Default options with the user's validity cache.
    static var cached: ZoneLayerLoader.Options {
        var o = ZoneLayerLoader.Options()
        o.validityCache = CacheFolder.user?.validity
        return o
    }
}
