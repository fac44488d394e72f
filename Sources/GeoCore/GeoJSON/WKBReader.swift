/// Reads Well-Known Binary (ISO 19125 / OGC SFA, 2D; either byte order), as
/// PostGIS's `ST_AsBinary` returns it. Axis order x = longitude, y = latitude.
public struct WKBReader {
    public struct Malformed: Error, CustomStringConvertible, Equatable {
        public let offset: Int
        public let reason: String
        public var description: String { "malformed WKB at byte \(offset): \(reason)" }
    }

    private let bytes: [UInt8]
    private var at = 0

    public static func decode(_ bytes: [UInt8]) throws -> Geometry {
        var r = WKBReader(bytes: bytes)
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

    private mutating func coordinates(_ little: Bool) throws -> [Coordinate] {
        let n = try count(little, each: 16)
        var out: [Coordinate] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(Coordinate(longitude: try f64(little), latitude: try f64(little))) }
        return out
    }

    private mutating func geometry(depth: Int) throws -> Geometry {
        guard depth < 32 else { throw Malformed(offset: at, reason: "nested too deeply") }
        guard at < bytes.count, bytes[at] <= 1 else { throw Malformed(offset: at, reason: "bad byte-order mark") }
        let little = bytes[at] == 1
        at += 1
        let type = try u32(little)
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
            case 1: return .point(Point(Coordinate(longitude: try f64(little), latitude: try f64(little))))
            case 2: return .lineString(try LineString(try coordinates(little)))
            case 3:
                let n = try count(little, each: 4)
                return .polygon(try Polygon(rings: try (0..<n).map { _ in try coordinates(little) }))
            case 4: return .multiPoint(try MultiPoint(try parts(1).map { if case .point(let p) = $0 { p.coordinate } else { Coordinate(longitude: 0, latitude: 0) } }))
            case 5: return .multiLineString(MultiLineString(try parts(2).compactMap { if case .lineString(let l) = $0 { l } else { nil } }))
            case 6: return .multiPolygon(MultiPolygon(try parts(3).compactMap { if case .polygon(let p) = $0 { p } else { nil } }))
            case 7: return .geometryCollection(try parts(0))
            default: throw Malformed(offset: at - 4, reason: "unsupported geometry type \(type) (2D types 1–7 only)")
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
