import CShapelib
import Foundation
import GeoCore

/// Reads an ESRI Shapefile (`.shp .shx .dbf`, with `.prj` and `.cpg` when
/// present) through shapelib, into WGS 84 longitude/latitude features.
///
/// - Geometry: points, multipoints, lines and polygons, with Z/M variants
///   (Z and M are dropped). Polygon rings are grouped into polygons with
///   holes by containment (see `RingAssembly`), so files with wrong ring
///   orientation still read right. One outer ring gives a `Polygon`, several
///   a `MultiPolygon`. Null shapes give features without geometry.
/// - Attributes: DBF `C` (text), `N`/`F` (integer or double), `L` (bool),
///   `D` (date), nulls; text decoded by the `.cpg` or the DBF language
///   driver id (UTF-8, Windows-1252, Latin-1).
/// - CRS: a `.prj` naming anything but WGS 84 is reprojected to it with PROJ
///   (e.g. UTM 18N, EPSG:32618). No `.prj`: WGS 84 is assumed, with a warning.
///
/// Each feature's id is its record number (0-based, like GDAL's FID).
public final class ShapefileReader {
    /// The path without extension.
    public let basePath: String
    public let shapeType: Int32
    public let recordCount: Int
    public let fields: [ShapefileField]
    public let encoding: DBFTextEncoding
    /// The `.prj` text, if any.
    public let projection: String?
    /// The EPSG code PROJ matched for the `.prj`, if any.
    public let crsCode: String?
    /// Problems that did not stop reading (no `.prj`, undecodable text …).
    public private(set) var warnings: [String] = []

    private let shp: SHPFile
    private let dbf: DBFFile
    private let transformation: CoordinateTransformation?

    /// Opens `path` (`name.shp` or `name`).
    public init(path: String) throws {
        var base = path
        for ext in [".shp", ".SHP", ".dbf", ".DBF", ".shx", ".SHX"] where base.hasSuffix(ext) {
            base = String(base.dropLast(4))
        }
        self.basePath = base
        let fm = FileManager.default
        func existing(_ ext: String) -> String? {
            for e in [ext, ext.uppercased()] where fm.fileExists(atPath: base + e) { return base + e }
            return nil
        }
        guard existing(".shp") != nil else { throw ShapefileError.cannotOpen(path: base + ".shp", reason: "no such file") }
        guard existing(".shx") != nil else { throw ShapefileError.missingCompanion(path: base + ".shp", companion: ".shx") }
        guard existing(".dbf") != nil else { throw ShapefileError.missingCompanion(path: base + ".shp", companion: ".dbf") }

        try Self.checkHeader(existing(".shp")!, existing(".shx")!)
        _ = try ShapefileStructure.check(shp: existing(".shp")!, shx: existing(".shx")!, dbf: existing(".dbf")!)

        guard let s = SHPOpen(base, "rb") else {
            throw ShapefileError.cannotOpen(path: base + ".shp", reason: "shapelib could not read the .shp/.shx header")
        }
        self.shp = SHPFile(s)
        guard let d = DBFOpen(base, "rb") else {
            throw ShapefileError.cannotOpen(path: base + ".dbf", reason: "shapelib could not read the .dbf header")
        }
        self.dbf = DBFFile(d)

        var entities: Int32 = 0, type: Int32 = 0
        var minBound = [Double](repeating: 0, count: 4), maxBound = [Double](repeating: 0, count: 4)
        SHPGetInfo(s, &entities, &type, &minBound, &maxBound)
        self.shapeType = type
        self.recordCount = Int(entities)
        let supported: Set<Int32> = [SHPT_NULL, SHPT_POINT, SHPT_ARC, SHPT_POLYGON, SHPT_MULTIPOINT,
                                     SHPT_POINTZ, SHPT_ARCZ, SHPT_POLYGONZ, SHPT_MULTIPOINTZ,
                                     SHPT_POINTM, SHPT_ARCM, SHPT_POLYGONM, SHPT_MULTIPOINTM]
        guard supported.contains(type) else { throw ShapefileError.unsupportedShapeType(path: base + ".shp", type: type) }

        let attributeCount = Int(DBFGetRecordCount(d))
        guard attributeCount == recordCount else {
            throw ShapefileError.recordCountMismatch(path: base + ".shp", shapes: recordCount, attributes: attributeCount)
        }

        let codePage = DBFGetCodePage(d).map { String(cString: $0) }
        let encoding = DBFTextEncoding(codePage: codePage)
        self.encoding = encoding

        var fields: [ShapefileField] = []
        for i in 0..<DBFGetFieldCount(d) {
            var name = [CChar](repeating: 0, count: 12)
            var width: Int32 = 0, decimals: Int32 = 0
            _ = DBFGetFieldInfo(d, i, &name, &width, &decimals)
            let native = Character(Unicode.Scalar(UInt8(bitPattern: DBFGetNativeFieldType(d, i))))
            let kind: ShapefileField.Kind
            switch native {
            case "N" where decimals == 0 && width <= 18: kind = .integer
            case "N", "F": kind = .double
            case "L": kind = .logical
            case "D": kind = .date
            default: kind = .string
            }
            let nameBytes = name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            let fieldName = nameBytes.withUnsafeBufferPointer { encoding.decode($0).text }
            fields.append(ShapefileField(name: fieldName, kind: kind, width: Int(width), decimals: Int(decimals), nativeType: native))
        }
        self.fields = fields

        // CRS: read the .prj and reproject when it is not WGS 84 lon/lat.
        if let prjPath = existing(".prj") {
            let text = try String(contentsOfFile: prjPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            self.projection = text
            do {
                let id = try CoordinateTransformation.identify(text)
                self.crsCode = id.code
                if id.code == "EPSG:4326" {
                    self.transformation = nil
                } else {
                    self.transformation = try CoordinateTransformation(from: text, to: "EPSG:4326")
                }
            } catch {
                throw ShapefileError.unreadableProjection(path: prjPath, reason: String(describing: error))
            }
        } else {
            self.projection = nil
            self.crsCode = nil
            self.transformation = nil
            warnings.append("\(base).shp: no .prj; assuming WGS 84 longitude/latitude (EPSG:4326)")
        }
    }

    /// Checks that the `.shp` and `.shx` headers agree with the files'
    /// sizes before shapelib trusts them (a truncated file is named, not
    /// crashed on).
    private static func checkHeader(_ shpPath: String, _ shxPath: String) throws {
        func header(_ path: String) throws -> (declared: Int, actual: Int) {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw ShapefileError.cannotOpen(path: path, reason: "cannot open for reading") }
            defer { close(fd) }
            var bytes = [UInt8](repeating: 0, count: 100)
            var got = 0
            while got < 100 {
                let n = bytes.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress! + got, 100 - got) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                got += n
            }
            guard got == 100 else { throw ShapefileError.corruptHeader(path: path, reason: "shorter than the 100-byte header") }
            let code = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
            guard code == 9994 else { throw ShapefileError.corruptHeader(path: path, reason: "not a shapefile (file code \(code), expected 9994)") }
            let words = Int(bytes[24]) << 24 | Int(bytes[25]) << 16 | Int(bytes[26]) << 8 | Int(bytes[27])
            var info = stat()
            let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
            return (words * 2, size)
        }
        let shp = try header(shpPath)
        if shp.actual < shp.declared {
            throw ShapefileError.corruptHeader(path: shpPath, reason: "truncated: header declares \(shp.declared) bytes, file has \(shp.actual)")
        }
        let shx = try header(shxPath)
        if shx.actual < shx.declared || (shx.declared - 100) % 8 != 0 {
            throw ShapefileError.corruptHeader(path: shxPath, reason: "index declares \(shx.declared) bytes, file has \(shx.actual)")
        }
    }

    /// Reads record `index` (0-based).
    public func feature(at index: Int) throws -> Feature {
        precondition(index >= 0 && index < recordCount, "record \(index) out of range 0..<\(recordCount)")
        let geometry = try readGeometry(index)
        var props: [Property] = []
        props.reserveCapacity(fields.count)
        for (i, f) in fields.enumerated() {
            props.append(Property(f.name, try readValue(record: index, field: i, f)))
        }
        return Feature(id: .int(index), geometry: geometry, properties: props)
    }

    /// Reads every record.
    public func readAll() throws -> FeatureCollection {
        var features: [Feature] = []
        features.reserveCapacity(recordCount)
        for i in 0..<recordCount { features.append(try feature(at: i)) }
        return FeatureCollection(features)
    }

    /// Reads a shapefile whole.
    public static func read(path: String) throws -> FeatureCollection {
        try ShapefileReader(path: path).readAll()
    }

    // MARK: Geometry

    private func readGeometry(_ index: Int) throws -> Geometry? {
        guard let raw = SHPReadObject(shp.handle, Int32(index)) else {
            throw ShapefileError.unreadableRecord(path: basePath + ".shp", record: index, reason: "shapelib could not read the shape (bad offset or length in the .shx?)")
        }
        let shape = SHPShape(raw)
        let o = shape.object.pointee
        if o.nSHPType == SHPT_NULL || o.nVertices == 0 { return nil }
        let n = Int(o.nVertices)
        guard let px = o.padfX, let py = o.padfY else { return nil }
        var coords = [Coordinate](unsafeUninitializedCapacity: n) { buf, count in
            for k in 0..<n { buf[k] = Coordinate(longitude: px[k], latitude: py[k]) }
            count = n
        }
        if let t = transformation {
            do { coords = try t.transform(coords) } catch {
                throw ShapefileError.invalidGeometry(path: basePath + ".shp", record: index, reason: "reprojection failed: \(error)")
            }
        }
        for (k, c) in coords.enumerated() where !c.isValid {
            throw ShapefileError.invalidGeometry(path: basePath + ".shp", record: index,
                                                 reason: "vertex \(k) (\(c.longitude), \(c.latitude)) is not a valid longitude/latitude")
        }
        func fail(_ reason: String) -> ShapefileError {
            .invalidGeometry(path: basePath + ".shp", record: index, reason: reason)
        }
        var parts: [Range<Int>] = [0..<n]
        if o.nParts > 0, let starts = o.panPartStart {
            let np = Int(o.nParts)
            parts = []
            for p in 0..<np {
                let start = Int(starts[p]), end = p + 1 < np ? Int(starts[p + 1]) : n
                guard start >= 0, start <= end, end <= n else {
                    throw fail("part \(p) runs from vertex \(start) to \(end) of \(n)")
                }
                parts.append(start..<end)
            }
        }
        switch o.nSHPType {
        case SHPT_POINT, SHPT_POINTZ, SHPT_POINTM:
            return .point(Point(coords[0]))
        case SHPT_MULTIPOINT, SHPT_MULTIPOINTZ, SHPT_MULTIPOINTM:
            return coords.count == 1 ? .point(Point(coords[0])) : .multiPoint(try MultiPoint(coords))
        case SHPT_ARC, SHPT_ARCZ, SHPT_ARCM:
            var lines: [LineString] = []
            for (p, r) in parts.enumerated() {
                do { lines.append(try LineString(Array(coords[r]))) } catch { throw fail("part \(p): \(error)") }
            }
            return lines.count == 1 ? .lineString(lines[0]) : .multiLineString(MultiLineString(lines))
        case SHPT_POLYGON, SHPT_POLYGONZ, SHPT_POLYGONM:
            var rings: [LinearRing] = []
            for (p, r) in parts.enumerated() {
                var ring = Array(coords[r])
                if ring.count >= 3, ring.first != ring.last {
                    throw fail("ring \(p) is not closed")
                }
                if ring.count == 3, ring.first == ring.last { ring = [] }  // degenerate: a line back and forth
                if ring.isEmpty { continue }
                do { rings.append(try LinearRing(ring)) } catch { throw fail("ring \(p): \(error)") }
            }
            guard !rings.isEmpty else { return nil }
            let polygons = RingAssembly.polygons(from: rings)
            return polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(MultiPolygon(polygons))
        default:
            throw ShapefileError.unsupportedShapeType(path: basePath + ".shp", type: o.nSHPType)
        }
    }

    // MARK: Attributes

    /// Drops leading and trailing spaces (DBF pads fields with them).
    private static func trimmed(_ s: String) -> String {
        guard s.first == " " || s.last == " " else { return s }
        var sub = Substring(s)
        while sub.first == " " { sub.removeFirst() }
        while sub.last == " " { sub.removeLast() }
        return String(sub)
    }

    private func readValue(record: Int, field: Int, _ f: ShapefileField) throws -> PropertyValue {
        let h = dbf.handle
        if DBFIsAttributeNULL(h, Int32(record), Int32(field)) != 0 { return .null }
        guard let raw = DBFReadStringAttribute(h, Int32(record), Int32(field)) else { return .null }
        let len = strlen(raw)
        let (decoded, valid) = raw.withMemoryRebound(to: UInt8.self, capacity: len) {
            encoding.decode(UnsafeBufferPointer(start: $0, count: len))
        }
        if !valid {
            warnings.append("\(basePath).dbf: record \(record), field \(f.name): text is not valid \(encoding.rawValue); read as Windows-1252")
        }
        let text = Self.trimmed(decoded)
        switch f.kind {
        case .string:
            return .string(text)
        case .integer:
            if text.isEmpty { return .null }
            if let v = Int(text) { return .int(v) }
            if let d = Double(text) { return .double(d) }
            throw ShapefileError.unreadableRecord(path: basePath + ".dbf", record: record, reason: "field \(f.name): '\(text)' is not a number")
        case .double:
            if text.isEmpty || text.allSatisfy({ $0 == "*" }) { return .null }
            guard let d = Double(text) else {
                throw ShapefileError.unreadableRecord(path: basePath + ".dbf", record: record, reason: "field \(f.name): '\(text)' is not a number")
            }
            return .double(d)
        case .logical:
            switch text.uppercased() {
            case "T", "Y": return .bool(true)
            case "F", "N": return .bool(false)
            default: return .null
            }
        case .date:
            if text.isEmpty || text == "00000000" { return .null }
            guard let d = CalendarDate(compact: text) else {
                throw ShapefileError.unreadableRecord(path: basePath + ".dbf", record: record, reason: "field \(f.name): '\(text)' is not a YYYYMMDD date")
            }
            return .date(d)
        }
    }
}

#if canImport(Glibc)
private let posixRead = Glibc.read
#elseif canImport(Darwin)
private let posixRead = Darwin.read
#endif
