import CShapelib
import Foundation
import GeoCore

/// One DBF record built in memory the way shapelib's `DBFWrite…Attribute`
/// functions build it, handed to shapelib whole with `DBFWriteTuple`: one call
/// per record instead of one per field, and numbers formatted without
/// `printf` for the common case (integers). shapelib still owns the file: the
/// header, the field layout (read back from the handle), record I/O.
///
/// What a field receives, as shapelib 1.5 writes it (`dbfopen.c`): a new record
/// starts as spaces (the deletion flag included); a null fills the field with
/// `*` (numeric), `0` (date), `?` (logical) or spaces (text); a number is
/// `%<width>.<decimals>f`, right-aligned, refused when it does not fit; text
/// is left-aligned and padded with spaces, cut at the field width and at its
/// first NUL byte; a logical is `T` or `F`; a date its eight `YYYYMMDD` bytes.
/// `DBFRecordFormatTests` checks the bytes against shapelib's own functions.
struct DBFRecordFormat {
    struct Field {
        let offset: Int
        let width: Int
        let decimals: Int
        /// The DBF type byte: `C`, `N`, `F`, `L` or `D`.
        let type: UInt8
        var isNumeric: Bool { type == UInt8(ascii: "N") || type == UInt8(ascii: "F") }
        var nullByte: UInt8 {
            switch type {
            case UInt8(ascii: "N"), UInt8(ascii: "F"): UInt8(ascii: "*")
            case UInt8(ascii: "D"): UInt8(ascii: "0")
            case UInt8(ascii: "L"): UInt8(ascii: "?")
            default: UInt8(ascii: " ")
            }
        }
    }

    /// A value that does not fit its field (shapelib would cut it and report failure).
    struct Overflow: Error { let field: Int }

    let fields: [Field]
    /// The record's bytes: the deletion flag, then the fields back to back.
    private(set) var bytes: [UInt8]

    /// The layout of the fields of `dbf` (as added with `DBFAddField…`).
    init(dbf: DBFHandle) {
        var fields: [Field] = []
        var offset = 1
        for i in 0..<DBFGetFieldCount(dbf) {
            var width: Int32 = 0, decimals: Int32 = 0
            _ = DBFGetFieldInfo(dbf, i, nil, &width, &decimals)
            fields.append(Field(offset: offset, width: Int(width), decimals: Int(decimals), type: UInt8(bitPattern: DBFGetNativeFieldType(dbf, i))))
            offset += Int(width)
        }
        self.fields = fields
        bytes = [UInt8](repeating: 0x20, count: offset)
        for i in fields.indices { setNull(i) }
        nulls = bytes
    }

    /// A record whose every field is null.
    private var nulls: [UInt8] = []

    /// Starts a new record with every field null (what a feature without the property gets).
    mutating func clear() {
        bytes.withUnsafeMutableBufferPointer { b in nulls.withUnsafeBufferPointer { _ = memcpy(b.baseAddress!, $0.baseAddress!, $0.count) } }
    }

    mutating func setNull(_ i: Int) {
        let f = fields[i]
        bytes.withUnsafeMutableBufferPointer { _ = memset($0.baseAddress! + f.offset, Int32(f.nullByte), f.width) }
    }

    /// Text: up to the first NUL byte, cut at the field width (callers cut at a character boundary first).
    mutating func setText(_ i: Int, _ text: UnsafeRawBufferPointer) {
        let f = fields[i]
        var n = text.count
        if let nul = text.firstIndex(of: 0) { n = nul }
        n = min(n, f.width)
        bytes.withUnsafeMutableBufferPointer { b in
            let at = b.baseAddress! + f.offset
            memset(at, 0x20, f.width)
            if n > 0 { memcpy(at, text.baseAddress!, n) }
        }
    }

    mutating func setText(_ i: Int, _ text: String) {
        var s = text
        s.withUTF8 { setText(i, UnsafeRawBufferPointer($0)) }
    }

    /// An integer in a numeric field: `%<width>.<decimals>f` of its value as a double, as `DBFWriteIntegerAttribute`.
    mutating func setInteger(_ i: Int, _ v: Int) throws {
        let f = fields[i]
        // Digits by hand when they equal printf's: no decimals and a value a double holds exactly.
        guard f.decimals == 0, v.magnitude < 1 << 53 else { return try setDouble(i, Double(v)) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch: 16 digits and a sign
        let n = withUnsafeMutableBytes(of: &digits) { scratch -> Int in
            var m = v.magnitude, k = scratch.count
            repeat {
                k -= 1
                scratch[k] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
            } while m > 0
            if v < 0 { k -= 1; scratch[k] = UInt8(ascii: "-") }
            let n = scratch.count - k
            guard n <= f.width else { return -1 }
            bytes.withUnsafeMutableBufferPointer { b in
                let at = b.baseAddress! + f.offset
                memset(at, 0x20, f.width - n)
                memcpy(at + f.width - n, scratch.baseAddress! + k, n)
            }
            return n
        }
        if n < 0 { throw Overflow(field: i) }
    }

    /// A double in a numeric field: `%<width>.<decimals>f`, as `DBFWriteDoubleAttribute`.
    mutating func setDouble(_ i: Int, _ x: Double) throws {
        let f = fields[i]
        let fitted = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buf -> Bool in
            let n = Int(withVaList([Int32(f.width), Int32(f.decimals), x]) { vsnprintf(buf.baseAddress, 400, "%*.*f", $0) })
            guard n <= f.width else { return false }
            bytes.withUnsafeMutableBufferPointer { b in
                // shapelib copies the formatted text only: a shorter text (never, as it is padded) leaves spaces after it.
                _ = memcpy(b.baseAddress! + f.offset, buf.baseAddress!, n)
            }
            return true
        }
        if !fitted { throw Overflow(field: i) }
    }

    /// A logical field's `T` or `F` (ignored in a field of another type, as shapelib does).
    mutating func setBool(_ i: Int, _ b: Bool) {
        let f = fields[i]
        guard f.type == UInt8(ascii: "L"), f.width >= 1 else { return }
        bytes[f.offset] = b ? UInt8(ascii: "T") : UInt8(ascii: "F")
    }

    /// A date as `YYYYMMDD`, as written with `DBFWriteAttributeDirectly`.
    mutating func setDate(_ i: Int, _ d: CalendarDate) {
        guard (0...9999).contains(d.year) else { return setText(i, d.compact) }
        var digits: (UInt64) = 0
        withUnsafeMutableBytes(of: &digits) { s in
            var y = d.year
            for k in stride(from: 3, through: 0, by: -1) { s[k] = UInt8(ascii: "0") + UInt8(y % 10); y /= 10 }
            s[4] = UInt8(ascii: "0") + UInt8(d.month / 10); s[5] = UInt8(ascii: "0") + UInt8(d.month % 10)
            s[6] = UInt8(ascii: "0") + UInt8(d.day / 10); s[7] = UInt8(ascii: "0") + UInt8(d.day % 10)
            setText(i, UnsafeRawBufferPointer(s))
        }
    }

    /// Hands the record to shapelib as record `row`.
    mutating func write(to dbf: DBFHandle, row: Int32) -> Bool {
        bytes.withUnsafeMutableBytes { DBFWriteTuple(dbf, row, $0.baseAddress) } != 0
    }
}
