import Foundation
import GeoCore
import Gazetteer
import Incidents
import Zones

/// A share of a zone someone reported ("90% of the capital under gang
/// control", U.N., 2025-04-04): shown beside the estimates, never blended in.
public struct ReportedObservation: Sendable, Equatable {
    /// The zone as written.
    public let zoneText: String
    /// The zone matched in the loaded layers (any level), if any.
    public var zoneID: String?
    public let actorClass: ControlClass
    public let share: Double
    public let date: CalendarDate?
    public let source: String?
    /// Where it was read: `file:line` or an extract span.
    public let origin: String

    public init(zoneText: String, zoneID: String?, actorClass: ControlClass, share: Double, date: CalendarDate?, source: String?, origin: String) {
        self.zoneText = zoneText
        self.zoneID = zoneID
        self.actorClass = actorClass
        self.share = share
        self.date = date
        self.source = source
        self.origin = origin
    }
}

public struct ReportedObservationError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let line: Int
    public let reason: String
    public var description: String { "\(path):\(line): \(reason)" }
}

public enum ReportedObservations {
    /// Reads CSV `zone,class,share,date,source` (header required; share as
    /// 0…1 or a percentage like `90%`).
    public static func read(path: String) throws -> [ReportedObservation] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ReportedObservationError(path: path, line: 0, reason: "cannot read as UTF-8 text")
        }
        var out: [ReportedObservation] = []
        var header: [String] = []
        for (n, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = AliasTable.splitCSVLine(line)
            if header.isEmpty {
                header = f.map { $0.lowercased() }
                for required in ["zone", "class", "share"] where !header.contains(required) {
                    throw ReportedObservationError(path: path, line: n + 1, reason: "the header needs zone,class,share[,date,source]; '\(required)' is missing")
                }
                continue
            }
            func col(_ name: String) -> String? { header.firstIndex(of: name).flatMap { $0 < f.count ? f[$0] : nil }.flatMap { $0.isEmpty ? nil : $0 } }
            guard let zone = col("zone") else { throw ReportedObservationError(path: path, line: n + 1, reason: "no zone") }
            guard var shareText = col("share") else { throw ReportedObservationError(path: path, line: n + 1, reason: "no share") }
            var percent = false
            if shareText.hasSuffix("%") { shareText.removeLast(); percent = true }
            guard var share = Double(shareText) else { throw ReportedObservationError(path: path, line: n + 1, reason: "share '\(col("share")!)' is not a number") }
            if percent { share /= 100 }
            guard (0...1).contains(share) else {
                throw ReportedObservationError(path: path, line: n + 1, reason: "share \(col("share")!) is outside 0–1 (write 0.9 or 90%)")
            }
            var date: CalendarDate?
            if let d = col("date") {
                guard let parsed = DateParsing.parse(d) else { throw ReportedObservationError(path: path, line: n + 1, reason: "date '\(d)' is not YYYY-MM-DD") }
                date = parsed
            }
            out.append(ReportedObservation(zoneText: zone, zoneID: nil, actorClass: ControlClass((col("class") ?? "gang").lowercased()), share: share,
                                           date: date, source: col("source"), origin: "\(path):\(n + 1)"))
        }
        return out
    }

    /// Observations found by the text extractor: today's figures (past estimates the text recalls stay in its JSON).
    public static func from(_ extraction: Extraction) -> [ReportedObservation] {
        extraction.control.filter { $0.tense == .current }.map {
            ReportedObservation(zoneText: $0.placeText, zoneID: $0.zone, actorClass: $0.actorClass, share: $0.share, date: $0.date,
                                source: $0.qualitative ? ($0.source.map { $0 + ", " } ?? "") + "in words, not a figure" : $0.source,
                                origin: $0.span.description)
        }
    }

    /// Matches each observation's zone to a loaded zone (p-code, then name at
    /// any level, then the gazetteer); returns the ones that match none.
    public static func match(_ obs: inout [ReportedObservation], zones: ZoneSet, gazetteer: Gazetteer?) -> [ReportedObservation] {
        var unmatched: [ReportedObservation] = []
        for k in obs.indices {
            if let id = obs[k].zoneID, zones.layers.contains(where: { $0.zone(id: id) != nil }) { continue }
            let text = obs[k].zoneText
            let key = NameNormalizer.key(text)
            if let z = zones.layers.lazy.compactMap({ $0.zone(id: text.uppercased()) }).first {
                obs[k].zoneID = z.id
            } else if let z = zones.layers.reversed().lazy.flatMap({ $0.zones }).first(where: { NameNormalizer.key($0.name) == key || $0.names.values.contains { NameNormalizer.key($0) == key } }) {
                obs[k].zoneID = z.id
            } else if let g = gazetteer, let m = g.lookup(text).match, let commune = m.zones.first(where: { $0.level == .adm2 }) ?? m.zones.last {
                obs[k].zoneID = commune.pcode
            } else {
                unmatched.append(obs[k])
            }
        }
        return unmatched
    }
}
