import Foundation
import GeoCore
import LayerIO
import Testing
import TestSupport

/// Crafted shapefiles: copies of the COD-AB departments with single bytes of
/// the index or the DBF header changed, as a fuzzer or a hostile file would.
/// Each must give an error naming the file (and record), never a crash or a
/// read outside the file inside shapelib.
@Suite("Shapefile structure checks before shapelib reads")
struct ShapefileStructureTests {
    /// A copy of COD-AB level 1 in a fresh folder, with `patch` applied to the bytes of `ext`.
    private func craftedCopy(_ ext: String, _ patch: (inout [UInt8]) -> Void) throws -> (dir: URL, base: String) {
        let dir = try SharedData.temporaryDirectory("shp-crafted")
        let src = SharedData.codABLevel(1).replacingOccurrences(of: ".shp", with: "")
        let base = dir.appendingPathComponent("adm1").path
        for e in [".shp", ".shx", ".dbf", ".prj", ".cpg"] { try FileManager.default.copyItem(atPath: src + e, toPath: base + e) }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: base + ext)))
        patch(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: base + ext))
        return (dir, base)
    }

    private func putBigEndian(_ v: UInt32, _ b: inout [UInt8], at: Int) {
        b[at] = UInt8(v >> 24); b[at + 1] = UInt8(v >> 16 & 0xFF); b[at + 2] = UInt8(v >> 8 & 0xFF); b[at + 3] = UInt8(v & 0xFF)
    }

    @Test("an index entry pointing past the end of the .shp names the .shx and the record")
    func indexOffsetPastEnd() throws {
        let (dir, base) = try craftedCopy(".shx") { putBigEndian(0x7FFF_FFF0, &$0, at: 100 + 3 * 8) }  // record 3's offset
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ShapefileError.self) { try ShapefileReader(path: base) }
        do { _ = try ShapefileReader(path: base) } catch let e as ShapefileError {
            guard case let .unreadableRecord(path, record, _) = e else { Issue.record("wrong error \(e)"); return }
            #expect(path == base + ".shx")
            #expect(record == 3)
        }
    }

    @Test("an index entry with a content length past the end of the .shp is refused")
    func indexLengthPastEnd() throws {
        let (dir, base) = try craftedCopy(".shx") { putBigEndian(0x00FF_FFFF, &$0, at: 100 + 9 * 8 + 4) }  // record 9's length
        defer { try? FileManager.default.removeItem(at: dir) }
        do { _ = try ShapefileReader(path: base); Issue.record("accepted") } catch let e as ShapefileError {
            #expect(e == .unreadableRecord(path: base + ".shx", record: 9, reason: e.reason))
            #expect(e.description.contains("record 9"))
        }
    }

    @Test("an index entry pointing into the 100-byte header is refused")
    func indexOffsetIntoHeader() throws {
        let (dir, base) = try craftedCopy(".shx") { putBigEndian(10, &$0, at: 100) }
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ShapefileError.self) { try ShapefileReader(path: base) }
    }

    @Test("DBF records narrower than their fields are refused before shapelib computes field offsets")
    func dbfRecordTooNarrow() throws {
        let (dir, base) = try craftedCopy(".dbf") { $0[10] = 4; $0[11] = 0 }  // record length 4 bytes
        defer { try? FileManager.default.removeItem(at: dir) }
        do { _ = try ShapefileReader(path: base); Issue.record("accepted") } catch let e as ShapefileError {
            guard case let .corruptHeader(path, reason) = e else { Issue.record("wrong error \(e)"); return }
            #expect(path == base + ".dbf")
            #expect(reason.contains("records are 4 bytes"), "\(reason)")
        }
    }

    @Test("a DBF declaring more records than it holds is refused")
    func dbfTruncated() throws {
        let (dir, base) = try craftedCopy(".dbf") { $0.removeLast($0.count / 3) }
        defer { try? FileManager.default.removeItem(at: dir) }
        do { _ = try ShapefileReader(path: base); Issue.record("accepted") } catch let e as ShapefileError {
            #expect(e.description.contains(base + ".dbf"))
            #expect(e.description.contains("header declares 10 records"), "\(e)")
        }
    }

    @Test("a DBF header length shorter than one descriptor is refused")
    func dbfHeaderTooShort() throws {
        let (dir, base) = try craftedCopy(".dbf") { $0[8] = 20; $0[9] = 0 }
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ShapefileError.self) { try ShapefileReader(path: base) }
    }

    @Test("the untouched copy still reads: the checks accept real files")
    func untouched() throws {
        let (dir, base) = try craftedCopy(".dbf") { _ in }
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try ShapefileReader.read(path: base).features.count == 10)
        for level in [2, 3] { #expect(try ShapefileReader(path: SharedData.codABLevel(level)).recordCount > 100) }
    }
}

extension ShapefileError {
    var reason: String {
        switch self {
        case let .cannotOpen(_, r), let .corruptHeader(_, r), let .unreadableRecord(_, _, r), let .invalidGeometry(_, _, r),
             let .unreadableProjection(_, r): r
        default: ""
        }
    }
}
