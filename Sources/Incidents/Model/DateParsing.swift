import GeoCore

/// Calendar dates as incident files and news write them.
public enum DateParsing {
    /// English and French month names (and their usual abbreviations), lower-case, accents removed.
    static let months: [String: Int] = {
        var m: [String: Int] = [:]
        let en = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        let fr = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"]
        for (i, n) in en.enumerated() { m[n] = i + 1; m[String(n.prefix(3))] = i + 1 }
        for (i, n) in fr.enumerated() { m[n] = i + 1 }
        m["sept"] = 9; m["janv"] = 1; m["fevr"] = 2; m["avr"] = 4; m["juil"] = 7; m["oct"] = 10; m["nov"] = 11; m["dec"] = 12
        return m
    }()

    static func month(_ word: String) -> Int? {
        let folded = word.lowercased().replacingAccents().trimmingCharacters(in: ["."])
        return months[folded]
    }

    /// Parses `2025-03-31`, `31 March 2025`, `31-March-2025`, `31 Mar 2025`,
    /// `March 31, 2025`, `31 mars 2025`, `2025/03/31`. `nil` when the text is not
    /// one of these or names an impossible date.
    public static func parse(_ text: String, order: NumericDateOrder = .unambiguousOnly) -> CalendarDate? {
        let t = text.trimmingBlanks()
        if let d = CalendarDate(iso8601: t) { return d }
        // ACLED's API and some spreadsheets add a time: 2025-03-31 00:00:00, 2025-03-31T00:00:00Z.
        if t.count > 10, let d = CalendarDate(iso8601: t.prefix(10)), [" ", "T"].contains(t[t.index(t.startIndex, offsetBy: 10)]) { return d }
        if let d = CalendarDate(iso8601: t.replacingOccurrences(of: "/", with: "-")) { return d }
        if let n = numericParts(t) { return numeric(n, order: order).date }
        // Words and numbers.
        let parts = t.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," || $0 == "/" }).map(String.init)
        guard parts.count == 3 else { return nil }
        if let day = Int(parts[0]), let m = month(parts[1]), let y = Int(parts[2]) { return try? CalendarDate(year: y, month: m, day: day) }
        if let m = month(parts[0]), let day = Int(parts[1]), let y = Int(parts[2]) { return try? CalendarDate(year: y, month: m, day: day) }
        return nil
    }
}

/// How to read an all-numeric date such as `03/04/2025` whose first two numbers could each be the day.
public enum NumericDateOrder: String, Sendable, CaseIterable {
    /// Day first (31/03/2025), as in most of the world.
    case dayFirst = "dmy"
    /// Month first (03/31/2025), as in the United States.
    case monthFirst = "mdy"
    /// Read a date only when one of the numbers is above 12 (31/03/2025 or 03/31/2025); `03/04/2025` is ambiguous.
    case unambiguousOnly = "auto"

    /// Parses `dmy`, `mdy`, `auto`, or a pattern such as `DD/MM/YYYY`, `%d/%m/%Y`, `MM-DD-YYYY`, `%m/%d/%Y`.
    public init?(pattern: String) {
        if let v = NumericDateOrder(rawValue: pattern.lowercased()) { self = v; return }
        let letters = pattern.lowercased().filter { "dmy".contains($0) }
        var seen = ""
        for c in letters where seen.last != c { seen.append(c) }
        switch seen {
        case "dmy", "ymd": self = .dayFirst   // year-first numeric dates are always Y-M-D
        case "mdy": self = .monthFirst
        default: return nil
        }
    }
}

extension DateParsing {
    /// The three numbers of `31/03/2025`, `31.03.2025`, `31-03-2025` (day or month first, year last), or nil.
    static func numericParts(_ t: String) -> (Int, Int, Int)? {
        let parts = t.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4 || parts[2].count == 2,
              let a = Int(parts[0]), let b = Int(parts[1]), let y = Int(parts[2]) else { return nil }
        // A two-digit year (a spreadsheet's short date, 1/1/16): 00–69 are 2000–2069, 70–99 are 1970–1999 (POSIX's
        // strptime pivot; ACLED's data start in 1997).
        if parts[2].count == 2 { return (a, b, y < 70 ? 2000 + y : 1900 + y) }
        return (a, b, y)
    }

    /// What an all-numeric date says under an order: the date, or why there is none.
    enum NumericReading { case date(CalendarDate), ambiguous, impossible
        var date: CalendarDate? { if case .date(let d) = self { d } else { nil } }
    }

    static func numeric(_ n: (Int, Int, Int), order: NumericDateOrder) -> NumericReading {
        let (a, b, y) = n
        func make(_ d: Int, _ m: Int) -> NumericReading { (try? CalendarDate(year: y, month: m, day: d)).map { .date($0) } ?? .impossible }
        switch order {
        case .dayFirst: return make(a, b)
        case .monthFirst: return make(b, a)
        case .unambiguousOnly:
            if a == b { return make(a, b) }
            if a > 12 && b <= 12 { return make(a, b) }
            if b > 12 && a <= 12 { return make(b, a) }
            return a > 12 ? .impossible : .ambiguous
        }
    }

    /// The order a numeric date proves (one of its first two numbers is above 12), or nil.
    static func provenOrder(_ t: String) -> NumericDateOrder? {
        guard let (a, b, _) = numericParts(t.trimmingBlanks()) else { return nil }
        if a > 12 && b <= 12 { return .dayFirst }
        if b > 12 && a <= 12 { return .monthFirst }
        return nil
    }

    /// Whether `t` is an all-numeric date whose order cannot be told from itself (03/04/2025).
    static func isAmbiguousNumeric(_ t: String) -> Bool {
        // Only a date that starts with a one- or two-digit number can be ambiguous (`numericParts`): ISO dates
        // ("2025-03-31", most tables' every row) and dates with a month name are answered from their first bytes.
        var digits = 0
        for b in t.utf8 {
            if digits == 0 && (b == 0x20 || b == 0x09) { continue }
            guard b >= 0x30 && b <= 0x39 else { break }
            digits += 1
            if digits > 2 { return false }
        }
        guard digits > 0 else { return false }
        guard let n = numericParts(t.trimmingBlanks()) else { return false }
        if case .ambiguous = numeric(n, order: .unambiguousOnly) { return true }
        return false
    }
}
