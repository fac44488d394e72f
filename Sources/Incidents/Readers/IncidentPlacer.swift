import GeoCore
import Gazetteer
import Zones

/// Puts incidents on the map: rows with coordinates get their zone chain;
/// rows without are geocoded from `location`, `admin3`, `admin2`, `admin1`
/// (most specific first) and flagged `geocoded`; rows that cannot be placed
/// are kept and reported.
///
/// ACLED's admin fields name the levels of ``adminLevels`` (a country profile's `acled-admin`: in the default
/// profile `admin2` is the arrondissement and `admin3` the commune); a row whose stated `admin3` disagrees with the zone of that level its
/// point falls in is reported (not changed).
public struct IncidentPlacer {
    public let gazetteer: Gazetteer?
    public let zones: ZoneSet?
    private let locator: PointLocator?
    public var snapKm: Double
    /// The zone levels of ACLED's `admin1`, `admin2`, `admin3`.
    public var adminLevels: [ZoneLevel]

    /// The point locator over the finest layer (nil: no zones), and that layer: what comes after over the same zones
    /// (a summary's counting) can reuse it rather than build another.
    public var pointLocator: (locator: PointLocator, layer: ZoneLayer)? {
        guard let locator, let layer = zones?.finest else { return nil }
        return (locator, layer)
    }

    public init(gazetteer: Gazetteer?, zones: ZoneSet?, snapKm: Double = 2, adminLevels: [ZoneLevel] = CountryProfile.defaultACLEDAdminLevels) {
        self.adminLevels = adminLevels
        self.gazetteer = gazetteer
        self.zones = zones
        self.locator = zones?.finest.map { PointLocator(layer: $0) }
        self.snapKm = snapKm
    }

    /// Places one incident; problems are appended to `report`. Returns `false` when the incident
    /// has neither coordinates nor a place name the gazetteer knows (it cannot be on the map).
    @discardableResult
    public func place(_ incident: inout Incident, report: inout ReadReport, where origin: String) -> Bool {
        if let c = incident.coordinate {
            if let locator, locator.place(c, snapKm: snapKm).zoneIndex == nil {
                let swapped = Coordinate(longitude: c.latitude, latitude: c.longitude)
                if swapped.isValid, locator.zoneIndex(containing: swapped) != nil {
                    report.warn("\(origin): latitude \(c.latitude) and longitude \(c.longitude) look swapped (the swapped point is inside the zones)")
                } else {
                    report.warn("\(origin): point (\(c.latitude), \(c.longitude)) is outside every zone (beyond \(snapKm) km)")
                }
            }
            assignZones(&incident)
            checkStatedAdmins(incident, report: &report, origin: origin)
            return true
        }
        // Placed by its source at the whole country: in it, at no point and in no zone below it.
        if incident.countryLevel {
            incident.zoneChain = zones?.layers.first { $0.level == .adm0 }?.zones.first.map { [$0.id] } ?? []
            return true
        }
        guard let gazetteer else {
            report.warn("\(origin): no coordinates and no gazetteer to place it")
            return !incident.zoneChain.isEmpty
        }
        let attempts: [(String?, Int)] = [(incident.location, 1), (incident.admin3, 2), (incident.admin2, 2), (incident.admin1, 3)]
        for (name, precision) in attempts {
            guard let name, !name.isEmpty else { continue }
            let result = gazetteer.lookup(name, options: .init(within: nil))
            guard let m = result.match, m.quality >= 0.85 else { continue }
            incident.geocodeMatch = GeocodeMatch(query: name, placeID: m.place.id, name: m.place.name, score: (result.score * 1000).rounded() / 1000)
            if m.place.zoneLevel == .adm0 {
                // A whole country: placed in it, but no point (a country's centre is no event location).
                incident.geoPrecision = 3
                incident.zoneChain = [m.place.id]
                report.geocoded += 1
                return true
            }
            incident.latitude = m.place.coordinate.latitude
            incident.longitude = m.place.coordinate.longitude
            // A location matched to a whole zone is "part of a region", not an exact place.
            incident.geoPrecision = precision == 1 && m.place.kind == .adminZone ? 2 : precision
            incident.geocoded = true
            if result.ambiguous { report.warn("\(origin): '\(name)' is ambiguous; placed at \(m.place.name) (\(m.place.id))") }
            report.geocoded += 1
            assignZones(&incident)
            return true
        }
        return !incident.zoneChain.isEmpty
    }

    private func assignZones(_ incident: inout Incident) {
        guard let zones, let locator, let c = incident.coordinate, let i = locator.place(c, snapKm: snapKm).zoneIndex else { return }
        incident.zoneChain = zones.chain(of: locator.layer.zones[i]).map(\.id)
    }

    private func checkStatedAdmins(_ incident: Incident, report: inout ReadReport, origin: String) {
        guard let zones, adminLevels.count == 3, let layer = zones.layers.first(where: { $0.level == adminLevels[2] }),
              let zone = incident.zoneChain.lazy.compactMap({ layer.zone(id: $0) }).first else { return }
        // A difference of spelling alone ("Saint Michel de l'Atalaye", "Saint-Michel de l'Attalaye") is no warning.
        if let stated = incident.admin3, EditDistance.bounded(Array(NameNormalizer.key(stated).utf8), Array(NameNormalizer.key(zone.name).utf8), bound: 2) == nil {
            let what = layer.level == .adm2 ? "commune" : layer.level.rawValue
            report.warn("\(origin): admin3 says '\(stated)' but the point lies in \(what) \(zone.name) (\(zone.id))")
        }
    }
}
