import ControlShare
import Foundation
import GeoCore
import Gazetteer
import Incidents
import Zones

/// Reads a run's inputs: incident tables (CSV, GeoJSON, JSON Lines) and
/// plain-text articles (`.txt`, through the extractor), places them, and
/// collects the control figures the articles report.
public struct InputLoader {
    public let gazetteer: Gazetteer
    public let zones: ZoneSet?
    public let actors: ActorTable
    public var worldPlacesPath: String?
    /// The country events read from text are written in (its profile's).
    public var country: ExtractionCountry
    public var columnMapping: [String: String] = [:]
    public var onError: OnError = .skip
    /// How all-numeric dates (03/04/2025) are read.
    public var dateOrder: NumericDateOrder = .unambiguousOnly
    /// Report date for relative dates in articles.
    public var articleDate: CalendarDate?

    public init(gazetteer: Gazetteer, zones: ZoneSet?, actors: ActorTable, country: ExtractionCountry) {
        self.gazetteer = gazetteer
        self.zones = zones
        self.actors = actors
        self.country = country
    }

    public struct Loaded: Sendable {
        public var incidents: [Incident] = []
        public var reported: [ReportedObservation] = []
        public var mentions: [PlaceMention] = []
        public var report = ReadReport()
        /// Rows of aggregated tables (counts per zone and period), joined to the zones; and the files they came from.
        public var aggregated: [AggregatedCount] = []
        public var aggregatedFiles: [String] = []
        /// The point locator the placing built, and the zone layer it covers (nil: nothing was placed by its point).
        public var placedWith: (locator: PointLocator, layer: ZoneLayer)?
        public init() {}

        /// The placing's point locator when it covers exactly `zones` at `level` (a summary's counting reuses it).
        public func locator(over zones: [Zone], level: ZoneLevel) -> PointLocator? {
            guard let p = placedWith, p.layer.level == level, p.layer.zones.map(\.id) == zones.map(\.id) else { return nil }
            return p.locator
        }
    }

    public func load(_ paths: [String]) throws -> Loaded {
        var incidents: [Incident] = []
        var out = try read(paths) { incidents.append($0) }
        out.incidents = incidents
        return out
    }

    /// Reads and places the inputs, handing each incident to `each` as it is
    /// placed (none is kept: the result's `incidents` stay empty), so inputs
    /// of any size pass in memory proportional to one row.
    public func read(_ paths: [String], each: (Incident) throws -> Void) throws -> Loaded {
        var out = Loaded()
        // Counts and events do not add up: aggregated tables are read alone.
        let aggregatedPaths = paths.filter(AggregatedCountTable.isAggregated(path:))
        if let first = aggregatedPaths.first, aggregatedPaths.count < paths.count {
            throw IncidentRowError(file: first, line: 1, column: nil, reason: """
                aggregated data (counts per zone and period) cannot be read beside event files \
                (\(paths.filter { !aggregatedPaths.contains($0) }.prefix(3).joined(separator: ", "))): give the counts alone
                """)
        }
        // Built on the first row (its point locator is not needed for articles or empty tables).
        var placer: IncidentPlacer?
        for path in paths {
            if (path as NSString).pathExtension.lowercased() == "txt" {
                if let problem = TextExtractor.sizeProblem(path: path) { throw IncidentRowError(file: path, line: 0, column: nil, reason: problem) }
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw IncidentRowError(file: path, line: 0, column: nil, reason: "cannot read the article as UTF-8 text")
                }
                let extractor = try TextExtractor(gazetteer: gazetteer, actors: actors, worldPlacesPath: worldPlacesPath, country: country)
                let e = extractor.extract(text: text, file: path, reportDate: articleDate)
                for i in e.incidents { try each(i) }
                out.reported += ReportedObservations.from(e)
                out.mentions += e.mentions
                for w in e.warnings { out.report.warn(w) }
                out.report.read += e.incidents.count
                out.report.kept += e.incidents.count
                continue
            }
            if aggregatedPaths.contains(path) {
                var (counts, report) = try AggregatedCountTable.read(path: path)
                if let zones { AggregatedJoin.join(&counts, zones: zones, report: &report) }
                out.aggregated += counts
                out.aggregatedFiles.append(path)
                out.report.absorb(report)
                continue
            }
            var placing = ReadReport()
            var unplaceable = 0
            // Rows are parsed on a thread of their own while this one places them and hands them on: the two halves
            // of the work (about equal on a large table) overlap, and the rows stay in order.
            var r = try IncidentSource.readAside(path: path, columnMapping: columnMapping, onError: onError, dateOrder: dateOrder) { row in
                var row = row
                if placer == nil { placer = IncidentPlacer(gazetteer: gazetteer, zones: zones, adminLevels: country.adminLevels) }
                guard placer!.place(&row, report: &placing, where: "\(path) \(row.whereRead)") else {
                    // A row needs coordinates or a place name the gazetteer knows: nothing else puts it on the map.
                    let e = IncidentRowError(file: path, line: 0, column: nil,
                                             reason: "\(row.whereRead): no coordinates, and no location/admin name the gazetteer knows\(row.location.map { " ('\($0)')" } ?? "")")
                    if onError == .fail { throw e }
                    unplaceable += 1
                    placing.problem(e.description.replacingOccurrences(of: ":0: ", with: ": "))
                    return
                }
                try each(row)
            }
            r.kept -= unplaceable
            r.rejected += unplaceable
            r.absorb(placing)
            out.report.absorb(r)
        }
        out.placedWith = placer?.pointLocator
        return out
    }
}
