import Foundation
import MapJob
import TestSupport
import Zones

/// The resources every run of this suite shares, loaded once per process: COD-AB's communes from `../shared`
/// with the embedded profile's gazetteer and tables (a run loads them in ~1 s in debug; sharing them is what a
/// server does too).
enum MapJobFixture {
    static let geo = SharedData.repositoryRoot.appendingPathComponent("Geo").path

    /// A request over COD-AB's three levels (the summary at communes, the profile's level), with no bootstrap.
    static func request(_ inputs: [String] = []) -> MapRequest {
        var r = MapRequest(inputs: inputs)
        r.geoFolder = geo
        r.boundaries = BoundarySource(path: SharedData.codAB.path)
        r.parameters.bootstrap = 0
        return r
    }

    static let codAB: MapResources = {
        do { return try MapResources.load(request(["unused"])) } catch { fatalError("MapJobFixture: \(error)") }
    }()

    static func acled(_ name: String) -> String {
        SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentsTests/Fixtures/acled/\(name)").path
    }

    static let acledSample = SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentsTests/Fixtures/acled-haiti-sample.csv").path
}
