import Foundation
import ArgumentParser
import GeoCore
import Zones

/// Options shared by every subcommand that works with zones.
struct BoundaryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Boundary layers: a .shp, .geojson, or a folder of them (COD-AB levels are detected). Default: Haiti's embedded departments, communes and sections (OCHA COD-AB, Geo/boundaries).", valueName: "path"))
    var boundaries: String?

    @Option(help: ArgumentHelp("Zone level: adm1|adm2|adm3|arrondissement|grid:5km|hex:2km|prio, or a loaded layer's name. Default: the finest loaded level.", valueName: "level"))
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

    /// The credits the embedded data used by this run asks for (Geo/attribution.tsv): the place names always (the
    /// embedded gazetteer places every run), the boundaries when no --boundaries replaced them, the outline for grids
    /// cut to it.
    func embeddedAttribution() -> [String] {
        guard let path = try? EmbeddedGeodata.path("attribution.tsv"), let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var byKey: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if f.count == 2 { byKey[f[0]] = f[1] }
        }
        var keys = ["gazetteer"]
        if boundaries == nil {
            keys.append("boundaries")
            if let level, ["grid:", "hex:", "prio"].contains(where: { level.lowercased().hasPrefix($0) }) { keys.append("outline") }
        }
        return keys.compactMap { byKey[$0] }
    }

    /// The zone set and the layer of the requested level.
    func resolve() throws -> (set: ZoneSet, layer: ZoneLayer) {
        var set: ZoneSet
        if let boundaries {
            var options = ZoneLayerLoader.Options(idField: idField, nameField: nameField, parentField: parentField,
                                                  populationField: populationField, repair: repair)
            if let population { options.populations = try PopulationTable.read(path: population) }
            set = try ZoneSet(path: boundaries, options: options)
        } else {
            // The embedded default: Haiti's departments, communes and sections (OCHA COD-AB, Geo/boundaries).
            var options = ZoneLayerLoader.Options(populationField: populationField, repair: repair)
            if let population { options.populations = try PopulationTable.read(path: population) }
            set = try ZoneSet(path: try EmbeddedGeodata.path("boundaries"), options: options)
        }
        let outline: Geometry? = boundaries == nil ? try EmbeddedGeodata.haitiOutline() : nil
        let layer = try level.map { try set.layer($0, outline: outline) } ?? set.finest!
        return (set, layer)
    }
}
