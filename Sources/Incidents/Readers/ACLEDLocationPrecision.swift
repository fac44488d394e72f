import Gazetteer

/// ACLED's location precision where a file does not carry `geo_precision`.
///
/// ACLED codes an event it can place only at an administrative unit at that
/// unit's default point, with the unit's name as `location` (codebook:
/// geo_precision 2 "part of a region", 3 "a larger region"). Reduced exports
/// drop the column; the convention still shows: `location` equal to the
/// commune (`admin3`, or `admin2` where ACLED has no third level) means the
/// point is the commune's, precision 2; equal to `admin1` (the department),
/// precision 3. The flag ``Incident/geoPrecisionInferred`` says it was inferred.
public enum ACLEDLocationPrecision {
    /// Sets the precision of an incident that has none and whose location names its own admin unit.
    /// Returns `true` when it set one.
    @discardableResult
    public static func infer(_ incident: inout Incident) -> Bool {
        guard incident.geoPrecision == nil, incident.coordinate != nil, let location = incident.location else { return false }
        let key = NameNormalizer.key(location)
        guard !key.isEmpty else { return false }
        if let a1 = incident.admin1, NameNormalizer.key(a1) == key, incident.admin2.map({ NameNormalizer.key($0) != key }) ?? true {
            incident.geoPrecision = 3
        } else if [incident.admin3, incident.admin2].contains(where: { $0.map { NameNormalizer.key($0) == key } ?? false }) {
            incident.geoPrecision = 2
        } else {
            return false
        }
        incident.geoPrecisionInferred = true
        return true
    }

    /// An event its source places only at the whole country — `location` is the country's name (ACLED's
    /// geo_precision 3 with the country's centre as coordinates) — has no point: the centre of a country is no
    /// event's location, and drawn there it would sit in some commune that had nothing to do with it. Its point is
    /// removed (the event is kept, counted in the country) and `true` returned.
    @discardableResult
    public static func dropCountryPoint(_ incident: inout Incident) -> Bool {
        guard incident.coordinate != nil, incident.geoPrecision == 3 || incident.geoPrecision == nil,
              let location = incident.location, let country = incident.country,
              !NameNormalizer.key(location).isEmpty, NameNormalizer.key(location) == NameNormalizer.key(country) else { return false }
        incident.latitude = nil
        incident.longitude = nil
        if incident.geoPrecision == nil { incident.geoPrecision = 3; incident.geoPrecisionInferred = true }
        incident.countryLevel = true
        return true
    }
}
