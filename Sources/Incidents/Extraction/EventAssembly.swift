import Foundation
import GeoCore
import Gazetteer

extension TextExtractor {
    /// The events of one text as its clauses are read in order: the event being told — extended by the clauses that
    /// go on telling it (adjacent, no new place; or naming it again: "the attack") — and those finished.
    struct EventAssembly {
        typealias Event = (incident: Incident, flags: EventRules.Flags, sentence: Int, targets: Set<ControlClass>, perpetrator: ControlClass?, placeID: String?)

        let extractor: TextExtractor
        let file: String
        let reportDate: CalendarDate?
        let sourceURL: String?
        let dates: DateResolver
        private(set) var current: Event?
        private(set) var incidents: [Incident] = []
        /// Relative date phrases left unresolved (no report date).
        private(set) var unresolvedDates: [String] = []

        init(extractor: TextExtractor, file: String, reportDate: CalendarDate?, sourceURL: String?) {
            self.extractor = extractor
            self.file = file
            self.reportDate = reportDate
            self.sourceURL = sourceURL
            dates = DateResolver(reportDate: reportDate)
        }

        /// One clause (`index`: its running number in the text; `places`: the places named in it).
        mutating func read(clause s: TextSegmenter.Sentence, index si: Int, folded: [String], places here: [PlaceMention]) {
            let flags = EventRules.flags(folded)
            let hasEvent = !flags.intersection(.event).isEmpty
            let foundActors = extractor.actors.find(in: folded)
            let location = TextExtractor.eventPlace(s, folded: folded, places: here)
            // "the attack", "l'assaut", "this massacre": the event told before, not a new one.
            // (With the event told further back, a new incident: EventCoreference merges it with that one.)
            if hasEvent, TextExtractor.onlyAnaphoric(folded), current != nil {
                extend(s, si, folded, flags, foundActors)
                // "gangs attacked the capital … the assault on one of its suburbs": the more precise place.
                if let m = location, m.placeID != current!.placeID, extractor.refines(m, current!.incident) {
                    extractor.move(&current!.incident, to: m)
                    current!.placeID = m.placeID
                }
                return
            }
            guard hasEvent || (current != nil && si == current!.sentence + 1 && !flags.isEmpty && location == nil) else {
                if current != nil && si > current!.sentence + 1 { finish() }
                return
            }
            // Continue the current event: adjacent clause, no new place (or the same one).
            // (Not a statistic or a past event told next to it: "… which brings the toll since January to 5,000".)
            if let c = current, si == c.sentence + 1, location == nil || location?.placeID == c.placeID, !toldAsBackground(s, folded) {
                extend(s, si, folded, flags, foundActors)
                return
            }
            finish()
            if hasEvent { start(s, si, folded, flags, foundActors, location) }
        }

        /// Every event, the one being told finished.
        mutating func finished() -> [Incident] {
            finish()
            return incidents
        }

        /// A new event told in clause `s`.
        private mutating func start(_ s: TextSegmenter.Sentence, _ si: Int, _ folded: [String], _ flags: EventRules.Flags,
                                    _ foundActors: [(entry: ActorTable.Entry, at: Int)], _ location: PlaceMention?) {
            let country = extractor.country
            var inc = Incident(id: "\(((file as NSString).lastPathComponent as NSString).deletingPathExtension)-\(s.start)")
            inc.extractedFrom = TextSpan(file: file, start: s.start, end: s.end)
            inc.sourceURL = sourceURL
            inc.notes = s.text
            inc.country = country.name
            inc.iso = country.isoNumeric
            inc.region = country.region
            inc.sourceScale = "Other"
            if let d = dates.resolve(folded) {
                inc.eventDate = d.date
                inc.timePrecision = d.precision
                if let end = d.end { inc.extra.append(Property("date_end", .date(end))) }
                inc.extra.append(Property("date_phrase", .string(d.phrase)))
            } else if let reportDate {
                inc.eventDate = reportDate
                inc.timePrecision = 2
                inc.extra.append(Property("date_phrase", .string("(report date)")))
            } else if let phrase = DateResolver.relativePhrase(folded) {
                unresolvedDates.append(phrase)
            }
            if let m = location, m.coordinate != nil {
                extractor.move(&inc, to: m)
            } else {
                inc.location = country.name
                inc.geoPrecision = 3
                inc.confidence = 0.6
            }
            // Actors: the perpetrator is the actor after "by", else the first before the trigger, else the first.
            var perpetrator: ActorTable.Entry?
            if let by = folded.firstIndex(where: { $0 == "by" || $0 == "par" }) {
                perpetrator = foundActors.first { $0.at > by && $0.at <= by + 4 }?.entry
            }
            let firstTrigger = folded.firstIndex { !EventRules.flags([$0]).isEmpty } ?? folded.count
            perpetrator = perpetrator ?? foundActors.first { $0.at < firstTrigger && ($0.entry.actorClass == .gang || $0.entry.actorClass == .state) }?.entry
                ?? foundActors.first { $0.entry.actorClass == .gang }?.entry ?? foundActors.first?.entry
            // Prefer a named gang over "gangs"; a named coalition goes to assoc_actor_1.
            let named = foundActors.map(\.entry).filter { $0.actorClass == .gang && $0.actor != country.unidentifiedGang }
            if perpetrator?.actorClass == .gang, let first = named.first {
                perpetrator = first
                let coalition = named.dropFirst().first { $0.actor != first.actor }
                inc.assocActor1 = coalition?.actor
            }
            inc.actor1 = perpetrator?.actor
            inc.inter1 = perpetrator?.inter
            let target = foundActors.map(\.entry).first { $0.actor != perpetrator?.actor && $0.actorClass != perpetrator?.actorClass }
            inc.actor2 = target?.actor
            inc.inter2 = target?.inter
            if target?.actor.hasPrefix("MSS") == true, folded.contains("kenyan") { inc.assocActor2 = "Police Forces of Kenya" }
            extractor.addCounts(s, to: &inc)
            var targets = Set(foundActors.map(\.entry.actorClass).filter { $0 != perpetrator?.actorClass && $0 != .protester })
            if perpetrator == nil { targets.remove(.gang) }
            if let why = TextExtractor.backgroundOrAggregate(folded, incident: inc, reportDate: reportDate) { inc.extra.append(Property(why, .bool(true))) }
            current = (inc, flags, si, targets, perpetrator?.actorClass, location?.placeID)
        }

        /// A later clause of the event being told: its flags, counts, targets, text and a better date.
        private mutating func extend(_ s: TextSegmenter.Sentence, _ si: Int, _ folded: [String], _ flags: EventRules.Flags,
                                     _ foundActors: [(entry: ActorTable.Entry, at: Int)]) {
            guard var c = current else { return }
            c.flags.formUnion(flags)
            extractor.addCounts(s, to: &c.incident)
            for (e, _) in foundActors where e.actorClass != .gang && e.actorClass != .protester { c.targets.insert(e.actorClass) }
            // An event retold over many sentences keeps its first 4,000 bytes of text (bounded work per sentence).
            if (c.incident.notes?.utf8.count ?? 0) < 4_000 { c.incident.notes = (c.incident.notes.map { $0 + " " } ?? "") + s.text }
            // A date in a later sentence ("after Thursday's attack") beats the report-date fallback.
            if c.incident.extra.contains(Property("date_phrase", .string("(report date)"))), let d = dates.resolve(folded) {
                c.incident.eventDate = d.date
                c.incident.timePrecision = d.precision
                c.incident.extra.removeAll { $0.name == "date_phrase" || $0.name == "date_end" }
                if let end = d.end { c.incident.extra.append(Property("date_end", .date(end))) }
                c.incident.extra.append(Property("date_phrase", .string(d.phrase)))
            }
            c.incident.extractedFrom = TextSpan(file: file, start: c.incident.extractedFrom!.start, end: s.end)
            c.sentence = si
            current = c
        }

        /// Whether the clause tells a period's total or an event before the report's time.
        private func toldAsBackground(_ s: TextSegmenter.Sentence, _ folded: [String]) -> Bool {
            var probe = Incident(id: "")
            extractor.addCounts(s, to: &probe)
            probe.eventDate = dates.resolve(folded)?.date
            return TextExtractor.backgroundOrAggregate(folded, incident: probe, reportDate: reportDate) != nil
        }

        /// The event being told, typed and its actors completed by ACLED's conventions, goes to the finished ones.
        private mutating func finish() {
            guard var c = current else { return }
            let country = extractor.country
            let (type, sub) = EventRules.classify(c.flags, perpetratorClass: c.perpetrator, targetClasses: c.targets)
            c.incident.eventType = type
            c.incident.subEventType = sub
            c.incident.disorderType = ACLEDTaxonomy.disorderType(of: type)
            if type == ACLEDTaxonomy.violenceAgainstCivilians { c.incident.civilianTargeting = "Civilian targeting" }
            if type == ACLEDTaxonomy.protests || type == ACLEDTaxonomy.riots {
                let isRiot = type == ACLEDTaxonomy.riots
                c.incident.actor1 = isRiot ? country.rioters : country.protesters
                c.incident.inter1 = isRiot ? 5 : 6
                if c.flags.contains(.intervention) || c.flags.contains(.clash) {
                    c.incident.actor2 = country.police
                    c.incident.inter2 = 1
                } else {
                    c.incident.actor2 = nil
                    c.incident.inter2 = nil
                }
            } else if type == ACLEDTaxonomy.violenceAgainstCivilians, c.incident.actor2 == nil || c.incident.inter2 != 7 {
                if c.incident.actor2 != nil && c.incident.inter2 != 7 { c.incident.assocActor2 = c.incident.actor2 }
                c.incident.actor2 = country.civilians
                c.incident.inter2 = 7
            }
            c.incident.interaction = ACLEDTaxonomy.interaction(c.incident.inter1, c.incident.inter2)
            c.incident.fatalities = c.incident.killed?.value ?? 0
            incidents.append(c.incident)
            current = nil
        }
    }
}
