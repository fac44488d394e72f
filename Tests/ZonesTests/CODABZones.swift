import GeoCore
import TestSupport
import Zones

/// COD-AB Haiti loaded once per test process as a zone set.
enum CODABZones {
    static let loaded: Result<ZoneSet, any Error> = Result { try ZoneSet(path: SharedData.codAB.path) }
    static func set() throws -> ZoneSet { try loaded.get() }
}
