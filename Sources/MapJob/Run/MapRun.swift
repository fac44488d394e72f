import ControlShare
import Foundation
import GeoCore
import Gazetteer
import Incidents
import Zones

/// One run of the main job: read → place → zone → estimate, for a ``MapRequest``. The command line, the server
/// and the tests call it; it prints nothing (progress goes to the meter given, warnings into the report).
public struct MapRun: Sendable {
    public let request: MapRequest
    public let resources: MapResources

    /// `resources`: already loaded for the same boundaries, level, gazetteers, tables and country (nil: loaded now).
    public init(_ request: MapRequest, resources: MapResources? = nil) throws {
        try request.validate()
        self.request = request
        self.resources = try resources ?? MapResources.load(request)
    }

    /// Reads the inputs: the incidents (unless the request reads none), control areas and reported figures.
    /// `each`: when given, called once with the context so far; the function it returns receives every incident as
    /// it is read and placed, and the context keeps none of them.
    public func load(each: ((MapContext) throws -> (Incident) throws -> Void)? = nil) throws -> MapContext {
        var loader = InputLoader(gazetteer: resources.gazetteer, zones: resources.zones, actors: resources.actorTable,
                                 country: ExtractionCountry(profile: resources.profile))
        loader.worldPlacesPath = resources.profile.worldPlaces
        loader.columnMapping = request.columnMapping
        loader.onError = request.errorPolicy
        loader.dateOrder = request.dateOrder
        loader.articleDate = request.articleDate ?? request.asOf
        var inputs = request.inputs
        var reportedFiles = request.reported
        var sources = inputs
        if request.demo && request.readsIncidents {
            guard let scenario = Self.scenarioFile("incidents.csv", profile: resources.profile) else {
                throw MapRunError.usage("the country profile \(resources.profile.iso3) has no demo scenario (scenario/incidents.csv in \(resources.profile.folder))")
            }
            inputs = [scenario]
            if reportedFiles.isEmpty, let r = Self.scenarioFile("reported.csv", profile: resources.profile) { reportedFiles = [r] }
            sources = ["DEMO: embedded scenario Geo/scenario (from the seed briefing), not real data"]
        }
        var ctx = MapContext(resources: resources, loaded: .init(), controlAreas: nil, reported: [], sources: [], warnings: [])
        if request.readsIncidents {
            if let each {
                ctx.loaded = try loader.read(inputs, each: try each(ctx))
            } else {
                ctx.loaded = try loader.load(inputs)
            }
        }
        let loaded = ctx.loaded
        // Too little kept to go on with: stop before anything is written (unless --on-error skip says go on).
        if request.onError == nil, let failure = loaded.report.failure { throw MapRunError.tooLittleKept(failure) }
        var reported = loaded.reported
        for f in reportedFiles { reported += try ReportedObservations.read(path: f) }
        let unmatched = ReportedObservations.match(&reported, zones: resources.zones, gazetteer: resources.gazetteer)
        var warnings = unmatched.filter { o in !resources.groups.contains { $0.isNamed(o.zoneText) } }
            .map { "reported zone '\($0.zoneText)' (\($0.origin)) matches no zone" }
        let areas = try request.controlAreas.map {
            try ControlAreaLoader.load(path: $0, classifier: resources.classifier, repair: request.boundaries.options.repair)
        }
        if let control = request.controlAreas { sources.append("control areas \(control)") }
        sources += reportedFiles.map { "reported \($0)" }
        warnings += loaded.report.allWarnings
        if loaded.report.warningsLeftOut > 0 {
            warnings.append("… \(loaded.report.warningsLeftOut) more warnings (only the first \(ReadReport.lineLimit) are kept)")
        }
        warnings += loaded.report.problems.map { "rejected: " + $0 }
        if loaded.report.problemsLeftOut > 0 {
            warnings.append("rejected: … \(loaded.report.problemsLeftOut) more rows (only the first \(ReadReport.lineLimit) reasons are kept)")
        }
        if !loaded.aggregatedFiles.isEmpty {
            let files = loaded.aggregatedFiles.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
            warnings.insert("control shares not estimated: \(files) \(loaded.aggregatedFiles.count == 1 ? "holds" : "hold") counts per zone and period (aggregated data), not events, and shares need each event's place, date and actors; the counts are joined to the zones by p-code", at: 0)
        }
        ctx.controlAreas = areas
        ctx.reported = reported
        ctx.sources = sources
        ctx.warnings = warnings
        return ctx
    }

    /// A file of the profile's demo scenario (`scenario/` in its `Geo/` folder).
    static func scenarioFile(_ name: String, profile: CountryProfile) -> String? {
        let path = profile.folder + "/scenario/" + name
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The summary builder with the request's parameters, dates, populated places and groups.
    public func builder() -> ZoneSummaryBuilder {
        var builder = ZoneSummaryBuilder(classifier: resources.classifier, evidence: resources.evidence)
        builder.parameters = request.parameters
        builder.asOf = request.asOf
        builder.since = request.since
        builder.places = resources.gazetteer.places.filter { $0.kind == .populatedPlace && ($0.population ?? 0) > 0 }
        builder.groups = resources.groups
        builder.population = resources.population
        builder.surfaceCache = request.cacheFolder.map { SurfaceOverlapCache(cacheFolder: $0) }
        return builder
    }

    /// The zone of the calibration, at the run's level.
    public func calibrationTarget() throws -> (zone: Zone, share: Double)? {
        guard let c = request.calibration else { return nil }
        let key = NameNormalizer.key(c.zone)
        guard let zone = resources.layer.zones.first(where: { $0.id == c.zone.uppercased() || NameNormalizer.key($0.name) == key }) else {
            throw MapRunError.unknownZone(option: "--calibrate", zone: c.zone, level: resources.layer.level)
        }
        return (zone, c.share)
    }

    /// The zone summary of a loaded context (its incidents held in memory), with the calibration if asked.
    public func summarize(_ ctx: MapContext, zones: [Zone]? = nil, progress: ProgressMeter? = nil) throws -> SummaryReport {
        var builder = builder()
        builder.progress = progress
        let over = zones ?? ctx.layer.zones
        var report = try builder.build(zones: over, level: ctx.layer.level, incidents: ctx.loaded.incidents,
                                       controlAreas: ctx.controlAreas, reported: ctx.reported, counts: ctx.loaded.report, sources: ctx.sources,
                                       locator: ctx.loaded.locator(over: over, level: ctx.layer.level), aggregated: ctx.loaded.aggregated)
        report.warnings = ctx.warnings + report.warnings
        if let (zone, share) = try calibrationTarget() {
            report.calibration = try builder.calibrate(zones: ctx.layer.zones, zoneID: zone.id, target: share, incidents: ctx.loaded.incidents)
        }
        return report
    }

    /// The control timeline of a loaded context (`request.every`), nil when none was asked or there is nothing to chart.
    public func timeline(_ ctx: MapContext) throws -> ControlTimeline? {
        guard let every = request.every else { return nil }
        let b = builder()
        let input = SurfaceInput.from(ctx.loaded.incidents.filter { b.inRange($0.eventDate) }, classifier: resources.classifier,
                                      evidence: resources.evidence, asOf: b.asOf, halfLifeDays: b.parameters.halfLifeDays)
        return try b.timeline(zones: ctx.layer.zones, level: ctx.layer.level, surface: input, every: every)
    }

    /// Read → place → zone → estimate: the layers of the run. The incidents are not held: each passes once through an
    /// ``IncidentPass`` (counted, fed to the surface, spooled to disk for the writers), so memory does not grow with
    /// the input.
    public func compute(progress: ProgressMeter? = nil) throws -> MapResult {
        progress?.begin("reading inputs and boundaries", unit: "")
        var pass: IncidentPass?
        let ctx = try load { ctx in
            let p = try IncidentPass(zones: ctx.layer.zones, level: ctx.layer.level, builder: self.builder(), zonesByID: resources.zonesByID)
            p.progress = progress
            p.shaping = request.incidentShaping
            progress?.begin("reading and placing incidents", unit: "incidents")
            pass = p
            return p.add
        }
        for c in ctx.loaded.aggregated { pass?.add(c) }
        guard let result = try pass?.finish() else { throw MapRunError.noIncidentInput }
        progress?.begin("estimating control shares over \(ctx.layer.zones.count) zones", unit: "")
        var builder = builder()
        builder.progress = progress
        var report = try builder.build(zones: ctx.layer.zones, level: ctx.layer.level, tallied: result.rows, unplaced: result.unplaced,
                                       surface: result.surface, controlAreas: ctx.controlAreas, reported: ctx.reported,
                                       counts: ctx.loaded.report, sources: ctx.sources, locator: result.locator)
        report.warnings = ctx.warnings + report.warnings
        if let filter = request.incidentShaping.filter, let p = pass {
            report.warnings.insert("--where \"\(filter)\" left out \(p.filtered) of \(p.filtered + p.incidents) incidents (counts, estimates and layers use the \(p.incidents) it kept)", at: 0)
        }
        if let (zone, share) = try calibrationTarget() {
            report.calibration = try builder.calibrate(zones: ctx.layer.zones, zoneID: zone.id, target: share, surface: result.surfaceAll)
        }
        var surfacePolygons: [String: Geometry] = [:]
        if result.incidents > 0 {
            progress?.begin("dissolving the control surface", unit: "")
            var p = request.parameters
            p.bootstrap = 0
            surfacePolygons = try IncidentSurface(zones: ctx.layer.zones, parameters: p, cache: builder.surfaceCache).controlPolygons(result.surfaceAll)
        }
        let layers = MapLayers.build(report: report, incidents: result.layer, incidentPlaces: result.places, seenPlaces: result.seen,
                                     mentions: ctx.loaded.mentions, controlAreas: ctx.controlAreas, surfacePolygons: surfacePolygons,
                                     reported: ctx.reported, zonesByID: resources.zonesByID)
        var timeline: MapExporter.Timeline?
        if let every = request.every, let input = result.surface {
            progress?.begin("estimating control by \(every.rawValue)", unit: "")
            if let t = try builder.timeline(zones: ctx.layer.zones, level: ctx.layer.level, surface: input, every: every) {
                timeline = MapExporter.Timeline(timeline: t, chartZones: Self.chartZones(report), reported: Self.reportedByZone(report))
            }
        }
        return MapResult(layers: layers, report: report, extent: Self.extent(incidents: result.extent, zones: ctx.layer.zones) ?? resources.profile.extent,
                         timeline: timeline, incidents: result.incidents)
    }

    /// Where a map opens: the incidents (padded a little, at least ~20 km across), else every zone.
    static func extent(incidents: BoundingBox?, zones: [Zone]) -> BoundingBox? {
        if let b = incidents {
            let padX = max(0.1, (b.maxLongitude - b.minLongitude) * 0.1), padY = max(0.1, (b.maxLatitude - b.minLatitude) * 0.1)
            return BoundingBox(minLongitude: b.minLongitude - padX, minLatitude: b.minLatitude - padY,
                               maxLongitude: b.maxLongitude + padX, maxLatitude: b.maxLatitude + padY)
        }
        return zones.first.map { z in zones.dropFirst().reduce(z.boundingBox) { $0.union($1.boundingBox) } }
    }

    /// The timeline chart's panels: groups, zones with reported figures, then the zones with most incidents (12 at most).
    static func chartZones(_ report: SummaryReport) -> [String] {
        var show = report.rows.filter { $0.zone.level == .group || !$0.reported.isEmpty }.map(\.zone.id)
        show += report.rows.filter { $0.incidents > 0 }.sorted { $0.incidents > $1.incidents }.map(\.zone.id)
        var seen = Set<String>()
        return Array(show.filter { seen.insert($0).inserted }.prefix(12))
    }

    static func reportedByZone(_ report: SummaryReport) -> [String: [(CalendarDate, Double)]] {
        var out: [String: [(CalendarDate, Double)]] = [:]
        for r in report.rows { for o in r.reported { if let d = o.date { out[r.zone.id, default: []].append((d, o.share)) } } }
        return out
    }
}
