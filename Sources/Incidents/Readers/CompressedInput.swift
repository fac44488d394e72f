import CZlib
import Foundation

/// Incident files as they are downloaded: `x.csv.gz` (gzip) and `x.zip` holding one table (ACLED's exports come so).
/// The file is inflated as a stream (zlib, 1 MiB at a time) into a private temporary folder, under the name it has
/// inside (`x.csv`), and read from there like any file; the folder is removed after reading. The inflated size is
/// bounded (``maximumBytes``, 8 GiB unless `INCIDENTMAP_MAX_DECOMPRESSED_BYTES` says otherwise): a file that would
/// inflate past it is refused (a "zip bomb") before the disk fills.
public enum CompressedInput {
    public static var maximumBytes: Int {
        ProcessInfo.processInfo.environment["INCIDENTMAP_MAX_DECOMPRESSED_BYTES"].flatMap { Int($0) } ?? (8 << 30)
    }

    /// Whether `path` is read through this type.
    public static func isCompressed(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".gz") || lower.hasSuffix(".zip")
    }

    /// Inflates `path` and calls `body` with the inflated file's path; the temporary copy is removed afterwards. Errors
    /// name `path`.
    public static func withInflated<T>(_ path: String, _ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("incidentmap-inflate-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        guard mkdir(folder, 0o700) == 0 else { throw failure(path, "cannot make a temporary folder (\(String(cString: strerror(errno))))") }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inflated: String
        if path.lowercased().hasSuffix(".gz") {
            let name = String((path as NSString).lastPathComponent.dropLast(3))
            inflated = folder + "/" + (name.isEmpty ? "incidents.csv" : name)
            try gunzip(path, to: inflated)
        } else {
            inflated = try unzipOne(path, into: folder)
        }
        do {
            return try body(inflated)
        } catch let e as IncidentRowError {
            throw IncidentRowError(file: e.file == inflated ? path : e.file, line: e.line, column: e.column, reason: e.reason)
        }
    }

    static func failure(_ path: String, _ reason: String) -> IncidentRowError {
        IncidentRowError(file: path, line: 0, column: nil, reason: reason)
    }

    // MARK: gzip

    private static func gunzip(_ path: String, to destination: String) throws {
        guard let input = FileHandle(forReadingAtPath: path) else { throw failure(path, "cannot read the file") }
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: destination, contents: nil), let output = FileHandle(forWritingAtPath: destination) else {
            throw failure(path, "cannot write its inflated copy in the temporary folder")
        }
        defer { try? output.close() }
        try inflate(from: { try input.read(upToCount: 1 << 20) ?? Data() }, windowBits: 15 + 32, path: path, output: output, multiMember: true)
    }

    /// Inflates what `next` gives (empty: the end) into `output`, bounded by ``maximumBytes``. `multiMember`: gzip
    /// members may follow one another (concatenated .gz files).
    private static func inflate(from next: () throws -> Data, windowBits: Int32, path: String, output: FileHandle, multiMember: Bool) throws {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw failure(path, "zlib cannot start")
        }
        defer { inflateEnd(&stream) }
        let limit = maximumBytes
        var total = 0
        var out = [UInt8](repeating: 0, count: 1 << 20)
        var input: [UInt8] = []
        var consumed = 0
        while true {
            if consumed == input.count {
                input = [UInt8](try next())
                consumed = 0
                if input.isEmpty { throw failure(path, "the compressed data ends too early (a cut download?)") }
            }
            var status: Int32 = Z_OK
            var produced = 0
            input.withUnsafeMutableBufferPointer { src in
                stream.next_in = src.baseAddress! + consumed
                stream.avail_in = UInt32(src.count - consumed)
                out.withUnsafeMutableBufferPointer { dst in
                    stream.next_out = dst.baseAddress!
                    stream.avail_out = UInt32(dst.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    produced = dst.count - Int(stream.avail_out)
                }
                consumed = src.count - Int(stream.avail_in)
            }
            total += produced
            if total > limit {
                throw failure(path, "inflates to more than \(limit >> 20) MiB: refused (a zip bomb?); set INCIDENTMAP_MAX_DECOMPRESSED_BYTES to allow more")
            }
            if produced > 0 { try output.write(contentsOf: out[0..<produced]) }
            switch status {
            case Z_STREAM_END:
                guard multiMember else { return }
                if consumed == input.count {
                    input = [UInt8](try next())
                    consumed = 0
                    if input.isEmpty { return }
                }
                inflateReset(&stream)
            case Z_OK, Z_BUF_ERROR:
                if status == Z_BUF_ERROR && consumed < input.count && produced == 0 {
                    throw failure(path, "the compressed data is damaged")
                }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw failure(path, "the compressed data is damaged (\(message))")
            }
        }
    }

    // MARK: zip

    /// The one table (or GeoJSON/JSON Lines file) of a zip archive, inflated into `folder`.
    private static func unzipOne(_ path: String, into folder: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw failure(path, "cannot read the file") }
        defer { try? handle.close() }
        let size = Int(try handle.seekToEnd())
        // The end of central directory record: in the last 64 KiB + 22 bytes.
        let tailStart = max(0, size - (65_535 + 22))
        try handle.seek(toOffset: UInt64(tailStart))
        let tail = [UInt8](try handle.readToEnd() ?? Data())
        func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
        func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }
        guard tail.count >= 22, let eocd = stride(from: tail.count - 22, through: 0, by: -1).first(where: { u32(tail, $0) == 0x0605_4b50 }) else {
            throw failure(path, "not a zip archive (no end of central directory)")
        }
        let entries = u16(tail, eocd + 10), cdSize = u32(tail, eocd + 12), cdOffset = u32(tail, eocd + 16)
        guard cdOffset != 0xFFFF_FFFF, entries != 0xFFFF else { throw failure(path, "ZIP64 archives are not read; unzip it first") }
        try handle.seek(toOffset: UInt64(cdOffset))
        let cd = [UInt8](try handle.read(upToCount: cdSize) ?? Data())
        struct Entry { let name: String; let method: Int; let compressed: Int; let size: Int; let offset: Int }
        var found: [Entry] = []
        var i = 0
        for _ in 0..<entries {
            guard i + 46 <= cd.count, u32(cd, i) == 0x0201_4b50 else { throw failure(path, "damaged zip central directory") }
            let nameLength = u16(cd, i + 28), extra = u16(cd, i + 30), comment = u16(cd, i + 32)
            guard i + 46 + nameLength <= cd.count else { throw failure(path, "damaged zip central directory") }
            let name = String(decoding: cd[(i + 46)..<(i + 46 + nameLength)], as: UTF8.self)
            found.append(Entry(name: name, method: u16(cd, i + 10), compressed: u32(cd, i + 20), size: u32(cd, i + 24), offset: u32(cd, i + 42)))
            i += 46 + nameLength + extra + comment
        }
        let readable = ["csv", "tsv", "geojson", "json", "jsonl", "ndjson"]
        let tables = found.filter { e in
            !e.name.hasSuffix("/") && !e.name.hasPrefix("__MACOSX") && readable.contains((e.name as NSString).pathExtension.lowercased())
        }
        guard tables.count == 1, let entry = tables.first else {
            throw failure(path, tables.isEmpty ? "holds no table (files: \(found.map(\.name).prefix(5).joined(separator: ", ")))"
                                               : "holds \(tables.count) tables (\(tables.map(\.name).prefix(5).joined(separator: ", "))); unzip it and give the one to read")
        }
        guard entry.size <= maximumBytes else {
            throw failure(path, "\(entry.name) inflates to \(entry.size >> 20) MiB, more than \(maximumBytes >> 20) MiB: refused; set INCIDENTMAP_MAX_DECOMPRESSED_BYTES to allow more")
        }
        try handle.seek(toOffset: UInt64(entry.offset))
        let local = [UInt8](try handle.read(upToCount: 30) ?? Data())
        guard local.count == 30, u32(local, 0) == 0x0403_4b50 else { throw failure(path, "damaged zip entry \(entry.name)") }
        try handle.seek(toOffset: UInt64(entry.offset + 30 + u16(local, 26) + u16(local, 28)))
        let base = (entry.name as NSString).lastPathComponent
        let destination = folder + "/" + (base.isEmpty || base.hasPrefix(".") ? "incidents.csv" : base)
        guard FileManager.default.createFile(atPath: destination, contents: nil), let output = FileHandle(forWritingAtPath: destination) else {
            throw failure(path, "cannot write its inflated copy in the temporary folder")
        }
        defer { try? output.close() }
        var remaining = entry.compressed
        let next: () throws -> Data = {
            guard remaining > 0 else { return Data() }
            let d = try handle.read(upToCount: min(remaining, 1 << 20)) ?? Data()
            remaining -= d.count
            return d
        }
        switch entry.method {
        case 0:
            var copied = 0
            while true {
                let d = try next()
                if d.isEmpty { break }
                copied += d.count
                try output.write(contentsOf: d)
            }
            guard copied == entry.compressed else { throw failure(path, "the archive ends too early (a cut download?)") }
        case 8: try inflate(from: next, windowBits: -15, path: path, output: output, multiMember: false)
        default: throw failure(path, "\(entry.name) is compressed with method \(entry.method); only stored and deflated entries are read")
        }
        return destination
    }
}
