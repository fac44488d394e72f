import Foundation
import GeoCore
import Gazetteer
import Zones

/// Gazetteer files (IncidentMap TSV, GeoNames dump, GeoNames postal), alias
/// files, and name lookups (normalisation, exact and fuzzy matching).
enum GazetteerTargets {
    static func places(_ bytes: [UInt8]) {
        guard let places = try? PlaceLoaders.load(path: Scratch.write(bytes, as: "places.txt")), !places.isEmpty else { return }
        let g = Gazetteer(GazetteerContents(places: places))
        _ = g.lookup(places[0].name)
    }

    static func aliases(_ bytes: [UInt8]) {
        guard let table = try? AliasTable(path: Scratch.write(bytes, as: "aliases.csv")) else { return }
        var contents = GazetteerContents()
        contents.add(aliases: table)
        let g = Gazetteer(contents)
        if let key = table.targets.keys.first { _ = g.lookup(key) }
    }

    static let gazetteer: Gazetteer = {
        do { return try GazetteerBuilder.build(.init(geoFolder: EmbeddedGeodata.folder())) } catch {
            fatalError("cannot load the embedded gazetteer (run from the repository or set INCIDENTMAP_GEO): \(error)")
        }
    }()

    static func geocode(_ bytes: [UInt8]) {
        let name = String(decoding: bytes, as: UTF8.self)
        _ = NameNormalizer.sectionOrdinal(name)
        _ = gazetteer.lookup(name)
        _ = gazetteer.lookup(name, options: .init(within: "Ouest", near: Coordinate(longitude: -72.3, latitude: 18.5)))
    }
}
