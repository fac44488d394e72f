/// Reads Well-Known Binary (ISO 19125 / OGC SFA; either byte order), as PostGIS's `ST_AsBinary` returns it and
/// GeoPackage blobs hold it. Z and M ordinates (ISO type codes 1001–3007, or the EWKB flag bits) are read and
/// dropped: geometry here is 2D. Axis order x = longitude, y = latitude.
public struct WKBReader {
    public struct Malformed: Error, CustomStringConvertible, Equatable {
        public let offset: Int
        public let reason: String
        public var description: String { "malformed WKB at byte \(offset): \(reason)" }
        public init(offset: Int, reason: String) {
            self.offset = offset
            self.reason = reason
        }
    }

    private let bytes: [UInt8]
    private var at = 0
    private var transform: (([Coordinate]) throws -> [Coordinate])?

    /// `transform`: applied to each point list before the geometry is built (coordinates in a projected CRS become
    /// longitude/latitude there, so only the result is checked as such).
    public static func decode(_ bytes: [UInt8], transform: (([Coordinate]) throws -> [Coordinate])? = nil) throws -> Geometry {
        var r = WKBReader(bytes: bytes)
        r.transform = transform
        let g = try r.geometry(depth: 0)
        guard r.at == bytes.count else { throw Malformed(offset: r.at, reason: "\(bytes.count - r.at) bytes after the geometry") }
        return g
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func u32(_ little: Bool) throws -> UInt32 {
        guard at + 4 <= bytes.count else { throw Malformed(offset: at, reason: "truncated") }
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(bytes[at + k]) << (little ? 8 * k : 8 * (3 - k)) }
        at += 4
        return v
    }

    private mutating func f64(_ little: Bool) throws -> Double {
        guard at + 8 <= bytes.count else { throw Malformed(offset: at, reason: "truncated") }
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[at + k]) << UInt64(little ? 8 * k : 8 * (7 - k)) }
        at += 8
        return Double(bitPattern: v)
    }

    private mutating func count(_ little: Bool, each: Int) throws -> Int {
        let n = Int(try u32(little))
        guard n <= (bytes.count - at) / each else { throw Malformed(offset: at - 4, reason: "count \(n) exceeds the data") }
        return n
    }

    /// One coordinate of `dimensions` ordinates (2, 3 or 4), the first two kept.
    private mutating func coordinate(_ little: Bool, _ dimensions: Int) throws -> Coordinate {
        let c = Coordinate(longitude: try f64(little), latitude: try f64(little))
        for _ in 2..<dimensions { _ = try f64(little) }
        return c
    }

    private mutating func coordinates(_ little: Bool, _ dimensions: Int) throws -> [Coordinate] {
        let n = try count(little, each: 8 * dimensions)
        var out: [Coordinate] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try coordinate(little, dimensions)) }
        return try transform?(out) ?? out
    }

    /// The 2D type code (1–7) and the ordinates per coordinate of a WKB type word: ISO (1000 Z, 2000 M, 3000 ZM) or
    /// EWKB (0x80000000 Z, 0x40000000 M, 0x20000000 SRID follows).
    private mutating func typeWord(_ raw: UInt32, _ little: Bool) throws -> (code: UInt32, dimensions: Int) {
        var dims = 2
        var word = raw
        if word & 0x8000_0000 != 0 { dims += 1 }
        if word & 0x4000_0000 != 0 { dims += 1 }
        if word & 0x2000_0000 != 0 { _ = try u32(little) }  // the SRID, not used
        word &= 0x0FFF_FFFF
        switch word / 1000 {
        case 1, 2: dims += 1
        case 3: dims += 2
        default: break
        }
        return (word % 1000, min(dims, 4))
    }

    private mutating func geometry(depth: Int) throws -> Geometry {
        guard depth < 32 else { throw Malformed(offset: at, reason: "nested too deeply") }
        guard at < bytes.count, bytes[at] <= 1 else { throw Malformed(offset: at, reason: "bad byte-order mark") }
        let little = bytes[at] == 1
        at += 1
        let (type, dimensions) = try typeWord(try u32(little), little)
        func parts(_ expected: UInt32) throws -> [Geometry] {
            let n = try count(little, each: 5)
            return try (0..<n).map { _ in
                let start = at
                let g = try geometry(depth: depth + 1)
                guard expected == 0 || WKBReader.code(g) == expected else { throw Malformed(offset: start, reason: "unexpected member type") }
                return g
            }
        }
        do {
            switch type {
            case 1:
                let c = try coordinate(little, dimensions)
                return .point(Point(try transform?([c]).first ?? c))
            case 2: return .lineString(try LineString(try coordinates(little, dimensions)))
            case 3:
                let n = try count(little, each: 4)
                return .polygon(try Polygon(rings: try (0..<n).map { _ in try coordinates(little, dimensions) }))
            case 4: return .multiPoint(try MultiPoint(try parts(1).map { if case .point(let p) = $0 { p.coordinate } else { Coordinate(longitude: 0, latitude: 0) } }))
            case 5: return .multiLineString(MultiLineString(try parts(2).compactMap { if case .lineString(let l) = $0 { l } else { nil } }))
            case 6: return .multiPolygon(MultiPolygon(try parts(3).compactMap { if case .polygon(let p) = $0 { p } else { nil } }))
            case 7: return .geometryCollection(try parts(0))
            default: throw Malformed(offset: at - 4, reason: "unsupported geometry type \(type) (types 1–7, with or without Z/M)")
            }
        } catch let e as Malformed {
            throw e
        } catch {
            throw Malformed(offset: at, reason: "\(error)")
        }
    }

    private static func code(_ g: Geometry) -> UInt32 {
        switch g {
        case .point: 1
        case .lineString: 2
        case .polygon: 3
        case .multiPoint: 4
        case .multiLineString: 5
        case .multiPolygon: 6
        case .geometryCollection: 7
        }
    }
}
