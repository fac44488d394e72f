import ControlShare
import GeoCore

/// What the main job computed: the layers (every sink writes these), the zone summary, where a map opens, and the
/// control timeline when one was asked for.
public struct MapResult: Sendable {
    public var layers: MapLayers
    public var report: SummaryReport
    /// The incidents' box, padded (at least ~20 km across); else every zone's; WGS 84 longitude/latitude.
    public var extent: BoundingBox?
    public var timeline: MapExporter.Timeline?
    /// Incidents read (in and out of the date range).
    public var incidents: Int
}
