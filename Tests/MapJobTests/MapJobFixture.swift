import Foundation
import MapJob
import TestSupport
import Zones

/// The resources every run of this suite shares, over the process's one COD-AB and gazetteer (``HaitiFixture``)
/// with the embedded profile's tables (sharing them is what a server does too).
enum MapJobFixture {
    static let geo = HaitiFixture.geo

    /// A request over COD-AB's three levels (the summary at communes, the profile's level), with no bootstrap.
    static func request(_ inputs: [String] = []) -> MapRequest {
        var r = MapRequest(inputs: inputs)
        r.geoFolder = geo
        r.boundaries = BoundarySource(path: SharedData.codAB.path)
        r.parameters.bootstrap = 0
        r.cacheFolder = HaitiFixture.cache
        return r
    }

    static let codAB: MapResources = {
        do {
            return try MapResources.load(request(["unused"]), zones: HaitiFixture.codAB.get(), gazetteer: HaitiFixture.gazetteer.get())
        } catch { fatalError("MapJobFixture: \(error)") }
    }()

    static func acled(_ name: String) -> String {
        SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentsTests/Fixtures/acled/\(name)").path
    }

    static let acledSample = SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentsTests/Fixtures/acled-haiti-sample.csv").path
}
