/// Cuts UTF-8 text to at most `maxBytes` bytes without splitting a character
/// (a grapheme cluster is never cut in the middle of one of its scalars).
public enum UTF8Truncation {
    /// The text and whether it was cut.
    public static func truncate(_ s: String, maxBytes: Int) -> (String, Bool) {
        guard s.utf8.count > maxBytes else { return (s, false) }
        var out = ""
        var used = 0
        for ch in s {
            let n = ch.utf8.count
            if used + n > maxBytes { break }
            out.append(ch)
            used += n
        }
        return (out, true)
    }
}
