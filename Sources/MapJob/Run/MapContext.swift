import ControlShare
import Incidents
import Zones

/// A run's resources with what it read: the incidents (unless a pass took them one by one), the control areas,
/// the reported figures, the sources named in the footer and the warnings so far.
public struct MapContext: Sendable {
    public var resources: MapResources
    public var loaded: InputLoader.Loaded
    public var controlAreas: [ControlArea]?
    public var reported: [ReportedObservation]
    /// The inputs as the summary's footer names them.
    public var sources: [String]
    /// Every warning and rejected row of the read (standard error shows the first 20).
    public var warnings: [String]

    public var zones: ZoneSet { resources.zones }
    /// The layer of the run's level.
    public var layer: ZoneLayer { resources.layer }
}
