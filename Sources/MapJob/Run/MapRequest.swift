import ControlShare
import Foundation
import GeoCore
import Incidents
import Zones

/// What one run of the main job is asked to do: its inputs, zones, tables, dates and model parameters — the typed
/// form of `incidentmap map` / `summary` / `serve` arguments. A field left nil takes the country profile's default.
/// ``MapRun`` carries it out.
public struct MapRequest: Sendable {
    /// Incident files (ACLED CSV or API JSON, mapped CSV, GeoJSON, JSON Lines) and plain-text articles; `-` is a CSV
    /// on standard input.
    public var inputs: [String] = []
    /// Run on the profile's demo scenario (`Geo/scenario`) instead of `inputs`.
    public var demo = false
    /// Read the incident inputs (false: they are read elsewhere, e.g. counted in PostGIS).
    public var readsIncidents = true
    public var boundaries = BoundarySource()
    /// The country profile (`Geo/profiles/ISO3.tsv`).
    public var country = CountryProfile.defaultISO3
    /// The `Geo/` folder whose country profiles are read (the command line gives ``EmbeddedGeodata/folder()``, found
    /// beside the program; the library looks for none itself).
    public var geoFolder: String?
    /// Control-area polygons (controller, since, until, source, confidence).
    public var controlAreas: String?
    /// Reported-figure CSVs (zone,class,share,date,source).
    public var reported: [String] = []
    public var asOf: CalendarDate?
    public var since: CalendarDate?
    /// `--where` / `--select` over the incidents (fields as in the incidents layer): rows left out of every count and
    /// estimate, columns of the incidents layer.
    public var incidentShaping = IncidentExport.Shaping()
    /// Report date of text articles, for relative dates (nil: `asOf`).
    public var articleDate: CalendarDate?
    public var actors: String?
    public var actorRules: String?
    public var evidence: String?
    /// A population surface replacing the profile's (`none`: no population surface, shares by area and by the
    /// gazetteer's populated places).
    public var populationSurface: String?
    /// More gazetteer files (GeoNames dump or postal).
    public var gazetteers: [String] = []
    /// Column mapping for non-ACLED CSVs (`latitude` → the file's column).
    public var columnMapping: [String: String] = [:]
    /// nil: skip unusable rows and report them, but stop when no event is kept or more than half are rejected.
    public var onError: OnError?
    public var dateOrder: NumericDateOrder = .unambiguousOnly
    public var parameters = SurfaceParameters()
    /// Control over time, at the end of every month or quarter.
    public var every: ControlTimeline.Every?
    /// Zone groups added to (or replacing, by name) the profile's.
    public var groups: [ZoneGroup] = []
    /// Where boundary validity and the surface's cell–zone overlaps are remembered between runs (nil: nowhere).
    public var cacheFolder: CacheFolder?
    /// Fit θ so the gang share of this zone (p-code or name) matches `share`.
    public var calibration: Calibration?

    public struct Calibration: Sendable, Equatable {
        public var zone: String
        public var share: Double
        public init(zone: String, share: Double) {
            self.zone = zone
            self.share = share
        }

        /// `ZONE=SHARE`, the share as 0.9 or 90%.
        public init(parsing text: String) throws {
            let kv = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2, var v = Double(kv[1].replacingOccurrences(of: "%", with: "")) else {
                throw MapRunError.badCalibration("takes ZONE=SHARE, e.g. HT0111=0.9")
            }
            if kv[1].hasSuffix("%") { v /= 100 }
            guard (0...1).contains(v) else { throw MapRunError.badCalibration("share must be within 0–1") }
            self.init(zone: kv[0], share: v)
        }
    }

    public init(inputs: [String] = [], demo: Bool = false) {
        self.inputs = inputs
        self.demo = demo
    }

    /// The error policy in force (`skip` when none was given).
    public var errorPolicy: OnError { onError ?? .skip }

    /// What a run says before it starts, on standard error: demo data is never taken for real data silently; a
    /// run on control maps or reported figures alone says so. nil: nothing to say.
    public var notice: String? {
        guard readsIncidents else { return nil }
        if demo { return "DEMO: the embedded demo scenario (Geo/scenario, from the seed briefing), not real data" }
        if inputs.isEmpty, controlAreas != nil || !reported.isEmpty {
            return "no incident file given: estimating from \(controlAreas != nil ? "the control areas" : "the reported figures") alone"
        }
        return nil
    }

    /// The request's own consistency (what argument parsing cannot see).
    public func validate() throws {
        if demo, !inputs.isEmpty { throw MapRunError.usage("give incident files or --demo, not both") }
        if readsIncidents, !demo, inputs.isEmpty, controlAreas == nil, reported.isEmpty {
            throw MapRunError.usage("no incident file given: name one (or - for a CSV on standard input), or give --demo for the built-in scenario")
        }
    }
}
