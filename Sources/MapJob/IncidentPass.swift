import ControlShare
import Foundation
import GeoCore
import Incidents
import LayerIO
import Zones

/// The main job's one pass over its incidents, taken one at a time as they
/// are read: each is counted in its zone, contributes 32 bytes to the
/// incident surface, and goes as a point feature to a spool on disk (with the
/// layer's columns inferred on the way); the gazetteer matches it used are
/// kept for the places layer. Nothing grows with the input but the spool
/// file and the surface's contributions, so a million incidents pass in
/// about the memory of the zones.
public final class IncidentPass {
    private var tally: ZoneTally
    private let builder: ZoneSummaryBuilder
    /// Incidents in the summary's date range (`--since` … `--as-of`).
    private var surfaceInRange: SurfaceInput
    /// Every incident up to `--as-of`, for the dissolved control surface
    /// (nil: the same as `surfaceInRange`, when there is no `--since`).
    private var surfaceAll: SurfaceInput?
    private let spool: FeatureSpool
    private var schema = LayerSchema.Builder()
    private var places: [Feature] = []
    private var seenPlaces = Set<String>()
    private let zonesByID: [String: Zone]
    public private(set) var incidents = 0
    /// The box around every incident with a point (WGS 84 longitude/latitude).
    public private(set) var extent: BoundingBox?
    public private(set) var inRange = 0
    /// Advanced by one per incident (the reading and placing stage).
    public var progress: ProgressMeter?
    /// `--where` (incidents it does not pass are left out of everything: counts, estimates, layers) and `--select`
    /// (the incidents layer's columns).
    public var shaping = IncidentExport.Shaping()
    /// Incidents `--where` left out.
    public private(set) var filtered = 0

    /// `zones`: the summary's zones (one level); `zonesByID`: every zone of every level (places without a point sit at theirs).
    public init(zones: [Zone], level: ZoneLevel, builder: ZoneSummaryBuilder, zonesByID: [String: Zone],
                spoolDirectory: String = NSTemporaryDirectory()) throws {
        tally = ZoneTally(zones: zones, level: level)
        self.builder = builder
        surfaceInRange = SurfaceInput(classifier: builder.classifier, evidence: builder.evidence, asOf: builder.asOf, halfLifeDays: builder.parameters.halfLifeDays)
        if builder.since != nil { surfaceAll = surfaceInRange }
        self.zonesByID = zonesByID
        // Spools of runs that were killed (SIGKILL leaves no time to remove them) go first.
        for path in ProcessLiveness.abandoned(in: spoolDirectory, prefix: Self.spoolPrefix) { unlink(path) }
        spool = try FeatureSpool(path: (spoolDirectory as NSString).appendingPathComponent(
            "\(Self.spoolPrefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max)).spool"))
    }

    /// Spool files are named `<prefix><pid>-<random>.spool` in the spool directory.
    public static let spoolPrefix = ".incidentmap-incidents-"

    /// Adds a row of aggregated data to the counts (in the range of dates); it gives the surface nothing.
    public func add(_ count: AggregatedCount) {
        if builder.inRange(count) { tally.add(count) }
    }

    public func add(_ inc: Incident) throws {
        // The incidents layer's feature, built once: judged by --where, then spooled (a row with a point).
        var feature = MapLayers.incidentFeature(inc)
        if let filter = shaping.filter {
            // A row without a point is judged on its fields as well (its feature is built at a stand-in point).
            var judged = feature
            if judged == nil, inc.coordinate == nil {
                var probe = inc
                probe.latitude = 0
                probe.longitude = 0
                judged = MapLayers.incidentFeature(probe)
            }
            guard let f = judged, filter.matches(f) else { filtered += 1; return }
        }
        incidents += 1
        progress?.advance()
        if builder.inRange(inc.eventDate) {
            inRange += 1
            tally.add(inc)
            surfaceInRange.add(inc)
        }
        surfaceAll?.add(inc)
        if let c = inc.coordinate {
            let box = BoundingBox(minLongitude: c.longitude, minLatitude: c.latitude, maxLongitude: c.longitude, maxLatitude: c.latitude)
            extent = extent.map { $0.union(box) } ?? box
        }
        if let selection = shaping.selection { feature = feature.map(selection.apply) }
        if let f = feature {
            schema.add(f)
            try spool.append(f)
        }
        if inc.geocoded { addPlace(inc) }
    }

    /// The gazetteer match a geocoded row used, once per query and place.
    private func addPlace(_ inc: Incident) {
        guard let m = inc.geocodeMatch, seenPlaces.insert("\(m.query)|\(m.placeID)").inserted else { return }
        guard let point = inc.coordinate ?? zonesByID[m.placeID]?.representativePoint else { return }
        places.append(Feature(id: .string("place-\(places.count)"), geometry: .point(Point(point)), properties: [
            Property("query", .string(m.query)), Property("place_id", .string(m.placeID)), Property("name", .string(m.name)),
            Property("score", .double(m.score)), Property("used_by", .string("incident table")),
        ]))
    }

    public struct Result {
        public var rows: [ZoneSummaryRow]
        public var unplaced: Int
        /// The summary's surface input (nil: no incident in range).
        public var surface: SurfaceInput?
        /// Every incident up to `--as-of` (the dissolved control surface's and the calibration's input).
        public var surfaceAll: SurfaceInput
        /// Incidents read, in range or not.
        public var incidents: Int
        /// The incidents layer, replayed from the spool.
        public var layer: LayerFeatures
        /// Places used by geocoded rows, numbered from `place-0`; `seen` keys `query|place id`.
        public var places: [Feature]
        public var seen: Set<String>
        /// The box around every incident with a point, nil when none has one.
        public var extent: BoundingBox?
        /// The point locator the counting built over the zones (nil: no incident had a point), for the summary to reuse.
        public var locator: PointLocator?
    }

    public func finish() throws -> Result {
        let (rows, unplaced) = tally.result()
        return Result(rows: rows, unplaced: unplaced, surface: inRange > 0 ? surfaceInRange : nil,
                      surfaceAll: surfaceAll ?? surfaceInRange, incidents: incidents,
                      layer: try LayerFeatures(spool: spool, schema: schema.schema), places: places, seen: seenPlaces,
                      extent: extent, locator: tally.builtLocator)
    }
}
