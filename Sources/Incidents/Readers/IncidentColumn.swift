/// The incident fields the readers look for, by position, so a row is read
/// with array indexing rather than hashing a column name per field (the CSV
/// reader's hot path). `name` is the column name (ACLED's, or IncidentMap's).
enum IncidentColumn: Int, CaseIterable {
    case id, eventIDCnty, eventDate, timePrecision, disorderType, eventType, subEventType
    case actor1, assocActor1, inter1, actor2, assocActor2, inter2, interaction, civilianTargeting
    case iso, region, country, admin1, admin2, admin3, location, latitude, longitude, geoPrecision
    case source, sourceScale, notes, fatalities, tags, timestamp
    case sourceURL, zoneChain, geocoded, killed, injured, abducted, displaced, freed, confidence

    /// Column names, in case order.
    static let names: [String] = [
        "id", "event_id_cnty", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
        "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
        "source_url", "zone_chain", "geocoded", "killed", "injured", "abducted", "displaced", "freed", "confidence",
    ]

    var name: String { Self.names[rawValue] }
}
