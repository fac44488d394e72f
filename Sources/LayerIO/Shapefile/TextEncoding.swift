import Foundation

/// The text encodings DBF files arrive in.
public enum DBFTextEncoding: String, Sendable, Equatable {
    case utf8 = "UTF-8"
    /// Windows-1252 (a superset of Latin-1's printable range), the usual
    /// encoding of shapefiles without a `.cpg`.
    case windows1252 = "CP1252"
    case latin1 = "ISO-8859-1"

    /// Reads a `.cpg` content or shapelib's code page (`"UTF-8"`, `"1252"`,
    /// `"LDID/87"` …). Unknown values fall back to Windows-1252, as GDAL does
    /// for shapefiles with no declared encoding.
    public init(codePage: String?) {
        let cp = (codePage ?? "").trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        switch cp {
        case "UTF-8", "UTF8", "65001", "LDID/0":
            // LDID 0 means "not set"; GDAL then assumes ISO-8859-1, but files
            // written by modern tools with no LDID are almost always UTF-8;
            // we decode UTF-8 and fall back per value when it is not valid.
            self = .utf8
        case "ISO-8859-1", "ISO88591", "LATIN1", "88591", "8859-1": self = .latin1
        default: self = .windows1252  // 1252, ANSI 1252, LDID/87, LDID/3 …
        }
    }

    /// Decodes raw DBF bytes. UTF-8 that turns out to be invalid is decoded
    /// as Windows-1252 rather than dropped (reported by the caller).
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: String, valid: Bool) {
        switch self {
        case .utf8:
            if let s = String(validating: bytes, as: UTF8.self) { return (s, true) }
            return (Self.decode1252(bytes), false)
        case .windows1252: return (Self.decode1252(bytes), true)
        case .latin1: return (String(decoding: bytes.map { UInt16($0) }, as: UTF16.self), true)
        }
    }

    private static let cp1252High: [UInt16] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func decode1252(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes.map { b -> UInt16 in (0x80...0x9F).contains(b) ? cp1252High[Int(b - 0x80)] : UInt16(b) }, as: UTF16.self)
    }
}
