import ControlShare
import Foundation
import GeoCore
import LayerIO
import MapJob
import Testing
import TestSupport

@Suite("One name and one unit for a field in every output")
struct FieldNamesTests {
    @Test("every column of the summary CSV is a field of the zones layer, with the same value (areas to 4 decimals)")
    func summaryCSVMatchesZonesLayer() throws {
        var request = MapJobFixture.request([MapJobFixture.acled("current-reduced.csv")])
        request.parameters.bootstrap = 20
        let result = try MapRun(request, resources: MapJobFixture.codAB).compute()
        let csv = String(decoding: SummaryRenderer(report: result.report, colour: false, width: nil).csv(), as: UTF8.self)
        let lines = csv.split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let zones = try result.layers.features(.zones)
        let fields = Set(zones[0].properties.map(\.name))
        #expect(Set(header).subtracting(fields).isEmpty, "summary-only columns: \(Set(header).subtracting(fields).sorted())")
        #expect(header.contains("gang_share") && header.contains("no_information"))
        // The same zone's area and gang share, read from both.
        let row = try #require(lines.first { $0.hasPrefix("HT0111,") }).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let feature = try #require(zones.first { $0["pcode"]?.stringValue == "HT0111" })
        let area = try #require(feature["area_km2"]?.doubleValue)
        #expect(row[header.firstIndex(of: "area_km2")!] == String(format: "%.4f", area))
        #expect((area * 1e4).rounded() / 1e4 == area, "4 decimals in the layer too")
        if let share = feature["gang_share"]?.doubleValue {
            #expect(abs(Double(row[header.firstIndex(of: "gang_share")!])! - share) < 1e-6)
        }
    }
}
