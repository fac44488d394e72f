@testable import Incidents
import Testing

@Suite("Dates: which all-numeric dates are ambiguous")
struct DateParsingTests {
    @Test("the first-bytes answer agrees with the full reading on every shape of date", arguments: [
        ("03/04/2025", true), ("3/4/2025", true), (" 03.04.2025", true), ("\t12-11-2024", true), ("04/04/2025", false),
        ("31/03/2025", false), ("03/31/2025", false), ("2025-03-31", false), ("2025-03-04", false), ("31 March 2025", false),
        ("March 3, 2025", false), ("", false), ("   ", false), ("123/4/2025", false), ("1/2/25", true), ("1/2/125", false), ("03/04/2025 00:00", false),
    ])
    func ambiguous(date: String, expected: Bool) {
        #expect(DateParsing.isAmbiguousNumeric(date) == expected)
        // The rule the fast path stands in front of, written out.
        let slow: Bool = {
            guard let n = DateParsing.numericParts(date.trimmingCharacters(in: [" ", "\t"])) else { return false }
            if case .ambiguous = DateParsing.numeric(n, order: .unambiguousOnly) { return true }
            return false
        }()
        #expect(slow == expected)
    }
}
