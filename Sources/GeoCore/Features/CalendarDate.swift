/// A calendar day (proleptic Gregorian), with no time zone.
///
/// Incident data is dated to the day (ACLED `event_date`); DBF `D` fields
/// hold exactly this. Written as ISO 8601 `YYYY-MM-DD`.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// - Throws: ``CalendarDateError`` for impossible dates (2025-02-30).
    public init(year: Int, month: Int, day: Int) throws {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { throw CalendarDateError.impossible(year: year, month: month, day: day) }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (ISO 8601 calendar date); `nil` when malformed or impossible.
    public init?(iso8601 text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = Self.digits(u[0..<4]), let m = Self.digits(u[5..<7]), let d = Self.digits(u[8..<10]),
              let date = try? CalendarDate(year: y, month: m, day: d)
        else { return nil }
        self = date
    }

    /// Parses `YYYYMMDD` (the DBF `D` field layout); `nil` when malformed or impossible.
    public init?(compact text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 8, let y = Self.digits(u[0..<4]), let m = Self.digits(u[4..<6]), let d = Self.digits(u[6..<8]),
              let date = try? CalendarDate(year: y, month: m, day: d)
        else { return nil }
        self = date
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `days` after 1970-01-01.
    public init(daysSinceEpoch z0: Int) {
        // Howard Hinnant's civil_from_days.
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// ISO 8601 `YYYY-MM-DD`.
    public var description: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }

    /// `YYYYMMDD`, the DBF `D` layout.
    public var compact: String { "\(Self.pad(year, 4))\(Self.pad(month, 2))\(Self.pad(day, 2))" }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var v = 0
        for b in bytes {
            guard b >= 48, b <= 57 else { return nil }
            v = v * 10 + Int(b - 48)
        }
        return v
    }
}

/// A date that does not exist on the calendar.
public enum CalendarDateError: Error, Equatable, Sendable, CustomStringConvertible {
    case impossible(year: Int, month: Int, day: Int)

    public var description: String {
        switch self {
        case let .impossible(y, m, d): "impossible date \(y)-\(m)-\(d)"
        }
    }
}
