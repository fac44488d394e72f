import Foundation
import Gazetteer
import Incidents
import Testing
import TestSupport
import Zones

@Suite("The extractor's country comes from its profile")
struct ExtractionCountryTests {
    @Test("Haiti's profile gives its country, capital, codes and armed groups; a bare profile the defaults")
    func haitiFromProfile() throws {
        let geo = SharedData.repositoryRoot.appendingPathComponent("Geo").path
        let fromProfile = ExtractionCountry(profile: try CountryProfile.load(iso3: "HTI", folder: geo))
        #expect(fromProfile.name == "Haiti" && fromProfile.isoNumeric == 332 && fromProfile.region == "Caribbean" && fromProfile.iso2 == "HT")
        #expect(fromProfile.capital == "Port-au-Prince" && fromProfile.armedGroups.contains("viv ansanm") && fromProfile.stateForces.contains("pnh"))
        #expect(fromProfile.umbrellas["HT0111"]?.count == 7 && fromProfile.adminLevels == [.adm1, .arrondissement, .adm2])
        let bfa = ExtractionCountry(profile: try CountryProfile.load(iso3: "BFA", folder: geo))
        #expect(bfa.umbrellas.isEmpty && bfa.adminLevels == [.adm1, .adm2, .adm3] && bfa.name == "Burkina Faso")
        #expect(bfa.iso2 == "BF" && bfa.capital == "Ouagadougou" && !bfa.armedGroups.contains("viv ansanm"))
        // ACLED's admin fields by the country's levels: Haiti's admin2 is the arrondissement.
        let chain = [ZoneRef(level: .adm1, pcode: "HT01", name: "Ouest"), ZoneRef(level: .arrondissement, pcode: "HT011", name: "Arrondissement de Port-au-Prince"),
                     ZoneRef(level: .adm2, pcode: "HT0112", name: "Delmas")]
        #expect(fromProfile.admin(2, in: chain) == "Arrondissement de Port-au-Prince" && fromProfile.admin(3, in: chain) == "Delmas")
        #expect(bfa.admin(2, in: chain) == "Delmas" && bfa.admin(3, in: chain) == nil && bfa.admin(4, in: chain) == nil)
    }
}
