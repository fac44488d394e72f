import Foundation
import Testing
import Zones

@Suite("ZoneLevel: one type for every zone level")
struct ZoneLevelTests {
    @Test("spellings, depth, grids, and JSON as a plain string")
    func level() throws {
        #expect(ZoneLevel(requested: "Commune") == .adm2 && ZoneLevel(requested: "sections") == .adm3 && ZoneLevel(requested: "arr") == .arrondissement)
        #expect(ZoneLevel(requested: "grid:5km").rawValue == "grid:5km")
        #expect(ZoneLevel.adm1.rank < ZoneLevel.arrondissement.rank && ZoneLevel.arrondissement.rank < ZoneLevel.adm2.rank)
        #expect(ZoneLevel("hex:10km").isGrid && ZoneLevel("PRIO").isGrid && !ZoneLevel.adm2.isGrid && ZoneLevel("hex:10km").rank == 10)
        let json = try JSONEncoder().encode([ZoneLevel.adm2, ZoneLevel("grid:5km")])
        #expect(String(decoding: json, as: UTF8.self) == #"["adm2","grid:5km"]"#)
        #expect(try JSONDecoder().decode([ZoneLevel].self, from: json) == [.adm2, ZoneLevel("grid:5km")])
    }
}
