import Foundation

/// Checks the byte layout of a shapefile's `.shx` index and `.dbf` header
/// before shapelib reads them, so that a crafted or truncated file gets an
/// error naming the file and record instead of an out-of-bounds read inside
/// the C library (which is not built with our sanitizers).
///
/// - `.shx`: every record's offset and length must point inside the `.shp`,
///   past its 100-byte header (offsets and lengths are 16-bit words, big-endian).
/// - `.dbf`: the header length must hold the field descriptors, the record
///   length must hold every field's width (plus the deletion flag), and the
///   file must hold every record the header declares.
struct ShapefileStructure {
    /// Byte ranges of the records' contents in the `.shp` (after each 8-byte record header).
    let records: [Range<Int>]

    static func check(shp shpPath: String, shx shxPath: String, dbf dbfPath: String) throws -> ShapefileStructure {
        let shpSize = try size(shpPath)
        let index = try bytes(shxPath)
        guard index.count >= 100 else { throw ShapefileError.corruptHeader(path: shxPath, reason: "shorter than the 100-byte header") }
        let declaredWords = Int(bigEndian32(index, 24))
        let declared = min(declaredWords * 2, index.count)
        let count = max(0, (declared - 100) / 8)
        var records: [Range<Int>] = []
        records.reserveCapacity(count)
        for r in 0..<count {
            let at = 100 + r * 8
            let offset = Int(bigEndian32(index, at)) * 2
            let length = Int(bigEndian32(index, at + 4)) * 2
            guard offset >= 100, offset + 8 <= shpSize, length <= shpSize - offset - 8 else {
                throw ShapefileError.unreadableRecord(
                    path: shxPath, record: r,
                    reason: "the index points at bytes \(offset)…\(offset + 8 + length) of a \(shpSize)-byte .shp")
            }
            records.append((offset + 8)..<(offset + 8 + length))
        }
        try checkDBF(dbfPath)
        return ShapefileStructure(records: records)
    }

    private static func checkDBF(_ path: String) throws {
        let handle = FileHandle(forReadingAtPath: path)
        guard let handle else { throw ShapefileError.cannotOpen(path: path, reason: "cannot open for reading") }
        defer { try? handle.close() }
        let head = [UInt8](handle.readData(ofLength: 32))
        func corrupt(_ reason: String) -> ShapefileError { .corruptHeader(path: path, reason: reason) }
        guard head.count == 32 else { throw corrupt("shorter than the 32-byte header") }
        let recordCount = Int(littleEndian32(head, 4))
        let headerLength = Int(head[8]) | Int(head[9]) << 8
        let recordLength = Int(head[10]) | Int(head[11]) << 8
        guard headerLength >= 33 else { throw corrupt("header length \(headerLength) is shorter than one field descriptor") }
        let descriptors = [UInt8](handle.readData(ofLength: headerLength - 32))
        guard descriptors.count == headerLength - 32 else { throw corrupt("truncated inside the \(headerLength)-byte header") }
        var width = 1  // the deletion flag
        var fields = 0
        var at = 0
        while at + 32 <= descriptors.count, descriptors[at] != 0x0D {
            width += Int(descriptors[at + 16])
            fields += 1
            at += 32
        }
        guard width <= recordLength else {
            throw corrupt("the \(fields) fields are \(width) bytes wide but records are \(recordLength) bytes")
        }
        let size = try Self.size(path)
        let needed = headerLength + recordCount * recordLength
        guard recordCount <= (Int(Int32.max) / max(recordLength, 1)), needed <= size else {
            throw corrupt("header declares \(recordCount) records of \(recordLength) bytes (\(needed) bytes), file has \(size)")
        }
    }

    private static func size(_ path: String) throws -> Int {
        var st = stat()
        guard stat(path, &st) == 0 else { throw ShapefileError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        return Int(st.st_size)
    }

    private static func bytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShapefileError.cannotOpen(path: path, reason: "cannot open for reading")
        }
        return [UInt8](data)
    }

    private static func bigEndian32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    private static func littleEndian32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }
}
