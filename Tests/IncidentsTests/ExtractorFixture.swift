import Foundation
import Gazetteer
import Incidents
import TestSupport

/// The extractor as `extract --boundaries ../shared/data/haiti/cod-ab` builds it.
enum ExtractorFixture {
    static let repo = SharedData.repositoryRoot.path

    static let extractor: Result<TextExtractor, any Error> = Result {
        try TextExtractor(gazetteer: HaitiFixture.gazetteer.get(), actors: try ActorTable(path: repo + "/Geo/actors/haiti-actors.csv"),
                                 worldPlacesPath: repo + "/Geo/gazetteer/world-places.tsv")
    }

    static func fixture(_ name: String) -> String {
        SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentsTests/Fixtures/\(name)").path
    }
}
