/// The layers a map run writes, in the order they are listed (files, PostGIS tables, served collections).
/// Each layer's file, table and collection are named by its raw value.
public enum MapLayer: String, CaseIterable, Sendable, Codable {
    case zones, control, incidents, places, reported

    /// A short title (served collections, legends).
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// What the layer holds (GeoPackage layer descriptions, served collections).
    public var summary: String {
        switch self {
        case .incidents: "Incident points (ACLED fields plus IncidentMap's), placed and zoned"
        case .zones: "Zones with incident counts and control shares (surface, overlay, people, reported, with intervals)"
        case .control: "Estimated control surface dissolved per class, and input control areas"
        case .places: "Gazetteer matches used to place reports, with their score"
        case .reported: "Reported control figures at their zone's representative point"
        }
    }

    /// The order layers are drawn in a QGIS project, top first (points over polygons).
    public static let drawingOrder: [MapLayer] = [.incidents, .reported, .places, .control, .zones]
}
