import Foundation
import Gazetteer
import GeoCore
import Testing
import TestSupport

@Suite("a gazetteer used from many threads before it is prepared")
struct ConcurrentFirstUseTests {
    @Test("first lookups from 8 threads at once: one index build, the same answers as one thread (TSan: no race)")
    func firstUseFromManyThreads() throws {
        let places = try PlaceLoaders.load(path: GazetteerFixture.repo + "/Geo/gazetteer/geonames-haiti.tsv")
        let fresh = Gazetteer(GazetteerContents(places: places), indexNow: false)  // the first lookup builds the index
        let names = ["Mirebalais", "Port-au-Prince", "Cap-Haïtien", "Jacmel", "Hinche", "Les Cayes", "Gonaïves", "Jérémie"]
        let answers = names.parallelMap(chunk: 1, threads: names.count) { fresh.lookup($0).match?.place.id }
        let reference = Gazetteer(GazetteerContents(places: places))
        for (k, n) in names.enumerated() {
            #expect(answers[k] != nil, "\(n) found")
            #expect(answers[k] == reference.lookup(n).match?.place.id, "\(n): the same answer as after prepare()")
        }
    }
}
