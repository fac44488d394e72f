import Foundation
import LayerIO

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

    /// Spaces and tabs dropped at both ends, on the bytes: the string itself when there are none (every field of a
    /// large table is trimmed; a set of characters to test against would be hashed for each).
    func trimmingBlanks() -> String {
        var s = self
        return s.withUTF8 { b -> String? in
            let t = Blanks.trimmed(b)
            return t.count == b.count ? nil : String(decoding: t, as: UTF8.self)
        } ?? self
    }
}
