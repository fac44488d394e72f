/// Text from the data made safe to print on a terminal: control characters (C0 but tab, DEL, C1) and the escape
/// sequences they start are shown as visible escapes instead of being acted on — an actor named
/// "\u{1B}[2J" must not clear the screen, nor "\u{1B}]0;…\u{07}" set the window's title (issue 36). The program's
/// own colours are added after this, around the cleaned text.
public enum TerminalText {
    /// `s` with every control character written as `\u{…}` (tab kept), so nothing in it is run by the terminal.
    public static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for ch in s.unicodeScalars {
            if isControl(ch) { out += "\\u{" + String(ch.value, radix: 16, uppercase: true) + "}" } else { out.unicodeScalars.append(ch) }
        }
        return out
    }

    /// C0 controls but tab, DEL and the C1 controls (U+0080…U+009F: CSI, OSC, … on terminals that read them).
    @inline(__always)
    static func isControl(_ c: Unicode.Scalar) -> Bool {
        (c.value < 0x20 && c != "\t") || (0x7F...0x9F).contains(c.value)
    }
}
