import ArgumentParser
import ControlShare
import Foundation
import GeoCore
import Gazetteer
import Incidents
import Zones

/// Options shared by `summary` and `map`: inputs, control areas, reported
/// figures, dates and the incident-surface parameters.
struct AnalysisOptions: ParsableArguments {
    @Argument(help: "Incident files (ACLED CSV, ACLED API JSON, mapped CSV, GeoJSON, JSON Lines) and plain-text articles (.txt); - reads a CSV from standard input.")
    var inputs: [String] = []

    @Flag(help: "Run on the embedded demo scenario (Geo/scenario: the seed briefing's events and the U.N.'s reported figure), not on real data: said on the first line and in the sources.")
    var demo = false

    @Option(help: ArgumentHelp("Control-area polygons (controller, since, until, source, confidence).", valueName: "file"))
    var control: String?

    @Option(help: ArgumentHelp("Reported figures: CSV zone,class,share,date,source.", valueName: "file"))
    var reported: [String] = []

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Estimate control as of this date (control areas valid then; later incidents ignored).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(help: ArgumentHelp("Ignore incidents before this date.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(help: ArgumentHelp("Report date of text articles, for relative dates (default: --as-of).", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(help: ArgumentHelp("Actor table: CSV pattern,class (or pattern,actor,class,inter). Default: Geo/actors/haiti-actors.csv.", valueName: "file"))
    var actors: String?

    @Option(help: ArgumentHelp("More gazetteer files (GeoNames dump or postal), for placing unplaced rows.", valueName: "file"))
    var gazetteer: [String] = []

    @Option(help: ArgumentHelp("Column mapping for non-ACLED CSVs: latitude=lat,longitude=lon,event_date=date,…", valueName: "mapping"))
    var columns: String?

    @Option(name: .customLong("on-error"), help: ArgumentHelp("""
        fail | skip: what to do with rows that cannot be used (no readable date, or no coordinates and no known place name). \
        Default: skip them and report them, but stop with an error when no event is kept or more than half are rejected; \
        skip: go on with what was kept even then (the last line says so and the exit status is 2); fail: stop at the first.
        """, valueName: "policy"))
    var onError: OnError?

    @Option(name: .customLong("date-format"), help: ArgumentHelp("All-numeric dates: dmy (31/03/2025), mdy (03/31/2025), or auto (read when a number above 12 tells; the default). Patterns such as DD/MM/YYYY or %m/%d/%Y work too.", valueName: "order"))
    var dateFormat: String?

    @Option(name: .customLong("actor-rules"), help: ArgumentHelp("Rules that class actor names by their form (kind,pattern,class,confidence). Default: Geo/actors/acled-actor-rules.csv.", valueName: "file"))
    var actorRules: String?

    @Option(name: .customLong("cell-km"), help: "Incident surface: cell size, km.")
    var cellKm: Double = 1

    @Option(name: .customLong("bandwidth-km"), help: "Incident surface: kernel bandwidth, km (cells with too little evidence are read at twice it).")
    var bandwidthKm: Double = 1

    @Option(name: .customLong("density-ratio"), help: "Incident surface: κ, the share of the nearby gang ground's evidence a cell needs to count as gang ground (0–1).")
    var densityRatio: Double = 0.7

    @Option(help: ArgumentHelp("Control over time: estimate every zone at the end of every month or quarter from --since (or the first event) to --as-of (or the last).", valueName: "month|quarter"))
    var every: ControlTimeline.Every?

    @Option(help: ArgumentHelp("A zone made of zones, summarised like any zone (repeatable): NAME=PCODE,PCODE,… Haiti's data adds 'capital' (Geo/control/groups.csv).", valueName: "name=pcodes"))
    var group: [String] = []

    @Option(help: ArgumentHelp("Evidence model: what each event says about who holds the ground (CSV sub_event_type,actor1,actor2,layer,class,weight). Default: Geo/control/evidence-model.csv.", valueName: "file"))
    var evidence: String?

    @Option(name: .customLong("half-life-days"), help: "Incident surface: influence half-life, days.")
    var halfLifeDays: Double = 90

    @Option(help: "Incident surface: share of influence a class needs to control a cell (0.5–1).")
    var theta: Double = 0.6

    @Option(name: .customLong("min-influence"), help: "Incident surface: minimum total influence for a cell to count.")
    var minInfluence: Double = 0.5

    @Option(help: "Bootstrap replicates for the 90% interval (0 for none).")
    var bootstrap: Int = 200

    @Option(help: "Seed of the bootstrap.")
    var seed: UInt64 = 1

    @Option(name: .customLong("warnings"), help: ArgumentHelp("Write every warning and rejected row to this file, one per line (standard error shows the first 20).", valueName: "file"))
    var warningsFile: String?

    @Option(help: ArgumentHelp("Fit θ so the gang share of ZONE matches SHARE (e.g. HT0111=0.9).", valueName: "zone=share"))
    var calibrate: String?

    func validate() throws {
        for (name, value) in [("--as-of", asOf), ("--since", since), ("--date", date)] {
            if let value, CalendarDate(iso8601: value) == nil { throw ValidationError("\(name) must be a real day written YYYY-MM-DD") }
        }
        guard cellKm > 0, bandwidthKm > 0, halfLifeDays > 0, minInfluence >= 0, bootstrap >= 0 else {
            throw ValidationError("--cell-km, --bandwidth-km and --half-life-days must be positive; --min-influence and --bootstrap not negative")
        }
        guard theta > 0.5 - 1e-12, theta <= 1 else { throw ValidationError("--theta must be between 0.5 and 1") }
        guard densityRatio >= 0, densityRatio <= 1 else { throw ValidationError("--density-ratio must be between 0 and 1") }
        if let dateFormat, NumericDateOrder(pattern: dateFormat) == nil {
            throw ValidationError("--date-format is dmy, mdy or auto (or a pattern such as DD/MM/YYYY, %m/%d/%Y)")
        }
        if demo, !inputs.isEmpty { throw ValidationError("give incident files or --demo, not both") }
        if let calibrate { _ = try parseCalibration(calibrate) }
        for g in group { _ = try ZoneGroup.parse(g) }
    }

    func parseCalibration(_ s: String) throws -> (String, Double) {
        let kv = s.split(separator: "=", maxSplits: 1).map(String.init)
        guard kv.count == 2, var v = Double(kv[1].replacingOccurrences(of: "%", with: "")) else {
            throw ValidationError("--calibrate takes ZONE=SHARE, e.g. HT0111=0.9")
        }
        if kv[1].hasSuffix("%") { v /= 100 }
        guard (0...1).contains(v) else { throw ValidationError("--calibrate share must be within 0–1") }
        return (kv[0], v)
    }

    var parameters: SurfaceParameters {
        var p = SurfaceParameters()
        p.cellKm = cellKm
        p.bandwidthKm = bandwidthKm
        p.halfLifeDays = halfLifeDays
        p.theta = theta
        p.densityRatio = densityRatio
        p.minInfluence = minInfluence
        p.bootstrap = bootstrap
        p.seed = seed
        return p
    }

    /// Everything the analysis needs, loaded.
    struct Context {
        var zones: ZoneSet
        var layer: ZoneLayer
        var gazetteer: Gazetteer
        var classifier: ActorClassifier
        var evidence: EvidenceModel
        var loaded: InputLoader.Loaded
        var controlAreas: [ControlArea]?
        var reported: [ReportedObservation]
        var sources: [String]
        var warnings: [String]
    }

    /// Loads zones, gazetteer, actors, control areas, reported figures and
    /// (unless `incidents` is false: they are read elsewhere, e.g. from PostGIS) the incident inputs.
    /// `preferLevel`: the zone level used when `--level` is not given (if the boundaries have it).
    /// `each`: when given, called once the zones are chosen with the context so far; the function it
    /// returns receives every incident as it is read and placed, and the context keeps none of them.
    func load(boundaries: BoundaryOptions, incidents: Bool = true, preferLevel: String? = nil,
              each: ((Context) throws -> (Incident) throws -> Void)? = nil) throws -> Context {
        var (set, layer) = try boundaries.resolve()
        if boundaries.level == nil, let preferLevel, let l = set.layers.first(where: { $0.level == preferLevel }) { layer = l }
        let gazetteer = try GazetteerBuilder.build(.init(boundaries: [], gazetteers: self.gazetteer))
        gazetteer.add(zones: set)
        gazetteer.prepare()
        let actorTable = try ActorTable(path: try actors ?? EmbeddedGeodata.path("actors/haiti-actors.csv"))
        let rules = try ActorRules(path: try actorRules ?? EmbeddedGeodata.path("actors/acled-actor-rules.csv"))
        let classifier = ActorClassifier(table: actorTable, rules: rules)
        let evidenceModel = try EvidenceModel(path: try evidence ?? EmbeddedGeodata.path("control/evidence-model.csv"))
        var loader = InputLoader(gazetteer: gazetteer, zones: set, actors: actorTable)
        loader.worldPlacesPath = try? EmbeddedGeodata.path("gazetteer/world-places.tsv")
        loader.columnMapping = try columns.map(IncidentTableReader.parseMapping) ?? [:]
        loader.onError = errorPolicy
        loader.dateOrder = dateFormat.flatMap { NumericDateOrder(pattern: $0) } ?? .unambiguousOnly
        loader.articleDate = (date ?? asOf).flatMap { CalendarDate(iso8601: $0) }
        var inputs = self.inputs
        var reportedFiles = self.reported
        var sources = inputs
        if demo && incidents {
            // Demo data is never taken for real data silently: asked for by name, said first on standard error, and
            // in the footer's sources.
            FileHandle.standardError.write(Data("incidentmap: DEMO: the embedded demo scenario (Geo/scenario, from the seed briefing), not real data\n".utf8))
            inputs = [try EmbeddedGeodata.path("scenario/incidents.csv")]
            if reportedFiles.isEmpty { reportedFiles = [try EmbeddedGeodata.path("scenario/reported.csv")] }
            sources = ["DEMO: embedded scenario Geo/scenario (from the seed briefing), not real data"]
        } else if inputs.isEmpty && incidents {
            // Control maps or reported figures alone are a real question (no incidents); nothing at all is a mistake.
            guard control != nil || !reportedFiles.isEmpty else {
                throw ValidationError("no incident file given: name one (or - for a CSV on standard input), or give --demo for the built-in scenario")
            }
            FileHandle.standardError.write(Data("incidentmap: no incident file given: estimating from \(control != nil ? "the control areas" : "the reported figures") alone\n".utf8))
        }
        var ctx = Context(zones: set, layer: layer, gazetteer: gazetteer, classifier: classifier, evidence: evidenceModel, loaded: .init(), controlAreas: nil,
                          reported: [], sources: [], warnings: [])
        if let each {
            ctx.loaded = try loader.read(inputs, each: try each(ctx))
        } else {
            ctx.loaded = try loader.load(inputs)
        }
        let loaded = ctx.loaded
        // Too little kept to go on with: stop before anything is written (unless --on-error skip says go on).
        if onError == nil, let failure = loaded.report.failure { throw InputFailure(reason: failure) }
        var reported = loaded.reported
        for f in reportedFiles { reported += try ReportedObservations.read(path: f) }
        let unmatched = ReportedObservations.match(&reported, zones: set, gazetteer: gazetteer)
        let groups = try zoneGroups()
        var warnings = unmatched.filter { o in !groups.contains { $0.isNamed(o.zoneText) } }
            .map { "reported zone '\($0.zoneText)' (\($0.origin)) matches no zone" }
        let areas = try control.map { try ControlAreaLoader.load(path: $0, classifier: classifier, repair: boundaries.repair) }
        if let control { sources.append("control areas \(control)") }
        sources += reportedFiles.map { "reported \($0)" }
        // Every warning the read kept (standard error shows the first 20; --warnings FILE gets them all).
        warnings += loaded.report.allWarnings
        if loaded.report.warningsLeftOut > 0 {
            warnings.append("… \(loaded.report.warningsLeftOut) more warnings (only the first \(ReadReport.lineLimit) are kept)")
        }
        warnings += loaded.report.problems.map { "rejected: " + $0 }
        if loaded.report.problemsLeftOut > 0 {
            warnings.append("rejected: … \(loaded.report.problemsLeftOut) more rows (only the first \(ReadReport.lineLimit) reasons are kept)")
        }
        ctx.controlAreas = areas
        ctx.reported = reported
        ctx.sources = sources
        ctx.warnings = warnings
        return ctx
    }

    /// The embedded groups (Geo/control/groups.csv) and those of --group (a --group of the same name replaces the embedded one).
    func zoneGroups() throws -> [ZoneGroup] {
        let given = try group.map(ZoneGroup.parse)
        let embedded = (try? EmbeddedGeodata.path("control/groups.csv")).flatMap { try? ZoneGroup.read(path: $0) } ?? []
        return embedded.filter { e in !given.contains { $0.name == e.name } } + given
    }

    var errorPolicy: OnError { onError ?? .skip }

    /// `--warnings FILE` can be written: checked before the work, so a long run never ends on it.
    func checkWarningsFile() throws {
        if let warningsFile { try OutputPath.checkFile(warningsFile) }
    }

    /// Ends a run that went on with too little (`--on-error skip` given explicitly): says so on the
    /// last line of standard error and exits with status 2.
    func finish(_ counts: ReadReport) throws {
        guard onError == .skip, let failure = counts.failure else { return }
        FileHandle.standardError.write(Data("incidentmap: went on with what was kept (--on-error skip), but \(failure)\n".utf8))
        throw ExitCode(2)
    }

    func builder(_ ctx: Context) -> ZoneSummaryBuilder {
        var builder = ZoneSummaryBuilder(classifier: ctx.classifier, evidence: ctx.evidence)
        builder.parameters = parameters
        builder.asOf = asOf.flatMap { CalendarDate(iso8601: $0) }
        builder.since = since.flatMap { CalendarDate(iso8601: $0) }
        builder.places = ctx.gazetteer.places.filter { $0.kind == .populatedPlace && ($0.population ?? 0) > 0 }
        builder.groups = (try? zoneGroups()) ?? []
        return builder
    }

    /// The zone of `--calibrate`, at the context's level.
    func calibrationTarget(_ ctx: Context) throws -> (zone: Zone, share: Double)? {
        guard let calibrate else { return nil }
        let (zoneText, share) = try parseCalibration(calibrate)
        let key = NameNormalizer.key(zoneText)
        guard let zone = ctx.layer.zones.first(where: { $0.id == zoneText.uppercased() || NameNormalizer.key($0.name) == key }) else {
            throw ValidationError("--calibrate: no zone '\(zoneText)' at level \(ctx.layer.level)")
        }
        return (zone, share)
    }

    /// The zone summary for a context.
    func summarize(_ ctx: Context, zones: [Zone], progress: ProgressMeter? = nil) throws -> SummaryReport {
        var builder = builder(ctx)
        builder.progress = progress
        var report = try builder.build(zones: zones, level: ctx.layer.level, incidents: ctx.loaded.incidents, controlAreas: ctx.controlAreas,
                                       reported: ctx.reported, counts: ctx.loaded.report, sources: ctx.sources)
        report.warnings = ctx.warnings + report.warnings
        if let (zone, share) = try calibrationTarget(ctx) {
            report.calibration = try builder.calibrate(zones: ctx.layer.zones, zoneID: zone.id, target: share, incidents: ctx.loaded.incidents)
        }
        return report
    }
}

/// The inputs gave too little to go on with (no event kept, or more than half rejected).
struct InputFailure: Error, CustomStringConvertible {
    let reason: String
    var description: String { "\(reason) (nothing written; --on-error skip goes on with what was kept)" }
}

extension ControlTimeline.Every: ExpressibleByArgument {}
