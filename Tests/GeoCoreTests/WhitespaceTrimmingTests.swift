import Foundation
import GeoCore
import Testing

@Suite("Trimming white space without Foundation")
struct WhitespaceTrimmingTests {
    @Test("agrees with trimmingCharacters(in: .whitespaces)", arguments: [
        "", " ", "\t", "Okap", "  Okap ", "\tCité Soleil\t", "\u{A0}Delmas 30\u{3000}", "\u{2009}x\u{202F}",
        "line\n", "\nline", " \r\n ", "é\u{301} ", " \u{301}x", "Port-au-Prince", "a b",
    ])
    func agrees(text: String) {
        let expected = text.trimmingCharacters(in: .whitespaces)
        #expect(text.trimmingWhitespace == expected, "\(Array(text.unicodeScalars))")
        #expect(String(text[...].trimmingWhitespace) == expected)
    }
}
