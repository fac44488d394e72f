import Foundation
import GeoCore

/// A finished ``FeatureSpool``, read in order as often as needed: whole features (``forEach(_:)``), geometries alone
/// (``forEachGeometry(_:)``, 17 bytes a feature) or properties read in place (``forEachProperties(_:)``). Every
/// read opens no file and keeps its own offset (`pread`), so several threads may read one spool at once; the files
/// are closed when the reader is freed (they have no name on disk by then).
public final class FeatureSpoolReader: Sendable {
    /// The spool's path when it was written (for messages: the file has no name on disk any more).
    public let path: String
    private let fd: Int32
    private let pointsFD: Int32
    /// How many features the spool holds.
    public let count: Int

    init(path: String, fd: Int32, pointsFD: Int32, propertyNames: [String], count: Int) {
        self.path = path
        self.fd = fd
        self.pointsFD = pointsFD
        self.propertyNames = propertyNames
        self.count = count
    }

    deinit {
        close(fd)
        close(pointsFD)
    }

    /// Calls `body` with every feature spooled, in order.
    public func forEach(_ body: (Feature) throws -> Void) throws {
        let names = propertyNames
        try scan(decode: { $0.feature(names: names) }, body)
    }

    /// Calls `body` with every feature's geometry, in order, decoding nothing else (a Shapefile's shapes are written
    /// beside its attributes, each side reading the spool).
    public func forEachGeometry(_ body: (Geometry?) throws -> Void) throws {
        let step = FeatureSpool.pointBytes
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
    public let propertyNames: [String]

    /// One spooled feature's properties, read in place (valid only inside the call that gives it).
    public struct Properties {
        fileprivate let raw: UnsafeRawBufferPointer
        fileprivate let at: Int

        /// Calls `body` with each property's name index (into ``FeatureSpoolReader/propertyNames``) and value, in order.
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
