import Foundation
import GeoCore
import Gazetteer
import Zones

/// Control statements: the shares of a place a sentence says an actor holds (``ControlStatementRules``).
extension TextExtractor {
    func qualitativeStatements(_ s: TextSegmenter.Sentence, file: String, reportDate: CalendarDate?, mentions: [PlaceMention]) -> [ControlObservation] {
        guard !mentions.isEmpty else { return [] }
        let ns = s.text as NSString
        let lower = s.text.lowercased()
        let stateWords = ["police", "army", "officers", "troops", "soldiers", "forces armées", "polis"] + country.stateForces
        let gangWords = ["gang", "armed group", "gunmen", "bandit", "alliance", "coalition", "groupes armés", "bandes armées"] + country.armedGroups
        var out: [ControlObservation] = []
        var used = Set<String>()
        lazy var chars = Array(s.text)
        let lowerBytes = Array(lower.utf8)
        for p in controlRules.qualitative where p.mayMatch(lowerBytes) {
            for m in p.regex.matches(in: s.text, range: NSRange(location: 0, length: ns.length)) {
                let placeRange = m.range(at: p.place)
                let placeText = ns.substring(with: placeRange).trimmingCharacters(in: .whitespacesAndNewlines)
                // The start of the phrase and of the place, in characters (mention spans count characters).
                let placeStart = s.start + ns.substring(to: placeRange.location).count
                let placeEnd = placeStart + placeText.count + 1
                var named = mentions.filter { $0.span.start >= placeStart && $0.span.end <= placeEnd + 1 }
                let generic = ["the town", "the city", "the area", "the neighbourhood", "the neighborhood", "the commune", "la ville", "la commune", "la zone"]
                if named.isEmpty, generic.contains(where: { placeText.lowercased().hasPrefix($0) }), mentions.count == 1 { named = mentions }
                // "Cité Soleil and Martissant", "Cité Soleil, Martissant et Bel-Air": the places listed after the first.
                if let last = named.last {
                    var end = last.span.end
                    for m in mentions where m.span.start >= end {
                        let gap = String(chars[(end - s.start)..<(m.span.start - s.start)]).trimmingCharacters(in: .whitespaces)
                        guard [",", "and", "et", "ak", ", and", ", et"].contains(gap) else { break }
                        named.append(m)
                        end = m.span.end
                    }
                }
                for place in named {
                    guard let id = place.placeID, used.insert(id).inserted else { continue }
                    // Who holds it: the words before the verb say.
                    let before = lower.prefix(ns.substring(to: m.range.location).count + 24)
                    let actorClass: ControlClass
                    if stateWords.contains(where: { before.contains($0) }) && !gangWords.contains(where: { ns.substring(with: m.range).lowercased().contains($0) }) {
                        actorClass = .state
                    } else if gangWords.contains(where: { lower.contains($0) }) {
                        actorClass = .gang
                    } else {
                        continue
                    }
                    let source = ReportingSource.of(sentence: s.text, lower: lower)
                    let start = s.start + ns.substring(to: m.range.location).count
                    var o = ControlObservation(placeText: place.text, placeID: id, zone: place.commune, zoneName: place.zones.first { $0.level == .adm2 }?.name ?? place.name,
                                               share: 1, actorClass: actorClass, source: source, date: reportDate, sentence: s.text,
                                               span: TextSpan(file: file, start: start, end: start + ns.substring(with: m.range).count))
                    o.qualitative = true
                    // "held … since last year" is today's control, begun in the past.
                    let tenseText = lower.replacingOccurrences(of: "since last year", with: "").replacingOccurrences(of: "depuis l'an dernier", with: "")
                    o.tense = ControlStatementRules.pastMarkers.contains { tenseText.contains($0) } ? .previous : .current
                    out.append(o)
                }
            }
        }
        return out
    }

    /// `article`: the places named so far in the article ("the city" is the one it names most).
    func controlStatements(_ s: TextSegmenter.Sentence, index: Int, file: String, reportDate: CalendarDate?, mentions: [PlaceMention],
                                   article: [PlaceMention] = []) -> [ControlObservation] {
        let ns = s.text as NSString
        var out: [ControlObservation] = []
        var seen = Set<Int>()
        let lower = s.text.lowercased()
        let lowerBytes = Array(lower.utf8)
        for p in controlRules.numeric where p.mayMatch(lowerBytes) {
            for m in p.regex.matches(in: s.text, range: NSRange(location: 0, length: ns.length)) {
                // One statement, one observation: where two patterns read the same number, the first wins.
                guard seen.insert(m.range(at: p.share).location).inserted else { continue }
                let shareText = ns.substring(with: m.range(at: p.share)).replacingOccurrences(of: ",", with: ".")
                let placeText = ns.substring(with: m.range(at: p.place)).trimmingCharacters(in: .whitespacesAndNewlines)
                    .replacingOccurrences(of: "\n", with: " ")
                guard let share = Double(shareText), share >= 0, share <= 100 else { continue }
                // The place: a mention inside the phrase, or "the capital" = the profile's capital.
                var placeID: String?, zone: String?, zoneName: String?
                let folded = NameNormalizer.rawTokens(placeText)
                if folded.contains("capital") || folded.contains("capitale") || folded.contains("kapital"), let capital = country.capital {
                    let r = gazetteer.lookup(capital, options: .init(exactOnly: true))
                    placeID = r.match?.place.id
                    zone = r.match?.zones.first { $0.level == .adm2 }?.pcode
                    zoneName = r.match?.zones.first { $0.level == .adm2 }?.name ?? r.match?.place.name
                } else if mentions.first(where: { placeText.contains($0.text) }) == nil, ControlStatementRules.cityWords.contains(where: { placeText.lowercased().hasPrefix($0) }),
                          let town = ControlStatementRules.mostNamedCommune(article) {
                    // "the city", "la ville": the commune the article names most.
                    placeID = town.placeID
                    zone = town.commune
                    zoneName = town.zones.first { $0.level == .adm2 }?.name ?? town.name
                } else {
                    let r = gazetteer.lookup(placeText.replacingOccurrences(of: "the ", with: ""), options: .init(exactOnly: true))
                    let m = mentions.first { placeText.contains($0.text) }
                    placeID = m?.placeID ?? r.match?.place.id
                    zone = m?.commune ?? r.match?.zones.first { $0.level == .adm2 }?.pcode
                    zoneName = m.flatMap { mm in mm.zones.first { $0.level == .adm2 }?.name } ?? r.match?.zones.first { $0.level == .adm2 }?.name ?? m?.name ?? r.match?.place.name
                }
                // Who says so: "The U.N. reports …", "according to the United Nations".
                // (`lower`: the sentence in lower case, made above.)
                let source = ReportingSource.of(sentence: s.text, lower: lower)
                // Today's figure or a past one: the words before the end of the statement say.
                let upToEnd = lower.prefix(m.range.location + m.range.length + 40)
                let previous = ControlStatementRules.pastMarkers.contains { upToEnd.contains($0) }
                let start = s.start + ns.substring(to: m.range.location).count
                var observation = ControlObservation(
                    placeText: placeText, placeID: placeID, zone: zone, zoneName: zoneName, share: share / 100, actorClass: .gang,
                    source: source, date: reportDate, sentence: s.text,
                    span: TextSpan(file: file, start: start, end: start + ns.substring(with: m.range).count))
                observation.tense = previous ? .previous : .current
                out.append(observation)
            }
        }
        return out
    }
}
