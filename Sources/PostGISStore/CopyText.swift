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

    /// A geometry as hex EWKB with SRID 4326 (what PostGIS's `geometry` input
    /// reads): the little-endian WKB with the SRID flag set on the outer type.
    static func appendHexEWKB(_ g: Geometry, to out: inout [UInt8]) {
        var wkb = WKB.encode(g)
        let type = UInt32(wkb[1]) | UInt32(wkb[2]) << 8 | UInt32(wkb[3]) << 16 | UInt32(wkb[4]) << 24 | 0x2000_0000
        for k in 0..<4 { wkb[1 + k] = UInt8(type >> (8 * UInt32(k)) & 0xFF) }
        wkb.insert(contentsOf: [0xE6, 0x10, 0x00, 0x00], at: 5)  // 4326, little-endian
        let digits = Array("0123456789ABCDEF".utf8)
        for b in wkb { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xF)]) }
    }

    /// A double-quoted SQL identifier.
    static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// A single-quoted SQL literal.
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
