import Foundation
import GeoCore
import Gazetteer
import Incidents
import Zones

/// Incident tables (ACLED and mapped CSV, GeoJSON, JSON Lines), the actor
/// table, column mappings and the text extractor.
enum IncidentTargets {
    /// The same bytes read as an ACLED export and through a column mapping.
    static func csv(_ bytes: [UInt8]) {
        let path = Scratch.write(bytes, as: "incidents.csv")
        _ = try? IncidentSource.read(path: path) { _ in }
        let mapping = ["event_date": "date", "latitude": "lat", "longitude": "lon", "location": "place", "fatalities": "deaths"]
        _ = try? IncidentSource.read(path: path, columnMapping: mapping, onError: .fail) { _ in }
    }

    static func json(_ bytes: [UInt8]) {
        _ = try? IncidentSource.read(path: Scratch.write(bytes, as: "incidents.geojson")) { _ in }
        _ = try? IncidentSource.read(path: Scratch.write(bytes, as: "incidents.jsonl")) { _ in }
        // ACLED's API answer ({"success":true,"data":[…]}) is read from .json.
        _ = try? IncidentSource.read(path: Scratch.write(bytes, as: "incidents.json")) { _ in }
    }

    static func actors(_ bytes: [UInt8]) {
        guard let table = try? ActorTable(path: Scratch.write(bytes, as: "actors.csv")) else { return }
        _ = table.classify("Viv Ansanm")
        _ = table.classify(String(decoding: bytes.prefix(64), as: UTF8.self))
    }

    static func mapping(_ bytes: [UInt8]) {
        _ = try? IncidentTableReader.parseMapping(String(decoding: bytes, as: UTF8.self))
    }

    /// The extractor over the embedded gazetteer and actor table (loaded once).
    static let extractor: TextExtractor = {
        do {
            let g = try GazetteerBuilder.build(.init(geoFolder: EmbeddedGeodata.folder()))
            let actors = try ActorTable(path: try EmbeddedGeodata.path("actors/haiti-actors.csv"))
            let country = ExtractionCountry(profile: try CountryProfile.load(folder: EmbeddedGeodata.folder()))
            return try TextExtractor(gazetteer: g, actors: actors, worldPlacesPath: try? EmbeddedGeodata.path("gazetteer/world-places.tsv"), country: country)
        } catch {
            fatalError("cannot load the embedded gazetteer (run from the repository or set INCIDENTMAP_GEO): \(error)")
        }
    }()

    static func extract(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        _ = extractor.extract(text: text, file: "article.txt", reportDate: CalendarDate(iso8601: "2025-04-01"))
    }
}
