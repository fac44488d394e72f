/// Fast decimal parsing from raw bytes.
public enum NumberParsing {
    private static let powers: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                           1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    /// Parses a decimal number (`-72.3388`, `18`, `1.5e3`, surrounding spaces
    /// allowed). Correctly rounded: plain decimals of up to 15 significant
    /// digits take an exact fast path; anything else goes through the
    /// standard library's parser. `nil` when the bytes are not a number.
    public static func double(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0, end = b.count
        while i < end, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        while end > i, b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
        guard i < end else { return nil }
        let start = i
        var negative = false
        if b[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if b[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0
        var sawDigit = false
        while i < end, b[i] >= 48, b[i] <= 57 {
            mantissa = mantissa &* 10 &+ UInt64(b[i] - 48)
            if mantissa != 0 { digits += 1 }
            sawDigit = true
            i += 1
        }
        if i < end, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, b[i] >= 48, b[i] <= 57 {
                mantissa = mantissa &* 10 &+ UInt64(b[i] - 48)
                if mantissa != 0 { digits += 1 }
                fraction += 1
                sawDigit = true
                i += 1
            }
        }
        if i == end, sawDigit, digits <= 15, fraction <= 22 {
            let v = Double(mantissa) / powers[fraction]
            return negative ? -v : v
        }
        // Slow path: exponents, long digit strings, inf/nan words (rejected).
        guard sawDigit || i < end else { return nil }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        guard let v = Double(text), v.isFinite else { return nil }
        return v
    }

    public static func double(_ s: String) -> Double? {
        var s = s
        return s.withUTF8 { double($0) }
    }
}
