import ControlShare
import Foundation
import GeoCore
import Gazetteer
import Incidents
import LayerIO
import Zones

/// The five layers of a `map` run, as features.
///
/// - `incidents`: points, ACLED fields plus IncidentMap's;
/// - `zones`: the zone polygons with the summary and control-share fields;
/// - `control`: the estimated control surface dissolved per class
///   (`source = incident surface`) and the input control areas
///   (`source = control areas`);
/// - `places`: every gazetteer match used (query, place, score);
/// - `reported`: reported figures at their zone's representative point.
public struct MapLayers: Sendable {
    /// Possibly spooled to disk (see ``IncidentPass``): read it with `forEach`.
    public var incidents = LayerFeatures([])
    public var zones: [Feature] = []
    public var control: [Feature] = []
    public var places: [Feature] = []
    public var reported: [Feature] = []

    public init() {}

    /// A layer, for the writers.
    public func layer(_ layer: MapLayer) -> LayerFeatures {
        switch layer {
        case .incidents: incidents
        case .zones: LayerFeatures(zones)
        case .control: LayerFeatures(control)
        case .places: LayerFeatures(places)
        case .reported: LayerFeatures(reported)
        }
    }

    /// A layer's features in memory (the incidents are read back from their spool).
    public func features(_ layer: MapLayer) throws -> [Feature] {
        try self.layer(layer).all()
    }

    /// Features per layer, without reading any.
    public func count(_ layer: MapLayer) -> Int {
        switch layer {
        case .incidents: incidents.count
        case .zones: zones.count
        case .control: control.count
        case .places: places.count
        case .reported: reported.count
        }
    }

    /// An incident as a point feature (nil without coordinates).
    public static func incidentFeature(_ inc: Incident) -> Feature? {
        guard let c = inc.coordinate else { return nil }
        func d(_ v: Double?) -> PropertyValue { v.map { .double(($0 * 1e6).rounded() / 1e6) } ?? .null }
        // Areas in km² to 4 decimals (100 m²), as in the summary and `zones`.
        func km2(_ v: Double) -> PropertyValue { .double((v * 1e4).rounded() / 1e4) }
        func s(_ v: String?) -> PropertyValue { v.map { .string($0) } ?? .null }
        func i(_ v: Int?) -> PropertyValue { v.map { .int($0) } ?? .null }
        var props: [Property] = [
            Property("id", .string(inc.id)), Property("event_date", inc.eventDate.map { .date($0) } ?? .null),
            Property("time_precision", i(inc.timePrecision)), Property("disorder_type", s(inc.disorderType)),
            Property("event_type", s(inc.eventType)), Property("sub_event_type", s(inc.subEventType)),
            Property("actor1", s(inc.actor1)), Property("assoc_actor_1", s(inc.assocActor1)), Property("inter1", i(inc.inter1)),
            Property("actor2", s(inc.actor2)), Property("inter2", i(inc.inter2)), Property("interaction", i(inc.interaction)), Property("location", s(inc.location)), Property("admin1", s(inc.admin1)),
            Property("admin2", s(inc.admin2)), Property("admin3", s(inc.admin3)), Property("country", s(inc.country)),
            Property("geo_precision", i(inc.geoPrecision)),
            Property("fatalities", i(inc.fatalities)), Property("killed", i(inc.killed?.value)), Property("injured", i(inc.injured?.value)),
            Property("abducted", i(inc.abducted?.value)), Property("displaced", i(inc.displaced?.value)), Property("freed", i(inc.freed?.value)),
            Property("zone_chain", inc.zoneChain.isEmpty ? .null : .string(inc.zoneChain.joined(separator: " "))), Property("geocoded", .bool(inc.geocoded)),
            Property("confidence", d(inc.confidence)), Property("source", s(inc.source)), Property("source_url", s(inc.sourceURL)),
            Property("notes", s(inc.notes)), Property("extracted_from", s(inc.extractedFrom?.description)),
        ]
        if let m = inc.geocodeMatch { props.append(Property("geocode_match", .string(m.placeID))) }
        // ACLED's other columns, when the input has them (none is invented for an input that lacks it), then the
        // input's own columns (ACLED's `year`, `population_best`, a team's `category`), numbers typed as numbers.
        let optional: [PropertyValue] = [s(inc.eventIDCnty), s(inc.assocActor2), s(inc.civilianTargeting), i(inc.iso), s(inc.region),
                                         s(inc.sourceScale), s(inc.tags), i(inc.timestamp)]
        for (name, value) in zip(optionalACLEDFields, optional) where !value.isNull { props.append(Property(name, value)) }
        for p in inc.extra { props.append(Property(p.name, Self.typed(p.value))) }
        return Feature(id: .string(inc.id), geometry: .point(Point(c)), properties: props)
    }

    /// ACLED columns an incident point carries only when the input has them.
    public static let optionalACLEDFields = ["event_id_cnty", "assoc_actor_2", "civilian_targeting", "iso", "region", "source_scale", "tags", "timestamp"]

    /// An input column's text as the value it reads as: empty → null, a whole number → int (not one with a leading
    /// zero, which is a code), a decimal → double, anything else text. Typed values pass unchanged.
    static func typed(_ v: PropertyValue) -> PropertyValue {
        guard case .string(let t) = v else { return v }
        let s = t.trimmingCharacters(in: .whitespaces)
        if s.isEmpty || s == "NA" { return .null }
        let digits = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        if let i = Int(s), !(digits.count > 1 && digits.hasPrefix("0")) { return .int(i) }
        if s.contains("."), !digits.hasPrefix("0") || digits.hasPrefix("0."), let d = Double(s), d.isFinite { return .double(d) }
        return .string(t)
    }

    /// Builds the layers from a summary, the incidents layer and the places of
    /// geocoded rows (as an ``IncidentPass`` leaves them), and the other inputs.
    public static func build(report: SummaryReport, incidents: LayerFeatures, incidentPlaces: [Feature], seenPlaces: Set<String>,
                             mentions: [PlaceMention], controlAreas: [ControlArea]?,
                             surfacePolygons: [String: Geometry], reported: [ReportedObservation], zonesByID: [String: Zone]) -> MapLayers {
        var layers = MapLayers()
        func d(_ v: Double?) -> PropertyValue { v.map { .double(($0 * 1e6).rounded() / 1e6) } ?? .null }
        // Areas in km² to 4 decimals (100 m²), as in the summary and `zones`.
        func km2(_ v: Double) -> PropertyValue { .double((v * 1e4).rounded() / 1e4) }
        func s(_ v: String?) -> PropertyValue { v.map { .string($0) } ?? .null }
        func i(_ v: Int?) -> PropertyValue { v.map { .int($0) } ?? .null }

        layers.incidents = incidents

        for r in report.rows where r.zone.level != .group {   // groups overlap their members: in the summary, not the layer
            let noInfo = (r.surface?.noInformation ?? 1) >= 0.999
            var props: [Property] = [
                Property("pcode", .string(r.zone.id)), Property("name", .string(r.zone.name)), Property("level", .string(r.zone.level.rawValue)),
                Property("parent", s(r.zone.parentID)), Property("area_km2", km2(r.zone.areaKm2)), Property("population", d(r.zone.population)),
                Property("incidents", .int(r.incidents)), Property("fatalities", .int(r.fatalities)),
                Property("first_date", r.firstDate.map { .date($0) } ?? .null), Property("last_date", r.lastDate.map { .date($0) } ?? .null),
                Property("top_actors", .string(r.topActors.joined(separator: "; "))),
            ]
            for c in ActorClassifier.controllingClasses {
                props.append(Property("\(c)_share", noInfo ? .null : d(r.surface?.shares[c])))
                props.append(Property("\(c)_lo", d(r.surface?.interval[c]?.0)))
                props.append(Property("\(c)_hi", d(r.surface?.interval[c]?.1)))
                props.append(Property("\(c)_overlay", d(r.overlay.map { $0[c] ?? 0 })))
                props.append(Property("\(c)_people", d(r.surfacePopulation?[c] ?? r.overlayPopulation?[c])))
            }
            props += [Property("contested", d(r.surface?.contested)), Property("no_information", d(r.surface?.noInformation)),
                      Property("combat", d(r.surface?.combat)), Property("evidence", d(r.surface?.evidence)),
                      Property("thin_evidence", r.surface.map { .bool($0.isThin) } ?? .null),
                      Property("reported_share", d(r.reported.first?.share)), Property("reported_class", s(r.reported.first?.actorClass.rawValue)),
                      Property("reported_source", s(r.reported.first?.source)),
                      Property("reported_date", r.reported.first?.date.map { .date($0) } ?? .null),
                      // The headline by people (the population surface's): interval and the shares the gang share sits beside.
                      Property("contested_people", d(r.surface?.people?.contested)), Property("no_information_people", d(r.surface?.people?.noInformation)),
                      Property("combat_people", d(r.surface?.people?.combat))]
            let people = r.surface?.people
            let lohi = ActorClassifier.controllingClasses.map { c in
                [Property("\(c)_people_lo", d(people?.interval[c]?.0)), Property("\(c)_people_hi", d(people?.interval[c]?.1))]
            }
            props.insert(contentsOf: lohi.flatMap { $0 }, at: props.count - 3)
            layers.zones.append(Feature(id: .string(r.zone.id), geometry: r.zone.geometry, properties: props))
        }

        for key in surfacePolygons.keys.sorted() {
            let g = surfacePolygons[key]!
            layers.control.append(Feature(id: .string("surface-\(key)"), geometry: g, properties: [
                Property("class", .string(key)), Property("controller", .string(key)), Property("source", .string("incident surface")),
                Property("area_km2", km2(Geodesic.area(of: g) / 1e6)), Property("since", .null), Property("until", .null),
                Property("as_of", report.asOf.map { .date($0) } ?? .null),
            ]))
        }
        for a in controlAreas ?? [] {
            layers.control.append(Feature(id: .string("area-\(a.id)"), geometry: a.geometry, properties: [
                Property("class", .string(a.controlClass.rawValue)), Property("controller", .string(a.controller)), Property("source", .string("control areas")),
                Property("area_km2", km2(Geodesic.area(of: a.geometry) / 1e6)), Property("since", a.since.map { .date($0) } ?? .null),
                Property("until", a.until.map { .date($0) } ?? .null), Property("as_of", report.asOf.map { .date($0) } ?? .null),
            ]))
        }

        // Places: gazetteer matches used for geocoded rows, then article mentions.
        layers.places = incidentPlaces
        var seen = seenPlaces
        for m in mentions {
            guard let c = m.coordinate, let id = m.placeID, seen.insert("\(m.text)|\(id)").inserted else { continue }
            layers.places.append(Feature(id: .string("place-\(layers.places.count)"), geometry: .point(Point(c)), properties: [
                Property("query", .string(m.text)), Property("place_id", .string(id)), Property("name", .string(m.name)),
                Property("score", .double(1)), Property("used_by", .string("article \(m.span.file)")),
            ]))
        }

        for (k, o) in reported.enumerated() {
            guard let id = o.zoneID, let z = zonesByID[id] else { continue }
            let row = report.rows.first { $0.zone.id == id }
            layers.reported.append(Feature(id: .string("reported-\(k)"), geometry: .point(Point(z.representativePoint)), properties: [
                Property("zone", .string(id)), Property("zone_name", .string(z.name)), Property("as_written", .string(o.zoneText)),
                Property("class", .string(o.actorClass.rawValue)), Property("share", d(o.share)), Property("date", o.date.map { .date($0) } ?? .null),
                Property("source", s(o.source)), Property("origin", .string(o.origin)),
                Property("estimate", (row?.surface?.noInformation ?? 1) >= 0.999 ? .null : d(row?.surface?.shares[o.actorClass])),
            ]))
        }
        return layers
    }
}
