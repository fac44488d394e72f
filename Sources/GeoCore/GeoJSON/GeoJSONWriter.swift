/// Writes an RFC 7946 GeoJSON FeatureCollection feature by feature.
///
/// - Coordinates are (longitude, latitude), rounded to ``Options/precision``
///   decimals (default 7, about 1 cm).
/// - Polygon exteriors are written counter-clockwise and holes clockwise
///   (RFC 7946 §3.1.6), whatever the input orientation.
/// - No `crs` member. The collection's `bbox` (of the rounded coordinates)
///   is written after `features`, so the file streams in one pass.
/// - With ``Options/textSequence`` the output is RFC 8142 GeoJSON Text
///   Sequences instead: one `RS`-prefixed feature per line, no collection.
///
/// Feed it with ``write(_:)``, then ``finish()``; the file appears only then
/// (see ``AtomicFile``).
public final class GeoJSONWriter {
    public struct Options: Sendable {
        /// Decimal places for coordinates.
        public var precision: Int = 7
        /// Write a `bbox` member on the collection.
        public var writeBoundingBox = true
        /// Write GeoJSON Text Sequences (RFC 8142) instead of a collection.
        public var textSequence = false

        public init(precision: Int = 7, writeBoundingBox: Bool = true, textSequence: Bool = false) {
            self.precision = precision
            self.writeBoundingBox = writeBoundingBox
            self.textSequence = textSequence
        }
    }

    public let options: Options
    private let file: (any ByteSink)?
    private var out: [UInt8] = []
    private var count = 0
    private var bbox: BoundingBox?
    private var finished = false
    /// Filled by ``finish()`` for in-memory writers.
    public private(set) var bytes: [UInt8] = []

    /// A writer to `path`, replaced atomically on ``finish()``.
    public init(path: String, options: Options = Options()) throws {
        self.options = options
        self.file = try AtomicFile(destination: path)
        start()
    }

    /// A writer to any sink (standard output: `StandardOutputSink()`), finished with the sink's own `finish()`.
    public init(sink: any ByteSink, options: Options = Options()) {
        self.options = options
        self.file = sink
        start()
    }

    /// A writer to memory; read ``bytes`` after ``finish()``.
    public init(options: Options = Options()) {
        self.options = options
        self.file = nil
        start()
    }

    private func start() {
        out.reserveCapacity(1 << 16)
        if !options.textSequence { out.append(contentsOf: #"{"type":"FeatureCollection","features":["#.utf8) }
    }

    /// Number of features written so far.
    public var featureCount: Int { count }

    public func write(_ feature: Feature) throws {
        precondition(!finished, "GeoJSONWriter used after finish()")
        if options.textSequence {
            out.append(0x1E)
        } else if count > 0 {
            out.append(UInt8(ascii: ","))
        }
        if !options.textSequence { out.append(0x0A) }
        Self.appendFeature(feature, precision: options.precision, to: &out, bbox: &bbox)
        if options.textSequence { out.append(0x0A) }
        count += 1
        if out.count >= 1 << 16, let file {
            try file.write(out)
            out.removeAll(keepingCapacity: true)
        }
    }

    /// Adds the features of `fragment` (encoded apart, see ``GeoJSONFragment``) after those written so far.
    public func append(_ fragment: GeoJSONFragment) throws {
        precondition(!finished, "GeoJSONWriter used after finish()")
        precondition(fragment.options.textSequence == options.textSequence && fragment.options.precision == options.precision,
                     "a fragment encoded with other options")
        guard fragment.count > 0 else { return }
        // In a collection the fragment's first feature follows a comma: none when it comes first.
        var skip = !options.textSequence && count == 0 ? 1 : 0
        if let file {
            try file.write(out)
            out.removeAll(keepingCapacity: true)
            if let atomic = file as? AtomicFile {
                try fragment.copy(into: atomic, from: skip)
            } else {
                try fragment.forEachBlock { block in
                    try file.write(skip > 0 ? Array(block.dropFirst(skip)) : block)
                    skip = 0
                }
            }
        } else {
            try fragment.forEachBlock { block in
                out.append(contentsOf: skip > 0 ? Array(block.dropFirst(skip)) : block)
                skip = 0
            }
        }
        count += fragment.count
        if let b = fragment.bbox {
            if bbox == nil { bbox = b } else { bbox!.expand(toInclude: b) }
        }
    }

    public func write<S: Sequence>(contentsOf features: S) throws where S.Element == Feature {
        for f in features { try write(f) }
    }

    /// Closes the collection and puts the file in place.
    public func finish() throws {
        precondition(!finished, "GeoJSONWriter finished twice")
        finished = true
        if !options.textSequence {
            out.append(contentsOf: "\n]".utf8)
            if options.writeBoundingBox, let b = bbox {
                out.append(contentsOf: #","bbox":["#.utf8)
                JSONText.appendShortest(b.minLongitude, to: &out)
                out.append(UInt8(ascii: ","))
                JSONText.appendShortest(b.minLatitude, to: &out)
                out.append(UInt8(ascii: ","))
                JSONText.appendShortest(b.maxLongitude, to: &out)
                out.append(UInt8(ascii: ","))
                JSONText.appendShortest(b.maxLatitude, to: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(contentsOf: "}\n".utf8)
        }
        if let file {
            try file.write(out)
            try file.finish()
        } else {
            bytes = out
        }
        out = []
    }

    /// Encodes a whole collection in memory.
    public static func encode(_ collection: FeatureCollection, options: Options = Options()) -> [UInt8] {
        let w = GeoJSONWriter(options: options)
        for f in collection.features { try! w.write(f) }  // in-memory writes cannot fail
        try! w.finish()
        return w.bytes
    }

    /// Writes a whole collection to `path` atomically.
    public static func write(_ collection: FeatureCollection, to path: String, options: Options = Options()) throws {
        let w = try GeoJSONWriter(path: path, options: options)
        try w.write(contentsOf: collection.features)
        try w.finish()
    }

    // MARK: - Encoding

    /// One feature as RFC 7946 GeoJSON (for servers answering item by item).
    public static func encodeFeature(_ f: Feature, precision: Int = 7) -> [UInt8] {
        var out: [UInt8] = []
        var bbox: BoundingBox?
        appendFeature(f, precision: precision, to: &out, bbox: &bbox)
        return out
    }

    static func appendFeature(_ f: Feature, precision: Int, to out: inout [UInt8], bbox: inout BoundingBox?) {
        out.append(contentsOf: #"{"type":"Feature""#.utf8)
        if let id = f.id {
            out.append(contentsOf: #","id":"#.utf8)
            switch id {
            case .int(let i): JSONText.appendInteger(i, to: &out)
            case .string(let s): JSONText.appendString(s, to: &out)
            }
        }
        out.append(contentsOf: #","geometry":"#.utf8)
        if let g = f.geometry {
            appendGeometry(g, precision: precision, to: &out, bbox: &bbox)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(contentsOf: #","properties":{"#.utf8)
        for (k, p) in f.properties.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(p.name, to: &out)
            out.append(UInt8(ascii: ":"))
            appendValue(p.value, to: &out)
        }
        out.append(contentsOf: "}}".utf8)
    }

    static func appendValue(_ v: PropertyValue, to out: inout [UInt8]) {
        switch v {
        case .string(let s): JSONText.appendString(s, to: &out)
        case .int(let i): JSONText.appendInteger(i, to: &out)
        case .double(let d): JSONText.appendShortest(d, to: &out)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .date(let d): JSONText.appendString(d.description, to: &out)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }

    static func appendGeometry(_ g: Geometry, precision: Int, to out: inout [UInt8], bbox: inout BoundingBox?) {
        out.append(contentsOf: #"{"type":""#.utf8)
        out.append(contentsOf: g.typeName.utf8)
        if case .geometryCollection(let parts) = g {
            out.append(contentsOf: #"","geometries":["#.utf8)
            for (k, part) in parts.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                appendGeometry(part, precision: precision, to: &out, bbox: &bbox)
            }
            out.append(contentsOf: "]}".utf8)
            return
        }
        out.append(contentsOf: #"","coordinates":"#.utf8)
        let pos = PositionWriter(precision: precision)
        switch g {
        case .point(let p): pos.position(p.coordinate, &out, &bbox)
        case .multiPoint(let m): pos.positions(m.coordinates, &out, &bbox)
        case .lineString(let l): pos.positions(l.coordinates, &out, &bbox)
        case .multiLineString(let m):
            out.append(UInt8(ascii: "["))
            for (k, l) in m.lineStrings.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                pos.positions(l.coordinates, &out, &bbox)
            }
            out.append(UInt8(ascii: "]"))
        case .polygon(let p): pos.polygon(p, &out, &bbox)
        case .multiPolygon(let m):
            out.append(UInt8(ascii: "["))
            for (k, p) in m.polygons.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                pos.polygon(p, &out, &bbox)
            }
            out.append(UInt8(ascii: "]"))
        case .geometryCollection: break
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Writes rounded positions and grows the bounding box with the rounded values.
    private struct PositionWriter {
        let precision: Int
        let scale: Double

        init(precision: Int) {
            self.precision = precision
            var s = 1.0
            for _ in 0..<max(0, min(precision, 15)) { s *= 10 }
            self.scale = s
        }

        func position(_ c: Coordinate, _ out: inout [UInt8], _ bbox: inout BoundingBox?) {
            let x = (c.longitude * scale).rounded() / scale
            let y = (c.latitude * scale).rounded() / scale
            out.append(UInt8(ascii: "["))
            JSONText.appendFixed(c.longitude, precision: precision, to: &out)
            out.append(UInt8(ascii: ","))
            JSONText.appendFixed(c.latitude, precision: precision, to: &out)
            out.append(UInt8(ascii: "]"))
            let r = Coordinate(longitude: x, latitude: y)
            if bbox == nil {
                bbox = BoundingBox(minLongitude: x, minLatitude: y, maxLongitude: x, maxLatitude: y)
            } else {
                bbox!.expand(toInclude: r)
            }
        }

        func positions(_ cs: [Coordinate], _ out: inout [UInt8], _ bbox: inout BoundingBox?) {
            out.append(UInt8(ascii: "["))
            for (k, c) in cs.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                position(c, &out, &bbox)
            }
            out.append(UInt8(ascii: "]"))
        }

        func polygon(_ p: Polygon, _ out: inout [UInt8], _ bbox: inout BoundingBox?) {
            out.append(UInt8(ascii: "["))
            positions(p.exterior.oriented(counterClockwise: true).coordinates, &out, &bbox)
            for h in p.holes {
                out.append(UInt8(ascii: ","))
                positions(h.oriented(counterClockwise: false).coordinates, &out, &bbox)
            }
            out.append(UInt8(ascii: "]"))
        }
    }
}
