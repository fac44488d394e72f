import GeoCore
import TestSupport
import Zones

/// COD-AB Haiti loaded once per test process as a zone set.
enum CODABZones {
    static var loaded: Result<ZoneSet, any Error> { HaitiFixture.codAB }
    static func set() throws -> ZoneSet { try loaded.get() }
}
