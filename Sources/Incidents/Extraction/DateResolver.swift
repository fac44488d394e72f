import GeoCore

/// Dates in news text, absolute ("March 31", "31 mars 2025", "Jan. 27") or
/// relative to the report's date ("on Thursday", "earlier this week",
/// "since June", "yesterday"), with the precision the words support:
/// 1 day, 2 week, 3 month (ACLED's `time_precision`).
struct DateResolver {
    let reportDate: CalendarDate?

    struct Resolved: Equatable {
        let date: CalendarDate
        let precision: Int
        /// The last day of a period ("since June" runs to the report date).
        let end: CalendarDate?
        let phrase: String
    }

    private static let weekdays = ["monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
                                   "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
                                   "lendi": 0, "madi": 1, "mekredi": 2, "jedi": 3, "vandredi": 4, "samdi": 5, "dimanch": 6]

    /// Monday = 0 … Sunday = 6.
    static func weekday(_ d: CalendarDate) -> Int { ((d.daysSinceEpoch % 7) + 7 + 3) % 7 }  // 1970-01-01 was a Thursday

    /// The first date expression in the words (lower-cased, accents removed).
    func resolve(_ words: [String]) -> Resolved? {
        for (i, w) in words.enumerated() {
            // Absolute: "31 march 2025", "march 31 2025", "march 31", "31 mars".
            if let m = DateParsing.month(w), w.count >= 3 {
                let day = i + 1 < words.count ? Int(words[i + 1]) : nil
                let dayBefore = i > 0 ? Int(words[i - 1]) : nil
                var year = reportDate?.year
                if let y = (i + 2 < words.count ? Int(words[i + 2]) : nil), y > 1900, day != nil { year = y }
                if let y = (i + 1 < words.count ? Int(words[i + 1]) : nil), y > 1900, dayBefore != nil { year = y }
                if let d = dayBefore ?? day, (1...31).contains(d), let year, let date = try? CalendarDate(year: year, month: m, day: d) {
                    return Resolved(date: date, precision: 1, end: nil, phrase: words[max(0, i - 1)...min(words.count - 1, i + 2)].joined(separator: " "))
                }
                // "since june", "in june": a month.
                if i > 0, ["since", "in", "depuis", "en"].contains(words[i - 1]), let report = reportDate {
                    let y = m <= report.month ? report.year : report.year - 1
                    if let start = try? CalendarDate(year: y, month: m, day: 1) {
                        let isSince = words[i - 1] == "since" || words[i - 1] == "depuis"
                        return Resolved(date: start, precision: 3, end: isSince ? report : nil, phrase: "\(words[i - 1]) \(w)")
                    }
                }
            }
            guard let report = reportDate else { continue }
            if let wd = Self.weekdays[w] {
                // The most recent such weekday on or before the report date.
                let back = (Self.weekday(report) - wd + 7) % 7
                return Resolved(date: report.adding(days: -back), precision: 1, end: nil, phrase: w)
            }
            let next = i + 1 < words.count ? words[i + 1] : ""
            let prev = i > 0 ? words[i - 1] : ""
            if w == "yesterday" || w == "hier" { return Resolved(date: report.adding(days: -1), precision: 1, end: nil, phrase: w) }
            if w == "today" || w == "aujourd" || (w == "this" && (next == "morning" || next == "evening")) {
                return Resolved(date: report, precision: 1, end: nil, phrase: w)
            }
            if w == "week", prev == "this" || (prev == "last" && false) {
                let monday = report.adding(days: -Self.weekday(report))
                return Resolved(date: monday, precision: 2, end: report, phrase: "this week")
            }
            if w == "week", prev == "last" {
                let monday = report.adding(days: -Self.weekday(report) - 7)
                return Resolved(date: monday, precision: 2, end: monday.adding(days: 6), phrase: "last week")
            }
            if w == "month", prev == "last" {
                let m = report.month == 1 ? 12 : report.month - 1, y = report.month == 1 ? report.year - 1 : report.year
                if let d = try? CalendarDate(year: y, month: m, day: 1) { return Resolved(date: d, precision: 3, end: nil, phrase: "last month") }
            }
        }
        return nil
    }

    /// A date phrase that needs the report's date to mean a day ("on wednesday", "yesterday", "last week",
    /// "since june"), found in the words whether or not a report date is known; nil when there is none.
    static func relativePhrase(_ words: [String]) -> String? {
        for (i, w) in words.enumerated() {
            let prev = i > 0 ? words[i - 1] : ""
            if weekdays[w] != nil || ["yesterday", "hier", "today", "aujourd"].contains(w) { return w }
            if ["week", "month"].contains(w), ["this", "last"].contains(prev) { return "\(prev) \(w)" }
            if DateParsing.month(w) != nil, w.count >= 3, ["since", "depuis"].contains(prev) { return "\(prev) \(w)" }
        }
        return nil
    }
}
