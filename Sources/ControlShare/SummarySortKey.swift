/// How a summary's rows are ordered (`summary --sort`): most incidents, most deaths or the highest gang share
/// first; largest area first; by name or p-code. Ties go by p-code, so the order never depends on the input's.
public enum SummarySortKey: String, CaseIterable, Sendable, Codable {
    case incidents, fatalities, gang, area, name, pcode

    /// The rows in this order.
    public func sorted(_ rows: [ZoneSummaryRow]) -> [ZoneSummaryRow] {
        rows.sorted { a, b in
            switch self {
            case .incidents: return a.incidents != b.incidents ? a.incidents > b.incidents : a.zone.id < b.zone.id
            case .fatalities: return a.fatalities != b.fatalities ? a.fatalities > b.fatalities : a.zone.id < b.zone.id
            case .gang:
                let (ga, gb) = (Self.gang(a), Self.gang(b))
                return ga != gb ? ga > gb : a.zone.id < b.zone.id
            case .area: return a.zone.areaKm2 != b.zone.areaKm2 ? a.zone.areaKm2 > b.zone.areaKm2 : a.zone.id < b.zone.id
            case .name: return a.zone.name != b.zone.name ? a.zone.name < b.zone.name : a.zone.id < b.zone.id
            case .pcode: return a.zone.id < b.zone.id
            }
        }
    }

    /// The surface's gang share; a zone without an estimate sorts after every zone with one.
    private static func gang(_ r: ZoneSummaryRow) -> Double { r.surface?.shares[.gang] ?? -1 }
}
