import Foundation
import GeoCore
import Incidents
import LayerIO

extension IncidentExport {
    /// The file formats `export` writes. GeoJSON and CSV also go to standard output (path `-`).
    public enum Format: String, CaseIterable, Sendable {
        case geojson, shp, csv, gpkg, kml

        /// The format a path's extension names (`.json` is GeoJSON), or nil.
        public static func of(path: String) -> Format? {
            switch (path as NSString).pathExtension.lowercased() {
            case "geojson", "json": .geojson
            case "shp": .shp
            case "csv": .csv
            case "gpkg": .gpkg
            case "kml": .kml
            default: nil
            }
        }

        /// Written in one pass, so to standard output too.
        public var streams: Bool { self == .geojson || self == .csv }
    }

    /// What is kept of each feature: the rows `filter` passes, with the columns `selection` names (in its order).
    public struct Shaping: Sendable {
        public var filter: FieldExpression?
        public var selection: FieldSelection?

        public init(filter: FieldExpression? = nil, selection: FieldSelection? = nil) {
            self.filter = filter
            self.selection = selection
        }

        public var isIdentity: Bool { filter == nil && selection == nil }

        /// The feature as written, or nil when the filter drops it. The filter sees every field, before the selection.
        public func apply(_ f: Feature) -> Feature? {
            if let filter, !filter.matches(f) { return nil }
            return selection.map { $0.apply(f) } ?? f
        }
    }

    /// The fields an incident point can carry (for checking `--where` and `--select` before any row is read): ACLED's
    /// and IncidentMap's own; the columns an input adds are checked against its first rows by the caller.
    public static let incidentFields: [String] = {
        var i = Incident(id: "x")
        i.latitude = 0
        i.longitude = 0
        let always = MapLayers.incidentFeature(i)?.properties.map(\.name) ?? []
        return always + ["geocode_match"] + MapLayers.optionalACLEDFields + ["year"]
    }()
}
