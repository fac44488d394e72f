import CShapelib
import Foundation
import GeoCore
@testable import LayerIO
import Testing
import TestSupport

/// Records built in memory and written whole with `DBFWriteTuple` must be the bytes shapelib's own
/// `DBFWrite…Attribute` functions write, value for value.
@Suite("DBF records built in memory")
struct DBFRecordFormatTests {
    /// A value as the writer hands it to a field.
    enum Value {
        case null, text(String), int(Int), double(Double), bool(Bool), date(CalendarDate)
    }

    /// text 8, integer 6, double 12.3, logical, date, integer 3, integer 16 (past 32 bits).
    static let fields: [(type: UInt8, width: Int32, decimals: Int32)] = [
        (UInt8(ascii: "C"), 8, 0), (UInt8(ascii: "N"), 6, 0), (UInt8(ascii: "N"), 12, 3), (UInt8(ascii: "L"), 1, 0),
        (UInt8(ascii: "D"), 8, 0), (UInt8(ascii: "N"), 3, 0), (UInt8(ascii: "N"), 16, 0),
    ]

    static func date(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { try! CalendarDate(year: y, month: m, day: d) }

    /// Awkward values: widths filled exactly, negatives, halfway roundings, a NUL inside text, multibyte text,
    /// negative zero, integers past 2^31, nulls in every type.
    static let rows: [[Value]] = [
        [.text("abc"), .int(42), .double(3.14159), .bool(true), .date(date(2025, 3, 31)), .int(-7), .int(1 << 40)],
        [.text("exactly8"), .int(-99999), .double(-1234.5675), .bool(false), .null, .int(999), .int(-(1 << 49) + 1)],
        [.text("a\u{0}b"), .int(0), .double(0.0005), .null, .date(date(1970, 1, 1)), .null, .int(Int(Int32.max) + 1)],
        [.text(""), .null, .double(12345678.125), .null, .date(date(9999, 12, 31)), .int(0), .null],
        [.text("é ü"), .int(123456), .double(-0.0), .bool(true), .date(date(1, 2, 3)), .int(-99), .int(-1)],
        [.null, .int(-1), .double(2.5e-4), .bool(false), .null, .int(100), .int(9_007_199_254_740_991)],
    ]

    static func create(_ path: String) -> DBFHandle {
        let dbf = DBFCreateEx(path, "UTF-8")!
        for (i, f) in fields.enumerated() { _ = DBFAddNativeFieldType(dbf, "f\(i)", CChar(bitPattern: f.type), f.width, f.decimals) }
        return dbf
    }

    @Test("every value is written as shapelib's DBFWrite…Attribute writes it")
    func sameBytesAsShapelib() throws {
        let dir = try SharedData.temporaryDirectory("dbf-record")
        defer { try? FileManager.default.removeItem(at: dir) }
        let oracle = Self.create(dir.path + "/shapelib.dbf")
        for (r, row) in Self.rows.enumerated() {
            for (i, v) in row.enumerated() {
                let r = Int32(r), i = Int32(i)
                let ok: Int32
                switch v {
                case .null: ok = DBFWriteNULLAttribute(oracle, r, i)
                case .text(let s): ok = DBFWriteStringAttribute(oracle, r, i, s)
                case .int(let n): ok = DBFWriteDoubleAttribute(oracle, r, i, Double(n))
                case .double(let x): ok = DBFWriteDoubleAttribute(oracle, r, i, x)
                case .bool(let b): ok = DBFWriteLogicalAttribute(oracle, r, i, CChar(UInt8(ascii: b ? "T" : "F")))
                case .date(let d):
                    var bytes = Array(d.compact.utf8CString)
                    ok = bytes.withUnsafeMutableBytes { DBFWriteAttributeDirectly(oracle, r, i, $0.baseAddress) }
                }
                #expect(ok != 0, "shapelib refused row \(r) field \(i)")
            }
        }
        DBFClose(oracle)

        let dbf = Self.create(dir.path + "/tuples.dbf")
        var record = DBFRecordFormat(dbf: dbf)
        #expect(record.fields.map(\.offset) == [1, 9, 15, 27, 28, 36, 39])
        for (r, row) in Self.rows.enumerated() {
            record.clear()
            for (i, v) in row.enumerated() {
                switch v {
                case .null: record.setNull(i)
                case .text(let s): record.setText(i, s)
                case .int(let n): try record.setInteger(i, n)
                case .double(let x): try record.setDouble(i, x)
                case .bool(let b): record.setBool(i, b)
                case .date(let d): record.setDate(i, d)
                }
            }
            let written = record.write(to: dbf, row: Int32(r))
            #expect(written)
        }
        DBFClose(dbf)
        let a = try Data(contentsOf: dir.appendingPathComponent("shapelib.dbf"))
        let b = try Data(contentsOf: dir.appendingPathComponent("tuples.dbf"))
        #expect(a.count >= 32 + 32 * Self.fields.count + 1 + Self.rows.count * 55)
        #expect(a == b, "first difference at byte \(zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? -1)")
    }

    @Test("a field left unset is null; a number wider than its field is refused (shapelib cuts it and fails)")
    func nullsAndOverflow() throws {
        let dir = try SharedData.temporaryDirectory("dbf-record")
        defer { try? FileManager.default.removeItem(at: dir) }
        let dbf = Self.create(dir.path + "/t.dbf")
        defer { DBFClose(dbf) }
        var record = DBFRecordFormat(dbf: dbf)
        record.clear()
        #expect(String(decoding: record.bytes, as: UTF8.self) == " " + String(repeating: " ", count: 8) + "******" + String(repeating: "*", count: 12) + "?" + "00000000" + "***" + String(repeating: "*", count: 16))
        #expect(DBFWriteDoubleAttribute(dbf, 0, 1, 1_234_567) == 0)
        #expect(throws: DBFRecordFormat.Overflow.self) { try record.setInteger(1, 1_234_567) }
        #expect(throws: DBFRecordFormat.Overflow.self) { try record.setInteger(5, -100) }
        #expect(throws: DBFRecordFormat.Overflow.self) { try record.setDouble(2, 1e9) }
        try record.setInteger(5, -99)
        try record.setDouble(2, 99_999_999.5)
        #expect(Array(record.bytes[36..<39]) == Array("-99".utf8) && Array(record.bytes[15..<27]) == Array("99999999.500".utf8))
    }
}
