import GeoCore

/// PostgreSQL `COPY … FROM STDIN` text format: tab-separated, `\N` for NULL,
/// backslash, tab, newline and carriage return escaped.
enum CopyText {
    static func append(_ value: PropertyValue, to out: inout [UInt8]) {
        switch value {
        case .null: out += [0x5C, 0x4E]  // \N
        case .string(let s): appendEscaped(s, to: &out)
        case .int(let i): out += Array(String(i).utf8)
        case .double(let d): if d.isFinite { out += Array(String(d).utf8) } else { out += [0x5C, 0x4E] }
        case .bool(let b): out += Array((b ? "t" : "f").utf8)
        case .date(let d): out += Array(d.description.utf8)
        }
    }

    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        for b in s.utf8 {
            switch b {
            case 0x5C: out += [0x5C, 0x5C]
            case 0x09: out += [0x5C, 0x74]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x00: continue  // PostgreSQL text cannot hold NUL
            default: out.append(b)
            }
        }
    }

    /// A `bytea` value in hex (`\\x…` once escaped for COPY).
    static func appendHexBytea(_ bytes: [UInt8], to out: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        out += [0x5C, 0x5C, 0x78]
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xF)]) }
    }

    /// A double-quoted SQL identifier.
    static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// A single-quoted SQL literal.
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
