import Foundation
import Gazetteer
import TestSupport
import Zones

/// The gazetteer as `geocode --boundaries ../shared/data/haiti/cod-ab
/// --gazetteer ../shared/data/haiti/geonames-postal/HT.txt` builds it, once
/// per test process.
enum GazetteerFixture {
    static let repo = SharedData.repositoryRoot.path

    static let withBoundaries: Result<Gazetteer, any Error> = Result {
        let g = try GazetteerBuilder.build(.init(
            boundaries: [SharedData.codAB.path], gazetteers: [SharedData.geonamesPostal],
            aliases: nil, geoFolder: repo + "/Geo"))
        return g
    }

    static let embeddedOnly: Result<Gazetteer, any Error> = Result {
        try GazetteerBuilder.build(.init(boundaries: [], gazetteers: [], aliases: nil, geoFolder: repo + "/Geo"))
    }

    static func fixture(_ name: String) -> String {
        SharedData.repositoryRoot.appendingPathComponent("Tests/GazetteerTests/Fixtures/\(name)").path
    }
}
