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
/// A spool is appended to by one thread, then ``finish()`` hands its files to a ``FeatureSpoolReader``, which is
/// `Sendable`: writers of different formats replay one spool side by side, each at its own offset.
public final class FeatureSpool {
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
    static let pointBytes = 17

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
    /// Closes and deletes the spool file (nothing once ``finish()`` has handed it to a reader, which owns it then).
    public func remove() {
        guard !removed else { return }
        removed = true
        close(fd)
        close(pointsFD)
        unlink(path)
    }

    /// Ends the appending: writes out what is buffered and hands the spool's files to a reader, which may be read on
    /// several threads at once and closes them when it is freed. The file loses its name here (it stays readable
    /// through the reader), so nothing is left on disk whatever happens next. The spool takes no more features.
    public func finish() throws -> FeatureSpoolReader {
        precondition(!removed, "a spool is finished once")
        try flush()
        removed = true
        unlink(path)
        return FeatureSpoolReader(path: path, fd: fd, pointsFD: pointsFD, propertyNames: names, count: count)
    }

    // MARK: Writing

    public func append(_ f: Feature) throws {
        precondition(!removed, "appending to a finished or removed spool")
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

    /// Writes out what is buffered (when the buffer is full, and at ``finish()``).
    private func flush() throws {
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
}
