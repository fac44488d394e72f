import ArgumentParser
import ControlShare
import GeoCore
import Incidents
import MapJob

// The library's option types, read from the command line by their raw values (ArgumentParser checks them and lists
// them in --help and in its error).
extension SummarySortKey: ExpressibleByArgument {}
extension OnError: ExpressibleByArgument {}
extension IncidentExport.Format: ExpressibleByArgument {}

/// A day written YYYY-MM-DD, checked once when the arguments are parsed (`--as-of`, `--since`, `--date`): an impossible
/// day (2025-02-30) is refused there, naming the option.
extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso8601: argument) }
}

/// `--formats geojson,shp,gpkg`: the export formats, comma-separated, each checked by ArgumentParser (an unknown one
/// is refused before the work, naming the known ones).
struct FormatList: ExpressibleByArgument {
    var formats: [MapExporter.Format]

    init(_ formats: [MapExporter.Format]) { self.formats = formats }

    init?(argument: String) {
        let parts = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let parsed = parts.compactMap(MapExporter.Format.init(rawValue:))
        guard !parts.isEmpty, parsed.count == parts.count else { return nil }
        formats = parsed
    }

    var defaultValueDescription: String { formats.map(\.rawValue).joined(separator: ",") }
    static var allValueStrings: [String] { MapExporter.Format.allCases.map(\.rawValue) }
}
