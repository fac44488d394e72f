import Testing
import TestSupport
@testable import ControlShare

@Suite("summary --sort: the order of rows, ties by p-code")
struct SummarySortKeyTests {
    @Test("every key orders the Ouest communes of COD-AB deterministically; ties go by p-code; zones without an estimate sort last by gang")
    func orders() throws {
        let set = try SyntheticMaps.codAB.get()
        let communes = set.layers[1].zones.filter { $0.parentID == "HT01" }
        #expect(communes.count >= 10)
        var rows = communes.map { ZoneSummaryRow(zone: $0) }
        // Counts with ties: 3, 3, 1, 1, 0, …; fatalities reversed.
        for k in rows.indices {
            rows[k].incidents = [3, 3, 1, 1][safe: k] ?? 0
            rows[k].fatalities = k
        }
        let shuffled = rows.reversed().map { $0 }
        let byIncidents = SummarySortKey.incidents.sorted(shuffled)
        #expect(byIncidents.prefix(4).map(\.incidents) == [3, 3, 1, 1])
        #expect(byIncidents[0].zone.id < byIncidents[1].zone.id && byIncidents[2].zone.id < byIncidents[3].zone.id, "ties by p-code")
        let zeros = byIncidents.dropFirst(4).map(\.zone.id)
        #expect(zeros == zeros.sorted())
        #expect(SummarySortKey.fatalities.sorted(shuffled).map(\.fatalities) == rows.map(\.fatalities).sorted(by: >))
        #expect(SummarySortKey.pcode.sorted(shuffled).map(\.zone.id) == rows.map(\.zone.id).sorted())
        #expect(SummarySortKey.name.sorted(shuffled).map(\.zone.name) == rows.map(\.zone.name).sorted())
        let areas = SummarySortKey.area.sorted(shuffled).map(\.zone.areaKm2)
        #expect(areas == areas.sorted(by: >))
        // No surface estimate anywhere: gang falls back to p-code order.
        #expect(SummarySortKey.gang.sorted(shuffled).map(\.zone.id) == rows.map(\.zone.id).sorted())
        // The same order whatever the input's.
        for key in SummarySortKey.allCases { #expect(key.sorted(shuffled).map(\.zone.id) == key.sorted(rows).map(\.zone.id), "\(key)") }
    }
}

private extension Array {
    subscript(safe k: Int) -> Element? { indices.contains(k) ? self[k] : nil }
}
