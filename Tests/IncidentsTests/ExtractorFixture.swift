import Foundation
import Gazetteer
import Incidents
import TestSupport
import Zones

/// The extractor as `extract --boundaries ../shared/data/haiti/cod-ab` builds it.
enum ExtractorFixture {
    static let repo = SharedData.repositoryRoot.path

    static let extractor: Result<TextExtractor, any Error> = Result {
        try TextExtractor(gazetteer: HaitiFixture.gazetteer.get(), actors: try ActorTable(path: repo + "/Geo/actors/haiti-actors.csv"),
                                 worldPlacesPath: repo + "/Geo/gazetteer/world-places.tsv", country: haiti)
    }

    /// Haiti as its profile describes it.
    static var haiti: ExtractionCountry {
        ExtractionCountry(profile: try! CountryProfile.load(iso3: "HTI", folder: repo + "/Geo"))
    }

    static func fixture(_ name: String) -> String {
        SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentsTests/Fixtures/\(name)").path
    }
}
