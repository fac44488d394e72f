import Foundation
import GeoCore
import LayerIO
import Testing

@Suite("CSV writer: values and fixed decimals as bytes")
struct CSVWriterTests {
    /// A writer to memory: the bytes it was handed.
    final class Memory: ByteSink {
        var bytes: [UInt8] = []
        func write(_ b: [UInt8]) throws { bytes += b }
        func finish() throws {}
    }

    static func text(_ fill: (CSVWriter) throws -> Void) throws -> String {
        let m = Memory()
        let w = CSVWriter(sink: m)
        try fill(w)
        try w.finish()
        return String(decoding: m.bytes, as: UTF8.self)
    }

    @Test("values: null empty, integers as digits, text quoted only when it must be, doubles/dates/booleans as their description")
    func values() throws {
        let values: [PropertyValue] = [.null, .int(-42), .int(0), .string("Cité Soleil"), .string("a,b"), .string("say \"hi\""),
                                       .double(0.1), .double(-3e-7), .double(18), .bool(true), .date(try CalendarDate(year: 2025, month: 3, day: 9))]
        let csv = try Self.text { w in
            for (k, v) in values.enumerated() {
                if k > 0 { w.appendSeparator() }
                w.appendValue(v)
            }
            try w.endRow()
        }
        #expect(csv == ",-42,0,Cité Soleil,\"a,b\",\"say \"\"hi\"\"\",0.1,-3e-07,18.0,true,2025-03-09\n")
        // The same as writing the values' text as fields, one way or the other.
        let fields = try Self.text { w in try w.writeRow(values.map { $0.isNull ? "" : $0.description }) }
        #expect(csv == fields)
    }

    @Test("fixed decimals are printf's %.7f to the byte: halfway cases, negatives, zero, large and tiny values")
    func fixed() throws {
        var rng = SeededGenerator(seed: 7)
        var xs: [Double] = [0, -0.0, 1, -1, 0.5, -72.33745, 18.5432105, 123456789.123456789, 1e-9, -4.99999995e-8, 5e-8, 1e300, -1e-300,
                            .infinity, -.infinity, .nan]
        for _ in 0..<2_000 { xs.append(Double.random(in: -180...180, using: &rng)) }
        // Values on a half-unit of the 7th decimal, where rounding is decided by the binary value.
        for k in 0..<200 { xs.append(-72.0 + Double(k) * 1e-7 + 5e-8) }
        for d in [0, 2, 7] {
            let csv = try Self.text { w in
                for x in xs { w.appendFixed(x, decimals: d); try w.endRow() }
            }
            let expected = xs.map { String(format: "%.\(d)f", $0) + "\n" }.joined()
            #expect(csv == expected, "decimals \(d)")
        }
    }
}
