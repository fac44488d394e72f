import Foundation
import Gazetteer
import Zones

/// The Haiti data every suite shares, loaded once per test process (one process runs every suite): COD-AB's three
/// levels from `../shared` and the gazetteers built over them as the commands build them.
public enum HaitiFixture {
    /// The repository's `Geo/` folder.
    public static let geo = SharedData.repositoryRoot.appendingPathComponent("Geo").path

    /// The caches the suites share (boundary validity, the surface's cell–zone overlaps), as the command line keeps
    /// them in the user's cache folder: one folder under the temporary directory, shared by the test processes of
    /// a machine (the plain, ASan and TSan runs), so an overlap table is computed once, not once per test.
    public static let cache = CacheFolder(path: FileManager.default.temporaryDirectory.appendingPathComponent("incidentmap-test-cache").path)

    /// `../shared/data/haiti/cod-ab`: 10 departments, 140 communes, 570 sections.
    public static let codAB: Result<ZoneSet, any Error> = Result {
        var options = ZoneLayerLoader.Options()
        options.validityCache = cache.validity
        // With Haiti's profile's derived levels (arrondissements), as a run with `--boundaries …/cod-ab` loads it.
        var set = try ZoneSet(path: SharedData.codAB.path, options: options)
        set.derivedLevels = try CountryProfile.load(folder: geo).derivedLevels
        return set
    }

    /// The embedded places and aliases with COD-AB's zone names, as `extract --boundaries …/cod-ab` builds it.
    public static let gazetteer: Result<Gazetteer, any Error> = Result {
        try GazetteerBuilder.build(.init(geoFolder: geo, zones: codAB.get()))
    }

    /// The same with GeoNames' postal quartiers, as `geocode --boundaries …/cod-ab --gazetteer …/HT.txt` builds it.
    public static let gazetteerWithPostal: Result<Gazetteer, any Error> = Result {
        try GazetteerBuilder.build(.init(gazetteers: [SharedData.geonamesPostal], geoFolder: geo, zones: codAB.get()))
    }

    /// The embedded places and aliases alone.
    public static let embeddedGazetteer: Result<Gazetteer, any Error> = Result {
        try GazetteerBuilder.build(.init(geoFolder: geo))
    }
}
