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
    public static func parse(_ text: String) -> CalendarDate? {
        let t = text.trimmingCharacters(in: [" ", "\t"])
        if let d = CalendarDate(iso8601: t) { return d }
        if let d = CalendarDate(iso8601: t.replacingOccurrences(of: "/", with: "-")) { return d }
        // Words and numbers.
        let parts = t.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," || $0 == "/" }).map(String.init)
        guard parts.count == 3 else { return nil }
        if let day = Int(parts[0]), let m = month(parts[1]), let y = Int(parts[2]) { return try? CalendarDate(year: y, month: m, day: day) }
        if let m = month(parts[0]), let day = Int(parts[1]), let y = Int(parts[2]) { return try? CalendarDate(year: y, month: m, day: day) }
        return nil
    }
}

extension String {
    /// Latin letters without their accents (é → e), other characters kept.
    func replacingAccents() -> String {
        String(String.UnicodeScalarView(decomposedStringWithCanonicalMapping.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }))
    }

    func trimmingCharacters(in set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
