import ControlShare
import Foundation
import GeoCore
import LayerIO

/// Prints a control timeline: the long table (CSV, JSON), the terminal's
/// sparklines and "changed most" lines, and an SVG of small multiples.
public struct TimelineRenderer {
    public let timeline: ControlTimeline

    public init(_ timeline: ControlTimeline) { self.timeline = timeline }

    static func f(_ v: Double?) -> String { v.map { String(format: "%.6f", $0) } ?? "" }

    /// One row per zone, period end and class:
    /// `pcode,name,period_end,class,share,lo,hi,combat,contested,no_information,evidence,thin_evidence,people_share,people_lo,
    /// people_hi,people_contested,people_no_information,people_combat` (shares by area, then by people; the people columns are
    /// empty without a population surface).
    public func csv() -> [UInt8] {
        let sink = CollectingSink()
        let w = CSVWriter(sink: sink)
        try? w.writeRow(["pcode", "name", "period_end", "class", "share", "lo", "hi", "combat", "contested", "no_information", "evidence", "thin_evidence",
                          "people_share", "people_lo", "people_hi", "people_contested", "people_no_information", "people_combat"])
        for (z, zone) in timeline.zones.enumerated() {
            for (k, end) in timeline.periodEnds.enumerated() {
                let e = timeline.estimates[k][z]
                let none = e.noInformation >= 0.999
                for c in ActorClassifier.controllingClasses {
                    try? w.writeRow([zone.id, zone.name, end.description, c.rawValue, none ? "" : Self.f(e.shares[c]), Self.f(e.interval[c]?.0), Self.f(e.interval[c]?.1),
                                     Self.f(e.combat), Self.f(e.contested), Self.f(e.noInformation), Self.f(e.evidence), e.isThin ? "true" : "false",
                                     (e.people?.noInformation ?? 1) >= 0.999 ? "" : Self.f(e.people?.shares[c]), Self.f(e.people?.interval[c]?.0),
                                     Self.f(e.people?.interval[c]?.1), Self.f(e.people?.contested), Self.f(e.people?.noInformation), Self.f(e.people?.combat)])
                }
            }
        }
        try? w.finish()
        return sink.bytes
    }

    /// `{"every", "period_ends": [...], "bootstrap", "rows": [{"pcode", "name", "period_end", "class", "share", "lo", "hi",
    /// "combat", "contested", "no_information", "evidence", "thin_evidence"}], "changes": [{"pcode", "name", "from", "to",
    /// "gang_from", "gang_to"}]}`.
    public func json() -> [UInt8] {
        func num(_ v: Double?) -> JSONValue { v.map { .double(($0 * 1e6).rounded() / 1e6) } ?? .null }
        var rows: [JSONValue] = []
        for (z, zone) in timeline.zones.enumerated() {
            for (k, end) in timeline.periodEnds.enumerated() {
                let e = timeline.estimates[k][z]
                for c in ActorClassifier.controllingClasses {
                    rows.append(.object([("pcode", .string(zone.id)), ("name", .string(zone.name)), ("period_end", .string(end.description)),
                                         ("class", .string(c.rawValue)), ("share", e.noInformation >= 0.999 ? .null : num(e.shares[c])),
                                         ("lo", num(e.interval[c]?.0)), ("hi", num(e.interval[c]?.1)), ("combat", num(e.combat)),
                                         ("contested", num(e.contested)), ("no_information", num(e.noInformation)), ("evidence", num(e.evidence)),
                                         ("thin_evidence", .bool(e.isThin)),
                                         ("people", e.people.map { p in
                                             .object([("share", p.noInformation >= 0.999 ? .null : num(p.shares[c])), ("lo", num(p.interval[c]?.0)),
                                                      ("hi", num(p.interval[c]?.1)), ("contested", num(p.contested)),
                                                      ("no_information", num(p.noInformation)), ("combat", num(p.combat))])
                                         } ?? .null)]))
                }
            }
        }
        let changes: [JSONValue] = timeline.changes().map { c in
            .object([("pcode", .string(c.zone.id)), ("name", .string(c.zone.name)), ("from", .string(c.from)), ("to", .string(c.to)),
                     ("gang_from", num(c.gangFrom)), ("gang_to", num(c.gangTo))])
        }
        let doc: JSONValue = .object([
            ("every", .string(timeline.every.rawValue)), ("period_ends", .array(timeline.periodEnds.map { .string($0.description) })),
            ("bootstrap", .int(timeline.bootstrap)), ("evidence_model", .string(EvidenceModel.version)),
            ("rows", .array(rows)), ("changes", .array(changes)),
        ])
        var out: [UInt8] = []
        JSONText.append(doc, to: &out)
        out.append(0x0A)
        return out
    }

    /// Lines for the terminal: the period, and the zones that changed most.
    public func footer() -> [String] {
        guard let first = timeline.periodEnds.first, let last = timeline.periodEnds.last else { return [] }
        var lines = ["gang share by \(timeline.every.rawValue), \(timeline.periodEnds.count) periods ending \(first) … \(last) (\(timeline.bootstrap) bootstrap replicates each)"]
        let changes = timeline.changes(limit: 5)
        if changes.isEmpty { lines.append("no zone changed between \(first) and \(last)") }
        for c in changes {
            lines.append("changed most: \(c.zone.id) \(c.zone.name): \(c.from) → \(c.to), gang \(String(format: "%.0f%%", c.gangFrom * 100)) → \(String(format: "%.0f%%", c.gangTo * 100)) (\(first) → \(last))")
        }
        return lines
    }

    /// Small multiples, one panel per zone in `show` (p-codes, in order): the gang share at each period end with its
    /// 90% band, and reported figures as dots (`reported`: p-code → [(date, share)]). Opens in any browser.
    public func svg(show: [String], reported: [String: [(CalendarDate, Double)]] = [:], title: String) -> String {
        let panels = show.compactMap { id in timeline.zones.firstIndex { $0.id == id } }
        let columns = 3, pw = 300.0, ph = 170.0, pad = 40.0
        let rows = max(1, (panels.count + columns - 1) / columns)
        let width = Double(columns) * pw + pad, height = Double(rows) * ph + 60
        guard let start = timeline.periodEnds.first, let end = timeline.periodEnds.last else { return "" }
        let span = Double(max(1, end.daysSinceEpoch - start.daysSinceEpoch))
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="11">
        <title>\(esc(title))</title>
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(pad)" y="22" font-size="15" font-weight="bold">\(esc(title))</text>
        <text x="\(pad)" y="40" fill="#555">Gang share of each zone's area at the end of every \(timeline.every.rawValue) (line), 90% interval (band), reported figures (dots). Evidence model \(EvidenceModel.version).</text>

        """
        for (n, z) in panels.enumerated() {
            let ox = pad / 2 + Double(n % columns) * pw, oy = 55 + Double(n / columns) * ph
            let x0 = ox + 30, x1 = ox + pw - 15, y0 = oy + 25, y1 = oy + ph - 25
            func x(_ d: CalendarDate) -> Double { x0 + (x1 - x0) * Double(d.daysSinceEpoch - start.daysSinceEpoch) / span }
            func y(_ v: Double) -> Double { y1 - (y1 - y0) * min(1, max(0, v)) }
            let zone = timeline.zones[z]
            out += "<g><text x=\"\(ox + 5)\" y=\"\(oy + 15)\" font-weight=\"bold\">\(esc(zone.id)) \(esc(String(zone.name.prefix(36))))</text>\n"
            out += "<rect x=\"\(x0)\" y=\"\(y0)\" width=\"\(x1 - x0)\" height=\"\(y1 - y0)\" fill=\"#f7f7f7\" stroke=\"#ccc\"/>\n"
            for v in [0.0, 0.5, 1.0] {
                out += "<text x=\"\(x0 - 4)\" y=\"\(y(v) + 4)\" text-anchor=\"end\" fill=\"#777\">\(Int(v * 100))%</text>\n"
            }
            let shown = timeline.estimates.map { IncidentSurface.headline($0[z]) }
            let points = timeline.periodEnds.indices.filter { shown[$0].noInformation < 0.999 }
            if !points.isEmpty {
                let upper = points.map { k in "\(x(timeline.periodEnds[k])),\(y(shown[k].interval[.gang]?.1 ?? shown[k].shares[.gang] ?? 0))" }
                let lower = points.reversed().map { k in "\(x(timeline.periodEnds[k])),\(y(shown[k].interval[.gang]?.0 ?? shown[k].shares[.gang] ?? 0))" }
                out += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"#b2182b\" fill-opacity=\"0.18\"/>\n"
                out += "<polyline points=\"\(points.map { k in "\(x(timeline.periodEnds[k])),\(y(shown[k].shares[.gang] ?? 0))" }.joined(separator: " "))\" fill=\"none\" stroke=\"#b2182b\" stroke-width=\"2\"/>\n"
            }
            for (d, share) in reported[zone.id] ?? [] where d >= start && d <= end {
                out += "<circle cx=\"\(x(d))\" cy=\"\(y(share))\" r=\"4\" fill=\"#2166ac\"><title>reported \(Int(share * 100))% (\(d))</title></circle>\n"
            }
            out += "<text x=\"\(x0)\" y=\"\(y1 + 14)\" fill=\"#777\">\(start)</text><text x=\"\(x1)\" y=\"\(y1 + 14)\" text-anchor=\"end\" fill=\"#777\">\(end)</text></g>\n"
        }
        out += "</svg>\n"
        return out
    }
}
