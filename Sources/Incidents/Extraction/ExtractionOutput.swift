import Foundation
import GeoCore
import Gazetteer
import LayerIO

/// Renders extractions as the `extract` command prints them.
public enum ExtractionOutput {
    /// One JSON object per file in an array:
    /// `{"file", "date", "places": [...], "outside_country": [...], "outside_haiti": (the same, deprecated), "incidents": [...], "control": [...]}`.
    public static func json(_ extractions: [Extraction]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, e) in extractions.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: "\n".utf8)
            appendJSON(e, to: &out)
        }
        out.append(contentsOf: "\n]\n".utf8)
        return out
    }

    /// The same text as `JSONText.append(value(e))`, with the mentions written straight to bytes: a long text names
    /// the same places thousands of times, and each place's fixed part (id, name, point, zones) is encoded once.
    static func appendJSON(_ e: Extraction, to out: inout [UInt8]) {
        guard case .object(let fields) = value(e, withMentions: false) else { return }
        var file: [UInt8] = []
        JSONText.appendString(e.file, to: &file)
        var tails: [String: [UInt8]] = [:]
        func mentions(_ ms: [PlaceMention]) {
            out.append(UInt8(ascii: "["))
            for (k, m) in ms.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                guard !m.ambiguous, m.span.file == e.file else { JSONText.append(mentionValue(m), to: &out); continue }
                out.append(contentsOf: #"{"text":"#.utf8)
                JSONText.appendString(m.text, to: &out)
                out.append(contentsOf: #","span":{"file":"#.utf8)
                out.append(contentsOf: file)
                out.append(contentsOf: #","start":"#.utf8)
                JSONText.appendInteger(m.span.start, to: &out)
                out.append(contentsOf: #","end":"#.utf8)
                JSONText.appendInteger(m.span.end, to: &out)
                out.append(contentsOf: #"},"sentence":"#.utf8)
                JSONText.appendInteger(m.sentence, to: &out)
                let key = "\(m.placeID ?? "")|\(m.name)|\(m.countryCode ?? "")"
                if let tail = tails[key] {
                    out.append(contentsOf: tail)
                } else {
                    // The value's fields after "sentence", as the JSONValue path writes them.
                    var tail: [UInt8] = []
                    if case .object(let all) = mentionValue(m) {
                        for (name, v) in all.dropFirst(3) {
                            tail.append(UInt8(ascii: ","))
                            JSONText.appendString(name, to: &tail)
                            tail.append(UInt8(ascii: ":"))
                            JSONText.append(v, to: &tail)
                        }
                    }
                    tail.append(UInt8(ascii: "}"))
                    out.append(contentsOf: tail)
                    if m.coordinate != nil || m.placeID != nil { tails[key] = tail }
                }
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "{"))
        for (k, (name, v)) in fields.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(name, to: &out)
            out.append(UInt8(ascii: ":"))
            switch name {
            case "places": mentions(e.mentions)
            case "outside_country", "outside_haiti": mentions(e.outside)
            case "unknown_places": JSONText.append(unknownPlaces(e), to: &out)
            default: JSONText.append(v, to: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    /// `[{"text", "span", "sentence"}]`: names that read as places but that no source knows.
    static func unknownPlaces(_ e: Extraction) -> JSONValue {
        .array(e.unknownPlaces.map { m in
            .object([("text", .string(m.text)),
                     ("span", .object([("file", .string(m.span.file)), ("start", .int(m.span.start)), ("end", .int(m.span.end))])),
                     ("sentence", .int(m.sentence))])
        })
    }

    static func mentionValue(_ m: PlaceMention) -> JSONValue {
        func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        func num(_ d: Double?) -> JSONValue { d.map { .double(($0 * 1e7).rounded() / 1e7) } ?? .null }
        let span = JSONValue.object([("file", .string(m.span.file)), ("start", .int(m.span.start)), ("end", .int(m.span.end))])
        return .object([("text", .string(m.text)), ("span", span), ("sentence", .int(m.sentence)), ("id", str(m.placeID)),
                        ("name", .string(m.name)), ("latitude", num(m.coordinate?.latitude)), ("longitude", num(m.coordinate?.longitude)),
                        ("country", str(m.countryCode)),
                        ("zones", .array(m.zones.map { .object([("level", .string($0.level.rawValue)), ("pcode", .string($0.pcode)), ("name", .string($0.name))]) }))]
                        + (m.ambiguous ? [("ambiguous", .bool(true)), ("chosen_by", str(m.chosenBy)),
                                          ("alternatives", .array(m.alternatives.map { .object([("id", .string($0.placeID)), ("name", .string($0.name)),
                                                                                                ("commune", str($0.commune))]) }))] : []))
    }

    static func value(_ e: Extraction, withMentions: Bool = true) -> JSONValue {
        func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        func num(_ d: Double?) -> JSONValue { d.map { .double(($0 * 1e7).rounded() / 1e7) } ?? .null }
        func span(_ s: TextSpan) -> JSONValue { .object([("file", .string(s.file)), ("start", .int(s.start)), ("end", .int(s.end))]) }
        func count(_ c: ReportedCount?) -> JSONValue {
            c.map { .object([("value", .int($0.value)), ("qualifier", .string($0.qualifier))]) } ?? .null
        }
        let incidents: [JSONValue] = e.incidents.map { i in
            var members: [(String, JSONValue)] = [
                ("id", .string(i.id)), ("event_date", str(i.eventDate?.description)), ("time_precision", i.timePrecision.map { .int($0) } ?? .null),
                ("disorder_type", str(i.disorderType)), ("event_type", str(i.eventType)), ("sub_event_type", str(i.subEventType)),
                ("actor1", str(i.actor1)), ("assoc_actor_1", str(i.assocActor1)), ("inter1", i.inter1.map { .int($0) } ?? .null),
                ("actor2", str(i.actor2)), ("assoc_actor_2", str(i.assocActor2)), ("inter2", i.inter2.map { .int($0) } ?? .null),
                ("interaction", i.interaction.map { .int($0) } ?? .null), ("civilian_targeting", str(i.civilianTargeting)),
                ("country", str(i.country)), ("admin1", str(i.admin1)), ("admin2", str(i.admin2)), ("admin3", str(i.admin3)),
                ("location", str(i.location)), ("latitude", num(i.latitude)), ("longitude", num(i.longitude)),
                ("geo_precision", i.geoPrecision.map { .int($0) } ?? .null), ("fatalities", i.fatalities.map { .int($0) } ?? .null),
                ("zone_chain", .array(i.zoneChain.map { .string($0) })),
                ("killed", count(i.killed)), ("injured", count(i.injured)), ("abducted", count(i.abducted)),
                ("displaced", count(i.displaced)), ("freed", count(i.freed)), ("confidence", num(i.confidence)),
                ("source_url", str(i.sourceURL)), ("sentence", str(i.notes)),
            ]
            if let s = i.extractedFrom { members.append(("span", span(s))) }
            for p in i.extra {
                if case .bool(let b) = p.value { members.append((p.name, .bool(b))) } else { members.append((p.name, .string(p.value.description))) }
            }
            return .object(members)
        }
        let control: [JSONValue] = e.control.map { c in
            .object([("place", .string(c.placeText)), ("id", str(c.placeID)), ("zone", str(c.zone)), ("zone_name", str(c.zoneName)),
                     ("share", .double(c.share)), ("class", .string(c.actorClass.rawValue)), ("source", str(c.source)),
                     ("date", str(c.date?.description)), ("tense", .string(c.tense.rawValue)), ("qualitative", .bool(c.qualitative)),
                     ("sentence", .string(c.sentence)),
                     ("span", span(c.span))])
        }
        return .object([
            ("file", .string(e.file)), ("date", str(e.reportDate?.description)),
            ("places", .array(withMentions ? e.mentions.map(mentionValue) : [])),
            ("outside_country", .array(withMentions ? e.outside.map(mentionValue) : [])),
            // The key's name before profiles made the country data (one release, for scripts that read it).
            ("outside_haiti", .array(withMentions ? e.outside.map(mentionValue) : [])),
            // Names that read as places but that no source knows ("Vallée de Bourdon"), for the analyst to add.
            ("unknown_places", withMentions ? unknownPlaces(e) : .array([])),
            ("incidents", .array(incidents)), ("control", .array(control)),
            ("warnings", .array(e.warnings.map { .string($0) })),
        ])
    }

    /// Incidents with a point as GeoJSON features (country-level ones have no point and are left out).
    public static func featureCollection(_ extractions: [Extraction]) -> FeatureCollection {
        FeatureCollection(extractions.flatMap { e in
            e.incidents.compactMap { i -> Feature? in
                guard let c = i.coordinate else { return nil }
                var props: [Property] = [
                    Property("id", .string(i.id)), Property("event_date", i.eventDate.map { .date($0) } ?? .null),
                    Property("time_precision", i.timePrecision.map { .int($0) } ?? .null),
                    Property("event_type", i.eventType.map { .string($0) } ?? .null), Property("sub_event_type", i.subEventType.map { .string($0) } ?? .null),
                    Property("actor1", i.actor1.map { .string($0) } ?? .null), Property("actor2", i.actor2.map { .string($0) } ?? .null),
                    Property("location", i.location.map { .string($0) } ?? .null), Property("geo_precision", i.geoPrecision.map { .int($0) } ?? .null),
                    Property("fatalities", i.fatalities.map { .int($0) } ?? .null), Property("zone_chain", .string(i.zoneChain.joined(separator: " "))),
                ]
                for (name, v) in [("killed", i.killed), ("injured", i.injured), ("freed", i.freed), ("abducted", i.abducted), ("displaced", i.displaced)] {
                    props.append(Property(name, v.map { .int($0.value) } ?? .null))
                }
                props.append(Property("notes", i.notes.map { .string($0) } ?? .null))
                props.append(Property("extracted_from", i.extractedFrom.map { .string($0.description) } ?? .null))
                return Feature(id: .string(i.id), geometry: .point(Point(c)), properties: props)
            }
        })
    }
}
