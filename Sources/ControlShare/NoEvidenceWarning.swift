import Incidents

extension ZoneSummaryBuilder {
    /// Why every zone reads "no information" although incidents were counted: none of them gave the surface any
    /// evidence. Said in one line, naming the event types that are not ACLED's (a file of another taxonomy, or a
    /// column read as the event type that is not one) or, when the types are ACLED's, the evidence model.
    /// nil when some evidence was found, no incident was counted, or there is no incident surface.
    static func noEvidenceWarning(rows: [ZoneSummaryRow]) -> String? {
        let zones = rows.filter { $0.zone.level != .group && !$0.rolledUp }
        let estimates = zones.compactMap(\.surface)
        let counted = zones.reduce(0) { $0 + $1.incidents }
        guard counted > 0, !estimates.isEmpty, estimates.allSatisfy({ $0.evidence == 0 && $0.combat == 0 }) else { return nil }
        var types: [String: Int] = [:]
        for r in zones { for (t, n) in r.byEventType { types[t, default: 0] += n } }
        let unknown = types.filter { !ACLEDTaxonomy.eventTypes.contains($0.key) }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        let head = "no incident gives evidence of control (all \(counted) counted): every zone reads \"no information\""
        guard !unknown.isEmpty else {
            return head + "; their event types are ACLED's, but no rule of the evidence model matches their sub-event types and actors (see --evidence)"
        }
        let listed = unknown.prefix(5).map { "'\($0.key)' \($0.value)" }.joined(separator: ", ") + (unknown.count > 5 ? ", …" : "")
        return head + "; event types that are not ACLED's: \(listed) (ACLED's: \(ACLEDTaxonomy.eventTypes.joined(separator: ", ")); map the column with --columns event_type=NAME)"
    }
}
