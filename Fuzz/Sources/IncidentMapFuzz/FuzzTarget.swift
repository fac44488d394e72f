import Foundation

/// The fuzz targets, one per reader. `FUZZ_TARGET` names the one to drive.
///
/// Each target hands the input to a reader exactly as a user's file would
/// reach it (written to a scratch file when the reader takes a path) and
/// ignores thrown errors: a clear error is the right answer to a bad file.
/// Only crashes, sanitizer reports, leaks of time (hangs) and memory count.
enum FuzzTarget: String, CaseIterable {
    case shapefile, geojson, zones, incidentsCSV = "incidents-csv", incidentsJSON = "incidents-json", places, aliases, actors,
         population, reported, controlAreas = "control-areas", extract, geocode, query, mapping

    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
        guard let t = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("set FUZZ_TARGET to one of: \(names)\n".utf8))
            exit(2)
        }
        return t
    }()

    func run(_ bytes: [UInt8]) {
        switch self {
        case .shapefile: ReaderTargets.shapefile(bytes)
        case .geojson: ReaderTargets.geojson(bytes)
        case .zones: ReaderTargets.zones(bytes)
        case .incidentsCSV: IncidentTargets.csv(bytes)
        case .incidentsJSON: IncidentTargets.json(bytes)
        case .places: GazetteerTargets.places(bytes)
        case .aliases: GazetteerTargets.aliases(bytes)
        case .actors: IncidentTargets.actors(bytes)
        case .population: ReaderTargets.population(bytes)
        case .reported: ControlTargets.reported(bytes)
        case .controlAreas: ControlTargets.controlAreas(bytes)
        case .extract: IncidentTargets.extract(bytes)
        case .geocode: GazetteerTargets.geocode(bytes)
        case .query: ServerTargets.query(bytes)
        case .mapping: IncidentTargets.mapping(bytes)
        }
    }
}
