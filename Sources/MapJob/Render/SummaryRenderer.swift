import ControlShare
import Foundation
import GeoCore
import Incidents
import LayerIO

/// Prints summaries as an aligned table, Markdown, CSV or JSON.
///
/// Shares: `gang` share of area by the incident surface with its 90%
/// interval, by overlay when control areas were given, population-weighted
/// when places with population are known, and the reported figures beside.
/// "no information" is printed when nothing is known (never 0%).
public struct SummaryRenderer {
    public let report: SummaryReport
    public var colour: Bool
    /// The terminal's width, which cells are cut to fit; `nil`: never cut (a file or a pipe).
    public var width: Int?
    /// With a control timeline: a sparkline column of the gang share per zone, and its lines in the footer.
    public var timeline: ControlTimeline?

    public init(report: SummaryReport, colour: Bool = false, width: Int? = 120) {
        self.report = report
        self.colour = colour
        self.width = width
    }

    static func percent(_ v: Double?) -> String { v.map { String(format: "%.0f%%", $0 * 100) } ?? "–" }

    /// A 10-character bar for a share (▮ filled, ▯ empty).
    static func bar(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "" }
        let filled = max(0, min(10, Int((v * 10).rounded())))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
    }

    /// The gang share with its interval, by people when `people` and the zone has people, else by area.
    func surfaceGang(_ r: ZoneSummaryRow, people: Bool = false) -> String {
        // Counted but not estimated: aggregated counts, which give no surface.
        guard let est = r.surface else { return r.incidents > 0 ? "not estimated" : "no incidents" }
        let s = people ? IncidentSurface.headline(est) : IncidentSurface.byArea(est)
        if s.noInformation >= 0.999 { return "no information" }
        let g = s.shares[.gang] ?? 0
        let thin = est.isThin ? " thin evidence" : ""
        if let iv = s.interval[.gang] { return "\(Self.percent(g)) [\(Self.percent(iv.0))–\(Self.percent(iv.1))]\(thin)" }
        return Self.percent(g) + thin
    }

    /// Whether the surface's shares by people lead the table (a population surface gave the zones people).
    var peopleLead: Bool { report.rows.contains { $0.surface?.people != nil } }

    func reportedText(_ r: ZoneSummaryRow) -> String {
        (r.reported.map { "\(Self.percent($0.share)) \($0.actorClass) (\($0.source ?? "?"), \($0.date?.description ?? "undated"))" }
         + r.reportedParts.map { "part: \($0.zoneText) \(Self.percent($0.share)) \($0.actorClass) (\($0.source ?? "?"), \($0.date?.description ?? "undated"))" })
            .joined(separator: "; ")
    }

    public func table() -> String {
        let lead = peopleLead
        var headers = lead ? ["pcode", "name", "population", "incidents", "fatal", "last", "gang (people)", "", "combat", "no info", "gang (area)"]
            : ["pcode", "name", "area_km2", "incidents", "fatal", "last", "gang (surface)", "", "combat", "no info"]
        let hasOverlay = report.rows.contains { $0.overlay != nil }
        let hasPop = !lead && report.rows.contains { $0.surfacePopulation != nil || $0.overlayPopulation != nil }
        if hasOverlay { headers += ["gang (overlay)"] }
        if hasPop { headers += ["gang (people)"] }
        let spark = timeline.map { t in Dictionary(t.zones.indices.map { (t.zones[$0].id, t.sparkline(zone: $0)) }, uniquingKeysWith: { a, _ in a }) }
        if let t = timeline { headers += ["gang by \(t.every.rawValue)"] }
        headers += ["reported", "top actors"]
        var t = TextTable(headers: headers, alignments: headers.map { ["area_km2", "population", "incidents", "fatal", "combat", "no info"].contains($0) ? .right : .left })
        for r in shownRows {
            let shown = r.surface.map { lead ? IncidentSurface.headline($0) : IncidentSurface.byArea($0) }
            let combat = shown?.combat
            let gang = shown.map { $0.noInformation >= 0.999 ? nil : $0.shares[.gang] } ?? nil
            var bar = Self.bar(gang)
            if colour, !bar.isEmpty { bar = "\u{1B}[31m" + bar + "\u{1B}[0m" }
            let clean = TerminalText.clean
            var row = [clean(r.zone.id), clean(r.zone.name), lead ? (r.zone.population.map { String(format: "%.0f", $0) } ?? "–") : String(format: "%.1f", r.zone.areaKm2),
                       String(r.incidents), String(r.fatalities),
                       r.lastDate?.description ?? "", surfaceGang(r, people: lead), bar, Self.percent(combat), Self.percent(shown?.noInformation)]
            if lead { row.append(r.surface.map { $0.noInformation >= 0.999 ? "no information" : Self.percent($0.shares[.gang]) } ?? "–") }
            if hasOverlay { row.append(r.overlay.map { Self.percent($0[.gang] ?? 0) } ?? "–") }
            if hasPop { row.append(Self.percent(r.surfacePopulation?[.gang] ?? r.overlayPopulation?[.gang])) }
            if let spark { row.append(spark[r.zone.id] ?? "") }
            row += [clean(reportedText(r)), clean(r.topActors.joined(separator: ", "))]
            t.append(row)
        }
        let maxCell = width.map { max(16, min(48, $0 / 6)) }
        // Columns left out first when the table is wider than the terminal (docs/cli.md): top actors, the timeline,
        // reported figures, the last date, fatalities, the share by area, combat, no information.
        let dropOrder = ["top actors", "gang by month", "gang by quarter", "reported", "last", "fatal", "gang (area)", "gang (overlay)", "combat", "no info"]
            .compactMap { h in headers.firstIndex(of: h) }
        var lines = footer()
        let hidden = report.rows.count - shownRows.count
        if hidden > 0 {
            lines.insert("\(hidden) more zones with no incidents, no estimate and no reported figure are not shown (--format csv or json lists every zone)", at: 1)
        }
        let footerLines = lines.map { "  " + TerminalText.clean($0) }.flatMap { l in width.map { Self.wrap(l, width: $0) } ?? [l] }
        return t.render(maxCellWidth: maxCell, fitting: width, dropping: dropOrder) + footerLines.joined(separator: "\n") + "\n"
    }

    /// `line` wrapped at spaces to `width` columns, continuation lines indented by four.
    static func wrap(_ line: String, width: Int) -> [String] {
        guard line.count > width, width > 20 else { return [line] }
        var out: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            let w = String(word)
            if !current.isEmpty && current.count + 1 + w.count > width {
                out.append(current)
                current = "    " + w
            } else {
                current += current.isEmpty ? w : " " + w
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// Whether a row has anything to show: incidents, an estimate with information, an overlay or a reported figure.
    public static func hasSomething(_ r: ZoneSummaryRow) -> Bool {
        r.incidents > 0 || !r.reported.isEmpty || !r.reportedParts.isEmpty || r.overlay != nil || (r.surface.map { $0.noInformation < 0.999 } ?? false)
    }

    /// The table's rows: the zones with something to show (all of them when none has); the rest are counted in the footer.
    var shownRows: [ZoneSummaryRow] {
        let some = report.rows.filter(Self.hasSomething)
        return some.isEmpty ? report.rows : some
    }

    public func footer() -> [String] {
        var lines: [String] = []
        let window = [report.since.map { "from \($0)" }, report.asOf.map { "to \($0)" }].compactMap { $0 }.joined(separator: " ")
        let range = report.inRange.map { n in "; \(n) of them in range (\(window), undated included) used" } ?? ""
        lines.append("level \(report.level): \(report.rows.count) zones; incidents \(report.counts.description)\(range); \(report.unplaced) not in any zone shown")
        if let (count, how) = report.notShownByTop { lines.append("\(count) more zones with incidents or estimates are not shown (--top); \(how)") }
        lines.append("surface: \(report.parameters.description); as of \(report.asOf?.description ?? "all dates")\(report.since.map { ", since \($0)" } ?? "")")
        if peopleLead {
            lines.append("gang (people) = share of the zone's people living where the evidence shows gangs holding the ground, with the 90% bootstrap interval — the headline; combat and no info are shares of people too; gang (area) = the same by area (a rural commune's town holds most of its people on a small part of its area)")
        }
        lines.append("gang (surface) = share of the zone's area where the evidence shows gangs holding the ground, with the 90% bootstrap interval; combat = share under active combat (raids, gunfire: nobody's ground); \"thin evidence\" below \(Int(IncidentSurface.ZoneEstimate.thinEvidence)) events' weight in the zone; overlay = exact share inside control areas; reported = figures as published, never blended")
        lines.append(report.populationMethod)
        if let c = report.calibration {
            lines.append("calibration: θ = \(String(format: "%.2f", c.theta)) fits \(c.zone) to \(Self.percent(c.estimate)) (reported \(Self.percent(c.target)), error \(String(format: "%.3f", c.error)))")
        }
        if let t = timeline { lines += TimelineRenderer(t).footer() }
        if let a = report.actors, a.total > 0 { lines.append(a.description) }
        if report.counts.precisionInferred > 0 {
            lines.append("location precision: \(report.counts.precisionInferred) events without geo_precision sit on their admin unit's default point (location = the unit's name): precision 2 (3 for a department) inferred")
        }
        if !report.sources.isEmpty { lines.append("sources: " + report.sources.joined(separator: ", ")) }
        // (Warnings are not part of the table: the command writes them on standard error.)
        lines.append(Self.closingLine(report.counts))
        return lines
    }

    /// The last line of every summary: what was read, kept and rejected, and whether that is enough.
    public static func closingLine(_ c: ReadReport) -> String {
        var s = "incidents: read \(c.read), kept \(c.kept)\(c.geocoded > 0 ? " (\(c.geocoded) placed by name)" : ""), rejected \(c.rejected)"
        if let f = c.failure { s += " — NOT ENOUGH: " + f }
        return s
    }

    public func markdown() -> String {
        var out = "| pcode | name | area km² | incidents | fatalities | gang (surface) | no information | gang (overlay) | reported |\n"
        out += "|---|---|---:|---:|---:|---|---:|---:|---|\n"
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        for r in report.rows {
            out += "| \(r.zone.id) | \(esc(r.zone.name)) | \(String(format: "%.1f", r.zone.areaKm2)) | \(r.incidents) | \(r.fatalities) | \(surfaceGang(r)) | \(Self.percent(r.surface?.noInformation)) | \(r.overlay.map { Self.percent($0[.gang] ?? 0) } ?? "–") | \(esc(reportedText(r))) |\n"
        }
        out += "\n" + footer().map { "- " + $0 }.joined(separator: "\n") + "\n"
        return out
    }

    static let classes = ActorClassifier.controllingClasses

    public func csv() -> [UInt8] {
        let sink = CollectingSink()
        let w = CSVWriter(sink: sink)
        var header = ["pcode", "name", "level", "parent", "area_km2", "population", "incidents", "fatalities", "first_date", "last_date", "top_actors"]
        // The names of the zones layer's fields (one name per field in every output).
        for c in Self.classes { header += ["\(c)_share", "\(c)_lo", "\(c)_hi", "\(c)_overlay", "\(c)_people"] }
        header += ["contested", "no_information", "combat", "evidence", "thin_evidence", "reported_share", "reported_class", "reported_source", "reported_date"]
        // Shares by people with their intervals (the population surface's; empty without one), after the older columns.
        for c in Self.classes { header += ["\(c)_people_lo", "\(c)_people_hi"] }
        header += ["contested_people", "no_information_people", "combat_people"]
        try? w.writeRow(header)
        func f(_ v: Double?) -> String { v.map { String(format: "%.6f", $0) } ?? "" }
        for r in report.rows {
            var row = [r.zone.id, r.zone.name, r.zone.level.rawValue, r.zone.parentID ?? "", String(format: "%.4f", r.zone.areaKm2),
                       r.zone.population.map { String(format: "%.0f", $0) } ?? "", String(r.incidents), String(r.fatalities),
                       r.firstDate?.description ?? "", r.lastDate?.description ?? "", r.topActors.joined(separator: "; ")]
            let noInfo = (r.surface?.noInformation ?? 1) >= 0.999
            for c in Self.classes {
                row += [noInfo ? "" : f(r.surface?.shares[c]), f(r.surface?.interval[c]?.0), f(r.surface?.interval[c]?.1),
                        f(r.overlay.map { $0[c] ?? 0 }), f(r.surfacePopulation?[c] ?? r.overlayPopulation?[c])]
            }
            row += [f(r.surface?.contested), f(r.surface?.noInformation), f(r.surface?.combat), f(r.surface?.evidence),
                    r.surface.map { $0.isThin ? "true" : "false" } ?? ""]
            let rep = r.reported.first
            row += [f(rep?.share), rep?.actorClass.rawValue ?? "", rep?.source ?? "", rep?.date?.description ?? ""]
            let people = r.surface?.people
            for c in Self.classes { row += [f(people?.interval[c]?.0), f(people?.interval[c]?.1)] }
            row += [f(people?.contested), f(people?.noInformation), f(people?.combat)]
            try? w.writeRow(row)
        }
        try? w.finish()
        return sink.bytes
    }

    /// The JSON document (documented in the README):
    /// `{"level", "as_of", "since", "parameters": {...}, "population_method", "counts": {...},
    ///   "calibration", "warnings": [...], "zones": [{"pcode", "name", "level", "parent", "area_km2",
    ///   "population", "incidents", "by_event_type", "fatalities", "first_date", "last_date",
    ///   "top_actors", "surface": {"<class>": {"share", "lo", "hi"}, "contested", "no_information", "combat", "evidence",
    ///   "thin_evidence"} | null, "people_surface": {"<class>": {"share", "lo", "hi"}, "contested", "no_information", "combat",
    ///   "population"} | null (the same by people: the headline where a population surface is given),
    ///   "overlay": {"<class>": share} | null, "people": {"<class>": share} | null,
    ///   "reported": [{"share", "class", "source", "date", "origin"}], "rolled_up"}]}`.
    public func json() -> [UInt8] {
        func num(_ v: Double?) -> JSONValue { v.map { .double(($0 * 1e6).rounded() / 1e6) } ?? .null }
        func str(_ v: String?) -> JSONValue { v.map { .string($0) } ?? .null }
        let p = report.parameters
        let zones: [JSONValue] = report.rows.map { r in
            var surface: JSONValue = .null
            if let s = r.surface {
                var members: [(String, JSONValue)] = Self.classes.map { c in
                    (c.rawValue, .object([("share", s.noInformation >= 0.999 ? .null : num(s.shares[c])), ("lo", num(s.interval[c]?.0)), ("hi", num(s.interval[c]?.1))]))
                }
                members += [("contested", num(s.contested)), ("no_information", num(s.noInformation)), ("combat", num(s.combat)),
                            ("evidence", num(s.evidence)), ("thin_evidence", .bool(s.isThin))]
                surface = .object(members)
            }
            var peopleSurface: JSONValue = .null
            if let p = r.surface?.people {
                var members: [(String, JSONValue)] = Self.classes.map { c in
                    (c.rawValue, .object([("share", p.noInformation >= 0.999 ? .null : num(p.shares[c])), ("lo", num(p.interval[c]?.0)), ("hi", num(p.interval[c]?.1))]))
                }
                members += [("contested", num(p.contested)), ("no_information", num(p.noInformation)), ("combat", num(p.combat)), ("population", num(p.population))]
                peopleSurface = .object(members)
            }
            let overlay: JSONValue = r.overlay.map { o in .object(Self.classes.map { ($0.rawValue, num(o[$0] ?? 0)) }) } ?? .null
            let people: JSONValue = (r.surfacePopulation ?? r.overlayPopulation).map { o in .object(Self.classes.map { ($0.rawValue, num(o[$0] ?? 0)) }) } ?? .null
            return .object([
                ("pcode", .string(r.zone.id)), ("name", .string(r.zone.name)), ("level", .string(r.zone.level.rawValue)), ("parent", str(r.zone.parentID)),
                ("area_km2", num(r.zone.areaKm2)), ("population", num(r.zone.population)), ("incidents", .int(r.incidents)),
                ("by_event_type", .object(r.byEventType.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
                ("fatalities", .int(r.fatalities)), ("first_date", str(r.firstDate?.description)), ("last_date", str(r.lastDate?.description)),
                ("top_actors", .array(r.topActors.map { .string($0) })), ("surface", surface), ("people_surface", peopleSurface), ("overlay", overlay), ("people", people),
                ("overlap_km2", num(r.overlapKm2)),
                ("reported", .array(r.reported.map { .object([("share", num($0.share)), ("class", .string($0.actorClass.rawValue)), ("source", str($0.source)),
                                                              ("date", str($0.date?.description)), ("origin", .string($0.origin))]) })),
                ("reported_parts", .array(r.reportedParts.map { .object([("zone", .string($0.zoneText)), ("pcode", str($0.zoneID)), ("share", num($0.share)),
                                                                         ("class", .string($0.actorClass.rawValue)), ("source", str($0.source)),
                                                                         ("date", str($0.date?.description)), ("origin", .string($0.origin))]) })),
                ("rolled_up", .bool(r.rolledUp)),
            ])
        }
        let doc: JSONValue = .object([
            ("level", .string(report.level.rawValue)), ("as_of", str(report.asOf?.description)), ("since", str(report.since?.description)),
            ("parameters", .object([("evidence_model", .string(EvidenceModel.version)),
                                    ("cell_km", num(p.cellKm)), ("bandwidth_km", num(p.bandwidthKm)), ("half_life_days", num(p.halfLifeDays)),
                                    ("theta", num(p.theta)), ("density_ratio", num(p.densityRatio)), ("min_influence", num(p.minInfluence)), ("bootstrap", .int(p.bootstrap)),
                                    ("seed", .int(Int(p.seed)))])),
            ("population_method", .string(report.populationMethod)),
            ("counts", .object([("read", .int(report.counts.read)), ("kept", .int(report.counts.kept)), ("geocoded", .int(report.counts.geocoded)),
                                ("rejected", .int(report.counts.rejected)), ("not_in_zones", .int(report.unplaced)),
                                ("precision_inferred", .int(report.counts.precisionInferred)),
                                ("column_issues", .array(report.counts.columnIssues.map {
                                    .object([("file", .string($0.file)), ("column", .string($0.column)), ("values", .int($0.count)),
                                             ("first_line", .int($0.firstLine)), ("example", .string($0.example)), ("action", .string($0.action))])
                                }))])),
            ("actor_classes", report.actors.map { a in
                .object([("mentions", .object(a.mentions.sorted { $0.key < $1.key }.map { ($0.key.rawValue, JSONValue.int($0.value)) })),
                         ("unknown", .int(a.unknown)), ("low_confidence", .int(a.lowConfidence)),
                         ("top_unknown", .array(a.topUnknown(10).map { .object([("name", .string($0.name)), ("mentions", .int($0.mentions))]) }))])
            } ?? .null),
            ("calibration", report.calibration.map { .object([("zone", .string($0.zone)), ("target", num($0.target)), ("theta", num($0.theta)),
                                                               ("estimate", num($0.estimate)), ("error", num($0.error))]) } ?? .null),
            ("sources", .array(report.sources.map { .string($0) })),
            ("warnings", .array(report.warnings.map { .string($0) })),
            ("zones", .array(zones)),
        ])
        var out: [UInt8] = []
        JSONText.append(doc, to: &out)
        out.append(0x0A)
        return out
    }
}

/// Collects bytes in memory.
final class CollectingSink: ByteSink {
    var bytes: [UInt8] = []
    func write(_ b: [UInt8]) throws { bytes.append(contentsOf: b) }
    func finish() throws {}
}
