import ArgumentParser
import ControlShare
import Foundation
import GeoCore
import Gazetteer
import Incidents
import MapJob
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
    var asOf: CalendarDate?

    @Option(help: ArgumentHelp("Ignore incidents before this date.", valueName: "YYYY-MM-DD"))
    var since: CalendarDate?

    @Option(help: ArgumentHelp("Report date of text articles, for relative dates (default: --as-of).", valueName: "YYYY-MM-DD"))
    var date: CalendarDate?

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

    @Option(help: ArgumentHelp("A zone made of zones, summarised like any zone (repeatable): NAME=PCODE,PCODE,… A profile may add its own (HTI's 'capital', Geo/control/groups.csv).", valueName: "name=pcodes"))
    var group: [String] = []

    @Option(help: ArgumentHelp("Evidence model: what each event says about who holds the ground (CSV sub_event_type,actor1,actor2,layer,class,weight). Default: Geo/control/evidence-model.csv.", valueName: "file"))
    var evidence: String?

    @Option(help: ArgumentHelp("The incident tables' delimiter: ',', ';' (French Excel), 'tab' or '|'. Default: found from each file's header line (a comma if it has one, else a semicolon or a tab).", valueName: "c"))
    var delimiter: String?

    @Option(name: .customLong("population-surface"), help: ArgumentHelp("Where people live: points with a population (a .tsv/.csv with longitude, latitude, population columns, or GeoJSON points or polygons with a 'population' field). Events known only to their zone are spread over its people and shares by people lead. Default: the country profile's (HTI: Geo/population/hti-population.tsv); 'none' for none.", valueName: "file"))
    var populationSurface: String?

    @Option(name: .customLong("zone-min-evidence"), help: "Incident surface: the weight of a zone's events known only to the zone at which they decide its cells no located evidence reaches (0: never).")
    var zoneMinEvidence: Double = SurfaceParameters().zoneMinEvidence

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
        guard cellKm > 0, bandwidthKm > 0, halfLifeDays > 0, minInfluence >= 0, bootstrap >= 0 else {
            throw ValidationError("--cell-km, --bandwidth-km and --half-life-days must be positive; --min-influence and --bootstrap not negative")
        }
        guard theta > 0.5 - 1e-12, theta <= 1 else { throw ValidationError("--theta must be between 0.5 and 1") }
        guard zoneMinEvidence >= 0 else { throw ValidationError("--zone-min-evidence must not be negative") }
        if let delimiter {
            guard let c = Self.delimiterCharacter(delimiter) else {
                throw ValidationError("--delimiter is one character (',', ';', '|') or 'tab', got '\(delimiter)'")
            }
            IncidentTableReader.delimiterOverride = c
        }
        guard densityRatio >= 0, densityRatio <= 1 else { throw ValidationError("--density-ratio must be between 0 and 1") }
        if let dateFormat, NumericDateOrder(pattern: dateFormat) == nil {
            throw ValidationError("--date-format is dmy, mdy or auto (or a pattern such as DD/MM/YYYY, %m/%d/%Y)")
        }
        if demo, !inputs.isEmpty { throw ValidationError("give incident files or --demo, not both") }
        if let calibrate { _ = try usage { try MapRequest.Calibration(parsing: calibrate) } }
        for g in group { _ = try ZoneGroup.parse(g) }
    }

    var parameters: SurfaceParameters {
        var p = SurfaceParameters()
        p.cellKm = cellKm
        p.bandwidthKm = bandwidthKm
        p.halfLifeDays = halfLifeDays
        p.theta = theta
        p.densityRatio = densityRatio
        p.minInfluence = minInfluence
        p.zoneMinEvidence = zoneMinEvidence
        p.bootstrap = bootstrap
        p.seed = seed
        return p
    }

    /// The typed request these options (and the boundary options) ask for. `readsIncidents` false: the incidents are
    /// read elsewhere (e.g. counted in PostGIS).
    func request(boundaries: BoundaryOptions, readsIncidents: Bool = true) throws -> MapRequest {
        var r = MapRequest(inputs: inputs, demo: demo)
        r.readsIncidents = readsIncidents
        r.boundaries = boundaries.source
        r.country = boundaries.country
        r.geoFolder = EmbeddedGeodata.folder()
        r.controlAreas = control
        r.reported = reported
        r.asOf = asOf
        r.since = since
        r.articleDate = date
        r.actors = actors
        r.actorRules = actorRules
        r.evidence = evidence
        r.populationSurface = populationSurface
        r.gazetteers = gazetteer
        r.columnMapping = try columns.map(IncidentTableReader.parseMapping) ?? [:]
        r.onError = onError
        r.dateOrder = dateFormat.flatMap { NumericDateOrder(pattern: $0) } ?? .unambiguousOnly
        r.parameters = parameters
        r.cacheFolder = CacheFolder.user
        r.every = every
        r.groups = try group.map(ZoneGroup.parse)
        r.calibration = try calibrate.map { c in try usage { try MapRequest.Calibration(parsing: c) } }
        try usage { try r.validate() }
        return r
    }

    /// The run these options ask for, its notice (demo data, no incident file) said first on standard error.
    func run(boundaries: BoundaryOptions, readsIncidents: Bool = true, shaping: IncidentExport.Shaping = IncidentExport.Shaping()) throws -> MapRun {
        var request = try request(boundaries: boundaries, readsIncidents: readsIncidents)
        request.incidentShaping = shaping
        if let notice = request.notice { StandardError.write(Data("incidentmap: \(notice)\n".utf8)) }
        return try usage { try MapRun(request) }
    }

    /// `--warnings FILE` can be written: checked before the work, so a long run never ends on it.
    func checkWarningsFile() throws {
        if let warningsFile { try OutputPath.checkFile(warningsFile, overwrite: true) }
    }

    /// Ends a run that went on with too little (`--on-error skip` given explicitly): says so on the
    /// last line of standard error and exits with status 2.
    func finish(_ counts: ReadReport) throws {
        guard onError == .skip, let failure = counts.failure else { return }
        StandardError.write(Data("incidentmap: went on with what was kept (--on-error skip), but \(failure)\n".utf8))
        throw ExitCode(2)
    }
}

/// A request's own mistakes (``MapRunError/isUsage``) are usage errors on the command line: said with the usage, exit 64.
func usage<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as MapRunError where e.isUsage { throw ValidationError(e.description) }
}

extension ControlTimeline.Every: ExpressibleByArgument {}

extension AnalysisOptions {
    /// `--delimiter`'s character: one ASCII punctuation or space character, or `tab` / `\t`.
    static func delimiterCharacter(_ s: String) -> Character? {
        if s == "tab" || s == "\\t" || s == "\t" { return "\t" }
        guard s.count == 1, let c = s.first, c.isASCII, !c.isLetter, !c.isNumber, c != "\"", c != "\n", c != "\r" else { return nil }
        return c
    }
}
