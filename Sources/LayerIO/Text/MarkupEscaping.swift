/// Text escaped for XML and HTML element content and attribute values
/// (KML, QGIS styles, the web map's pages). Characters XML 1.0 forbids are
/// dropped (control characters but tab, line feed and carriage return; NUL
/// among them) or replaced by U+FFFD (the noncharacters U+FFFE and U+FFFF,
/// which made GDAL refuse a KML: issue 36).
public enum MarkupEscaping {
    /// Appends `s` escaped, as UTF-8 (copied whole when it needs no escape).
    public static func append(_ s: String, to out: inout [UInt8]) {
        var copy = s
        let copied = copy.withUTF8 { bytes -> Bool in
            for b in bytes where needsEscape(b) { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if !copied { out.append(contentsOf: escape(s).utf8) }
    }

    /// A byte that is escaped or dropped: a control character, `&`, `<`, `>`, `"` or `'`; or the lead byte of
    /// U+F000…U+FFFF (checked for U+FFFE and U+FFFF).
    @inline(__always)
    private static func needsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 || b == 0xEF }

    public static func escape(_ s: String) -> String {
        // Most values (names, dates, numbers) need nothing: one pass over the bytes says so, and the string is
        // returned as it is (the scalar loop below cost a tenth of a million-feature KML export).
        if !s.utf8.contains(where: needsEscape) {
            return s
        }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default:
                if ch.value < 0x20 && ch != "\n" && ch != "\t" && ch != "\r" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
