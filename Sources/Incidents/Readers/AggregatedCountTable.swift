import Foundation
import GeoCore
import LayerIO

/// One row of an aggregated table: how many events (and deaths) an administrative unit had over a period.
public struct AggregatedCount: Sendable, Equatable {
    /// The finest p-code the row gives (`Admin2 Pcode` before `Admin1 Pcode`), upper case.
    public var pcode: String?
    /// The row's admin names, finest first (`Admin2`, then `Admin1`): used only when the row has no p-code.
    public var names: [String]
    /// The period the count covers (a month, a week from its first day, a year), when the row says.
    public var periodStart: CalendarDate?
    public var periodEnd: CalendarDate?
    public var events: Int
    public var fatalities: Int
    public var eventType: String?
    /// Where the row was read (`FILE:LINE`).
    public var whereRead: String
    /// The zone ids the row counts in, country first (filled when it is joined to the boundaries).
    public var zoneChain: [String] = []
}

/// Tables of counts per administrative unit and period — ACLED's aggregated data (`Admin1, Admin2, Admin2 Pcode,
/// Month, Year, Events, Fatalities`; the weekly regional files' `WEEK, ADMIN1, EVENT_TYPE, EVENTS, FATALITIES`) and
/// any table of that shape — are counts, not events: they have no event's date, place or actors. They are
/// recognised by their header (an events count, a period, no event date and no coordinates) and read as counts.
public enum AggregatedCountTable {
    /// The header names (lower case) of an events count.
    static let countNames = ["events", "event_count", "events_count", "number_of_events"]

    /// Whether a header (lower-cased names → position) is an aggregated table's.
    static func isAggregated(_ index: [String: Int]) -> Bool {
        countNames.contains { index[$0] != nil } && index["event_date"] == nil && index["latitude"] == nil
            && ["month", "week", "year", "period"].contains { index[$0] != nil }
    }

    /// Whether the CSV table at `path` is an aggregated table (its header says; false when it cannot be read).
    public static func isAggregated(path: String) -> Bool {
        // Standard input is not peeked at (its first line would be gone); articles (.txt) and other formats are not tables.
        guard path != "-", ["csv", "tsv", ""].contains((path as NSString).pathExtension.lowercased()),
              let reader = try? CSVReader(path: path, delimiter: IncidentTableReader.delimiter(of: path)), (try? reader.next()) == true,
              let header = try? reader.strings() else { return false }
        return isAggregated(index(header))
    }

    static func index(_ header: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, h) in header.enumerated() {
            let key = h.trimmingCharacters(in: .whitespaces).lowercased()
            if index[key] == nil { index[key] = i }
        }
        return index
    }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                             "november", "december"]

    /// Reads every row; rows whose count is missing or not a whole number are rejected (named in the report), rows
    /// of zero events are read (they say the unit had none) and counted.
    public static func read(path: String) throws -> (counts: [AggregatedCount], report: ReadReport) {
        let reader = try CSVReader(path: path, delimiter: IncidentTableReader.delimiter(of: path))
        var report = ReadReport()
        guard try reader.next() else { report.warn("\(reader.path): empty file"); return ([], report) }
        let header = try reader.strings()
        let at = index(header)
        guard let eventsAt = countNames.lazy.compactMap({ at[$0] }).first else {
            throw IncidentRowError(file: reader.path, line: 1, column: nil, reason: "no events count column (\(countNames.joined(separator: ", ")))")
        }
        // P-codes and names, finest level first: `admin3 pcode`, `adm3_pcode`, `admin3_pcode`, …
        let pcodeAt = (1...4).reversed().compactMap { n in ["admin\(n) pcode", "adm\(n)_pcode", "admin\(n)_pcode", "adm\(n) pcode"].lazy.compactMap { at[$0] }.first }
            + [at["pcode"]].compactMap { $0 }
        let nameAt = (1...4).reversed().compactMap { n in ["admin\(n)", "adm\(n)_en", "adm\(n)_fr", "adm\(n)_name"].lazy.compactMap { at[$0] }.first }
        let fatalitiesAt = at["fatalities"], typeAt = at["event_type"]
        let monthAt = at["month"], yearAt = at["year"], weekAt = at["week"]
        var counts: [AggregatedCount] = []
        while try reader.next() {
            report.read += 1
            let line = reader.line
            func text(_ k: Int?) -> String? {
                guard let k, k < reader.count, let s = try? reader.string(k).trimmingCharacters(in: .whitespaces),
                      !s.isEmpty, !["NA", "NaN", "<NA>", "NULL"].contains(s) else { return nil }
                return s
            }
            guard let eventsText = text(eventsAt), let events = Int(eventsText), events >= 0 else {
                report.rejected += 1
                let raw = eventsAt < reader.count ? (try? reader.string(eventsAt)) ?? "" : ""
                report.problem("\(reader.path):\(line): \(header[eventsAt]) '\(raw)' is not a count of events")
                continue
            }
            var row = AggregatedCount(pcode: pcodeAt.lazy.compactMap { text($0)?.uppercased() }.first, names: nameAt.compactMap { text($0) },
                                      events: events, fatalities: text(fatalitiesAt).flatMap { Int($0) } ?? 0, eventType: text(typeAt),
                                      whereRead: "\(reader.path):\(line)")
            let year = text(yearAt).flatMap { Int($0) }
            if let w = text(weekAt), let start = DateParsing.parse(w) {
                row.periodStart = start
                row.periodEnd = start.adding(days: 6)
            } else if let year, let m = text(monthAt) {
                let month = Int(m) ?? monthNames.firstIndex { $0.hasPrefix(m.lowercased().prefix(3)) && m.count >= 3 }.map { $0 + 1 }
                if let month, let start = try? CalendarDate(year: year, month: month, day: 1) {
                    row.periodStart = start
                    row.periodEnd = try? CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))
                }
            } else if let year, let start = try? CalendarDate(year: year, month: 1, day: 1) {
                row.periodStart = start
                row.periodEnd = try? CalendarDate(year: year, month: 12, day: 31)
            }
            report.kept += 1
            counts.append(row)
        }
        return (counts, report)
    }
}
