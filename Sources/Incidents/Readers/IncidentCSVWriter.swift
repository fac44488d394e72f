import GeoCore
import LayerIO

/// Writes incidents as CSV: ACLED's columns in ACLED's order, then
/// IncidentMap's own, then the extra input columns — readable back by
/// ``IncidentTableReader``.
public final class IncidentCSVWriter {
    private let writer: CSVWriter
    private let extraColumns: [String]

    public init(sink: any ByteSink, extraColumns: [String] = []) throws {
        writer = CSVWriter(sink: sink)
        // ACLED's own columns (an input's `year`, kept as an extra) are written in their place, not twice.
        self.extraColumns = extraColumns.filter { !ACLEDTaxonomy.knownColumns.contains($0.lowercased()) }
        try writer.writeRow(ACLEDTaxonomy.columns + ACLEDTaxonomy.ownColumns + extraColumns)
    }

    public func write(_ i: Incident) throws {
        func s(_ v: Int?) -> String { v.map(String.init) ?? "" }
        func d(_ v: Double?) -> String { v.map { String(format: "%.6f", $0) } ?? "" }
        func c(_ v: ReportedCount?) -> String { v.map { String($0.value) } ?? "" }
        let acled: [String] = [
            i.eventIDCnty ?? "", i.eventDate?.description ?? "", i.eventDate.map { String($0.year) } ?? "", s(i.timePrecision),
            i.disorderType ?? "", i.eventType ?? "", i.subEventType ?? "", i.actor1 ?? "", i.assocActor1 ?? "", s(i.inter1),
            i.actor2 ?? "", i.assocActor2 ?? "", s(i.inter2), s(i.interaction), i.civilianTargeting ?? "", (i.iso.map(String.init) ?? i.isoAlpha3 ?? ""), i.region ?? "",
            i.country ?? "", i.admin1 ?? "", i.admin2 ?? "", i.admin3 ?? "", i.location ?? "", d(i.latitude), d(i.longitude),
            s(i.geoPrecision), i.source ?? "", i.sourceScale ?? "", i.notes ?? "", s(i.fatalities), i.tags ?? "", s(i.timestamp),
        ]
        let own: [String] = [
            i.id, i.zoneChain.joined(separator: " "), c(i.killed), c(i.injured), c(i.abducted), c(i.displaced), c(i.freed),
            i.confidence.map { String(format: "%.2f", $0) } ?? "", i.sourceURL ?? "", i.extractedFrom?.description ?? "", i.geocoded ? "true" : "false",
        ]
        let extras = extraColumns.map { name in i.extra.first { $0.name == name }.map { $0.value.isNull ? "" : $0.value.description } ?? "" }
        try writer.writeRow(acled + own + extras)
    }

    public func finish() throws { try writer.finish() }
}
