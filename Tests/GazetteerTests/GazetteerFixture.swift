import Foundation
import Gazetteer
import TestSupport
import Zones

/// The gazetteer as `geocode --boundaries ../shared/data/haiti/cod-ab
/// --gazetteer ../shared/data/haiti/geonames-postal/HT.txt` builds it, once
/// per test process.
enum GazetteerFixture {
    static let repo = SharedData.repositoryRoot.path

    static var withBoundaries: Result<Gazetteer, any Error> { HaitiFixture.gazetteerWithPostal }

    static var embeddedOnly: Result<Gazetteer, any Error> { HaitiFixture.embeddedGazetteer }

    static func fixture(_ name: String) -> String {
        SharedData.repositoryRoot.appendingPathComponent("Tests/GazetteerTests/Fixtures/\(name)").path
    }
}
