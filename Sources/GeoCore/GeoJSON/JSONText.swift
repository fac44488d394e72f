/// Low-level JSON text encoding shared by the GeoJSON writer and the
/// other JSON outputs: escaped strings, fixed-precision and shortest numbers.
public enum JSONText {
    private static let powersOfTen: [Double] = (0...15).map { p in (0..<p).reduce(1.0) { acc, _ in acc * 10 } }

    /// Appends `value` rounded to `precision` decimals, trailing zeros trimmed
    /// (`-72.3374`, `18`, `0.0000001`). Non-finite values append `null`.
    @inlinable
    public static func appendFixed(_ value: Double, precision: Int, to out: inout [UInt8]) {
        appendFixedImpl(value, precision: precision, to: &out)
    }

    @usableFromInline
    static func appendFixedImpl(_ value: Double, precision: Int, to out: inout [UInt8]) {
        guard value.isFinite else { out.append(contentsOf: "null".utf8); return }
        let p = max(0, min(precision, 15))
        let scale = powersOfTen[p]
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 9.0e15 else { appendShortest(value, to: &out); return }
        var n = Int64(scaled)
        if n == 0 { out.append(UInt8(ascii: "0")); return }
        if n < 0 { out.append(UInt8(ascii: "-")); n = -n }
        let divisor = Int64(scale)
        let whole = n / divisor
        var frac = n % divisor
        appendInteger(UInt64(whole), to: &out)
        guard frac != 0 else { return }
        var digits = p
        while frac % 10 == 0 { frac /= 10; digits -= 1 }
        out.append(UInt8(ascii: "."))
        // Write the fraction's digits in place, right to left, zero-padded.
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        var k = start + digits - 1
        while frac > 0 { out[k] = UInt8(ascii: "0") + UInt8(frac % 10); frac /= 10; k -= 1 }
    }

    /// Appends the decimal digits of `v`.
    public static func appendInteger(_ v: UInt64, to out: inout [UInt8]) {
        if v < 10 { out.append(UInt8(ascii: "0") + UInt8(v)); return }
        var count = 0
        var x = v
        while x > 0 { count += 1; x /= 10 }
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        x = v
        var k = start + count - 1
        while x > 0 { out[k] = UInt8(ascii: "0") + UInt8(x % 10); x /= 10; k -= 1 }
    }

    public static func appendInteger(_ v: Int, to out: inout [UInt8]) {
        if v < 0 { out.append(UInt8(ascii: "-")); appendInteger(UInt64(v.magnitude), to: &out) } else { appendInteger(UInt64(v), to: &out) }
    }

    /// Appends the shortest text that reads back as `value` (`0.1`, `1e-05`),
    /// `null` when it is not finite. Integral values below 2^53 print without
    /// a fraction.
    public static func appendShortest(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else { out.append(contentsOf: "null".utf8); return }
        if value == value.rounded(), abs(value) < 9.0e15 {
            appendInteger(Int(value), to: &out)
            return
        }
        out.append(contentsOf: value.description.utf8)
    }

    /// Appends `s` as a quoted JSON string (RFC 8259 escapes; non-ASCII kept as UTF-8).
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape: copy them whole.
        var copy = s
        let copied = copy.withUTF8 { bytes -> Bool in
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends a whole ``JSONValue`` compactly.
    public static func append(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): appendInteger(i, to: &out)
        case .double(let d): appendShortest(d, to: &out)
        case .string(let s): appendString(s, to: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (k, v) in a.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                append(v, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (k, (name, v)) in o.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                appendString(name, to: &out)
                out.append(UInt8(ascii: ":"))
                append(v, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A ``JSONValue`` as compact text.
    public static func string(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
