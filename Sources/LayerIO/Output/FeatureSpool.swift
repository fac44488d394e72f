import Foundation
import GeoCore

/// A temporary file of point features in a compact binary form, for writers
/// that must see a whole stream before writing it (the Shapefile's DBF widths
/// are fixed in its header): the input is parsed once, spooled, and replayed
/// far more cheaply than parsing it again. Holds points and features without
/// geometry; the file is removed by ``remove()`` or when the spool is freed.
///
/// Record layout (little-endian): UInt32 length of the rest; id (tag 0 none,
/// 1 string, 2 int); geometry (tag 0 none, 1 point + lon, lat as Float64);
/// UInt32 property count; per property a UInt32 name index (names are
/// interned in memory) and a value (tag, then its payload). The geometries are
/// also kept apart, 17 bytes each, so ``forEachGeometry(_:)`` reads 17 bytes
/// a feature rather than the whole record.
///
/// Appending is for one thread; once it is done, ``forEach(_:)`` may run on several threads at once (each reads at
/// its own offset with `pread`), so writers of different formats can replay one spool side by side.
public final class FeatureSpool: @unchecked Sendable {
    public let path: String
    private let fd: Int32
    /// Records not yet written (`used` bytes of `capacity`; written out when the next would not fit).
    private var buffer: UnsafeMutableRawPointer
    private var used = 0
    private var capacity = 1 << 20
    private var names: [String] = []
    private var nameIndex: [String: UInt32] = [:]
    private var lastNames: [String] = []
    private var lastIndices: [UInt32] = []
    public private(set) var count = 0
    /// The geometries again, 17 bytes a feature (a tag, then longitude and latitude), in a file of their own that has
    /// no name (unlinked once open): a Shapefile's shapes are read from it, not from the whole spool.
    private let pointsFD: Int32
    private var points: [UInt8] = []
    private static let pointBytes = 17

    public init(path: String) throws {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileOutputErrorDescription(path: path, reason: "cannot create a spool file (\(String(cString: strerror(errno))))") }
        pointsFD = open(path + ".points", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard pointsFD >= 0 else {
            let code = errno
            close(fd)
            unlink(path)
            throw FileOutputErrorDescription(path: path, reason: "cannot create a spool file (\(String(cString: strerror(code))))")
        }
        unlink(path + ".points")
        buffer = malloc(capacity)!
        points.reserveCapacity(1 << 16)
    }

    deinit {
        remove()
        free(buffer)
    }

    private var removed = false
    /// Closes and deletes the spool file.
    public func remove() {
        guard !removed else { return }
        removed = true
        close(fd)
        close(pointsFD)
        unlink(path)
    }

    // MARK: Writing

    public func append(_ f: Feature) throws {
        switch f.geometry {
        case nil, .point?: break
        case let g?: throw FileOutputErrorDescription(path: path, reason: "the spool holds points only, not a \(g.typeName)")
        }
        // The record's size first, then its bytes stored straight into the buffer (one capacity check per feature,
        // not one per field: appending to a byte array checked uniqueness and capacity some ninety times a row).
        var size = 4 + 1 + 1 + 4
        switch f.id {
        case .string(let s)?: size += 4 + s.utf8.count
        case .int?: size += 8
        case nil: break
        }
        if f.geometry != nil { size += 16 }
        for p in f.properties {
            size += 5
            switch p.value {
            case .null, .bool: break
            case .string(let s): size += 4 + s.utf8.count
            case .int, .double, .date: size += 8
            }
        }
        if used + size > capacity { try flush() }
        if size > capacity { grow(to: size) }
        var out = RawWriter(base: buffer + used)
        out.put(UInt32(size - 4))
        switch f.id {
        case nil: out.put(UInt8(0))
        case .string(let s)?: out.put(UInt8(1)); out.put(s)
        case .int(let i)?: out.put(UInt8(2)); out.put(UInt64(bitPattern: Int64(i)))
        }
        if case .point(let p)? = f.geometry {
            out.put(UInt8(1))
            out.put(p.coordinate.longitude.bitPattern); out.put(p.coordinate.latitude.bitPattern)
        } else {
            out.put(UInt8(0))
        }
        out.put(UInt32(f.properties.count))
        // Features of a stream repeat their names in the same order: compared with the last ones read once per
        // feature (every access to the spool's own arrays is a runtime exclusivity check), interned only when new.
        let lastNames = self.lastNames, lastIndices = self.lastIndices
        for (k, p) in f.properties.enumerated() {
            out.put(k < lastNames.count && lastNames[k] == p.name ? lastIndices[k] : intern(p.name, at: k))
            switch p.value {
            case .null: out.put(UInt8(0))
            case .string(let s): out.put(UInt8(1)); out.put(s)
            case .int(let i): out.put(UInt8(2)); out.put(UInt64(bitPattern: Int64(i)))
            case .double(let d): out.put(UInt8(3)); out.put(d.bitPattern)
            case .bool(let b): out.put(UInt8(b ? 5 : 4))
            case .date(let d): out.put(UInt8(6)); out.put(UInt64(bitPattern: Int64(d.daysSinceEpoch)))
            }
        }
        assert(out.offset == size, "spool record size")
        used += size
        count += 1
        if case .point(let p)? = f.geometry {
            points.append(1)
            withUnsafeBytes(of: (p.coordinate.longitude.bitPattern.littleEndian, p.coordinate.latitude.bitPattern.littleEndian)) {
                points.append(contentsOf: $0)
            }
        } else {
            points.append(contentsOf: repeatElement(0, count: Self.pointBytes))
        }
        if points.count >= 1 << 16 { try flushPoints() }
    }

    /// Stores little-endian values one after another from `base` (no alignment needed).
    private struct RawWriter {
        let base: UnsafeMutableRawPointer
        var offset = 0
        mutating func put<T: FixedWidthInteger>(_ v: T) {
            base.storeBytes(of: v.littleEndian, toByteOffset: offset, as: T.self)
            offset += MemoryLayout<T>.size
        }
        mutating func put(_ s: String) {
            var s = s
            s.withUTF8 { u in
                put(UInt32(u.count))
                if let from = u.baseAddress { (base + offset).copyMemory(from: from, byteCount: u.count) }
                offset += u.count
            }
        }
    }

    /// Room for a record larger than the buffer (the buffer is empty: flushed just before).
    private func grow(to size: Int) {
        capacity = size
        buffer = realloc(buffer, size)!
    }

    private func intern(_ name: String, at k: Int) -> UInt32 {
        // Features of a stream repeat their names in the same order.
        if k < lastNames.count, lastNames[k] == name { return lastIndices[k] }
        let i: UInt32
        if let known = nameIndex[name] { i = known } else {
            i = UInt32(names.count)
            names.append(name)
            nameIndex[name] = i
        }
        if k == lastNames.count { lastNames.append(name); lastIndices.append(i) }
        return i
    }

    /// Writes out what is buffered: after the last append, before the spool is read on several threads.
    public func flush() throws {
        try flushPoints()
        guard used > 0 else { return }
        let code = writeFully(fd, UnsafeRawBufferPointer(start: buffer, count: used))
        if code != 0 { throw FileOutputErrorDescription(path: path, reason: "cannot write the spool file (\(String(cString: strerror(code))))") }
        used = 0
    }

    private func flushPoints() throws {
        guard !points.isEmpty else { return }
        let code = points.withUnsafeBytes { writeFully(pointsFD, $0) }
        if code != 0 { throw FileOutputErrorDescription(path: path, reason: "cannot write the spool file (\(String(cString: strerror(code))))") }
        points.removeAll(keepingCapacity: true)
    }

    // MARK: Reading

    /// Calls `body` with every feature spooled, in order.
    public func forEach(_ body: (Feature) throws -> Void) throws {
        let names = self.names
        try scan(decode: { $0.feature(names: names) }, body)
    }

    /// Calls `body` with every feature's geometry, in order, decoding nothing else (a Shapefile's shapes are written
    /// beside its attributes, each side reading the spool).
    public func forEachGeometry(_ body: (Geometry?) throws -> Void) throws {
        try flush()
        let step = Self.pointBytes
        var chunk = [UInt8](repeating: 0, count: step * 61_681)  // about 1 MiB, whole features
        var offset: off_t = 0
        var left = count
        while left > 0 {
            let want = min(left * step, chunk.count)
            var filled = 0
            while filled < want {
                let n = chunk.withUnsafeMutableBytes { pread(pointsFD, $0.baseAddress! + filled, want - filled, offset + off_t(filled)) }
                if n < 0 { if errno == EINTR { continue }; throw FileOutputErrorDescription(path: path, reason: "cannot read the spool file (\(String(cString: strerror(errno))))") }
                if n == 0 { throw FileOutputErrorDescription(path: path, reason: "spool file ends early") }
                filled += n
            }
            offset += off_t(want)
            left -= want / step
            try chunk.withUnsafeBytes { raw in
                for at in stride(from: 0, to: want, by: step) {
                    guard raw[at] == 1 else { try body(nil); continue }
                    let lon = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at + 1, as: UInt64.self)))
                    let lat = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at + 9, as: UInt64.self)))
                    try body(.point(Point(Coordinate(longitude: lon, latitude: lat))))
                }
            }
        }
    }

    /// A property value read in place from the spool; text is the spool's own bytes (UTF-8), valid only inside the
    /// call that gives it.
    public enum RawValue {
        case null
        case text(UnsafeRawBufferPointer)
        case int(Int)
        case double(Double)
        case bool(Bool)
        /// Days since 1970-01-01.
        case date(Int)
    }

    /// The property names the spool holds, by the index ``forEachProperties(_:)`` gives with each value.
    public var propertyNames: [String] { names }

    /// One spooled feature's properties, read in place (valid only inside the call that gives it).
    public struct Properties {
        fileprivate let raw: UnsafeRawBufferPointer
        fileprivate let at: Int

        /// Calls `body` with each property's name index (into ``FeatureSpool/propertyNames``) and value, in order.
        public func forEach(_ body: (Int, RawValue) throws -> Void) rethrows {
            var r = Decoder(raw: raw, at: at)
            for _ in 0..<Int(r.int(UInt32.self)) {
                let name = Int(r.int(UInt32.self))
                let value: RawValue
                switch r.byte() {
                case 1:
                    let n = Int(r.int(UInt32.self))
                    value = .text(UnsafeRawBufferPointer(rebasing: raw[r.at..<(r.at + n)]))
                    r.at += n
                case 2: value = .int(Int(Int64(bitPattern: r.int(UInt64.self))))
                case 3: value = .double(Double(bitPattern: r.int(UInt64.self)))
                case 4: value = .bool(false)
                case 5: value = .bool(true)
                case 6: value = .date(Int(Int64(bitPattern: r.int(UInt64.self))))
                default: value = .null
                }
                try body(name, value)
            }
        }
    }

    /// Calls `body` with every feature's properties, in order, read in place: no feature is built (a Shapefile's
    /// attributes are formatted straight from the spool's bytes).
    public func forEachProperties(_ body: (Properties) throws -> Void) throws {
        try scan(decode: { (r: inout Decoder) -> Properties in
            r.skipToProperties()
            return Properties(raw: r.raw, at: r.at)
        }, body)
    }

    /// Reads the records in order, each decoded by `decode` and handed to `body`; several threads may scan at once.
    private func scan<T>(decode: (inout Decoder) -> T, _ body: (T) throws -> Void) throws {
        try flush()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var filled = 0, at = 0
        var offset: off_t = 0   // this reader's own position in the file
        func fill(_ need: Int) throws -> Bool {
            if filled - at >= need { return true }
            if at > 0 { chunk.replaceSubrange(0..<(filled - at), with: chunk[at..<filled]); filled -= at; at = 0 }
            if need > chunk.count { chunk += [UInt8](repeating: 0, count: need - chunk.count) }
            while filled < need {
                let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, $0.count - filled, offset) }
                if n < 0 { if errno == EINTR { continue }; throw FileOutputErrorDescription(path: path, reason: "cannot read the spool file (\(String(cString: strerror(errno))))") }
                if n == 0 { return false }
                filled += n
                offset += off_t(n)
            }
            return true
        }
        for _ in 0..<count {
            guard try fill(4) else { throw FileOutputErrorDescription(path: path, reason: "spool file ends early") }
            let length = Int(chunk.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt32.self) }.littleEndian)
            guard try fill(4 + length) else { throw FileOutputErrorDescription(path: path, reason: "spool file ends early") }
            let start = at + 4
            at += 4 + length
            // The body runs while the bytes are borrowed: what a decoder reads in place stays valid through it.
            try chunk.withUnsafeBytes { raw in
                var r = Decoder(raw: raw, at: start)
                try body(decode(&r))
            }
        }
    }

    fileprivate struct Decoder {
        let raw: UnsafeRawBufferPointer
        var at: Int
        mutating func byte() -> UInt8 { defer { at += 1 }; return raw[at] }
        mutating func int<T: FixedWidthInteger>(_: T.Type) -> T {
            defer { at += MemoryLayout<T>.size }
            return T(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: T.self))
        }
        mutating func string() -> String {
            let n = Int(int(UInt32.self))
            defer { at += n }
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[at..<(at + n)]), as: UTF8.self)
        }
        /// Moves past a record's id.
        mutating func skipID() {
            switch byte() {
            case 1: at += Int(int(UInt32.self))
            case 2: at += 8
            default: break
            }
        }

        /// Moves past a record's id and geometry.
        mutating func skipToProperties() {
            skipID()
            if byte() == 1 { at += 16 }
        }

        /// A record's geometry, its id skipped and its properties left unread.
        mutating func feature(names: [String]) -> Feature {
            var id: FeatureID?
            switch byte() {
            case 1: id = .string(string())
            case 2: id = .int(Int(Int64(bitPattern: int(UInt64.self))))
            default: break
            }
            var geometry: Geometry?
            if byte() == 1 {
                let lon = Double(bitPattern: int(UInt64.self)), lat = Double(bitPattern: int(UInt64.self))
                geometry = .point(Point(Coordinate(longitude: lon, latitude: lat)))
            }
            let n = Int(int(UInt32.self))
            var props: [Property] = []
            props.reserveCapacity(n)
            for _ in 0..<n {
                let name = names[Int(int(UInt32.self))]
                let value: PropertyValue
                switch byte() {
                case 1: value = .string(string())
                case 2: value = .int(Int(Int64(bitPattern: int(UInt64.self))))
                case 3: value = .double(Double(bitPattern: int(UInt64.self)))
                case 4: value = .bool(false)
                case 5: value = .bool(true)
                case 6: value = .date(CalendarDate(daysSinceEpoch: Int(Int64(bitPattern: int(UInt64.self)))))
                default: value = .null
                }
                props.append(Property(name, value))
            }
            return Feature(id: id, geometry: geometry, properties: props)
        }
    }
}
