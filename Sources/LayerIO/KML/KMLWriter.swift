import GeoCore

/// Writes KML 2.2 (Google Earth): one Placemark per feature with its
/// properties as ExtendedData, styled by a caller-chosen style id.
public enum KMLWriter {
    public struct Style: Sendable {
        public let id: String
        /// KML colour, aabbggrr.
        public let color: String
        public let fill: Bool
        public init(id: String, color: String, fill: Bool) {
            self.id = id
            self.color = color
            self.fill = fill
        }
    }

    /// `styleOf` names the style of each feature (nil: no style).
    public static func encode(name: String, features: [Feature], styles: [Style], nameField: String?,
                              styleOf: (Feature) -> String?) -> String {
        var out = ""
        try! write(name: name, styles: styles, nameField: nameField, styleOf: styleOf,  // appending to a string cannot fail
                   layer: LayerFeatures(features), emit: { out += $0 })
        return out
    }

    /// Streams the document to `sink` in pieces of about 64 KiB (a spooled
    /// layer is never held whole, nor is its text).
    public static func write(name: String, layer: LayerFeatures, styles: [Style], nameField: String?,
                             styleOf: (Feature) -> String?, to sink: (String) throws -> Void) throws {
        var chunk = ""
        try write(name: name, styles: styles, nameField: nameField, styleOf: styleOf, layer: layer) { piece in
            chunk += piece
            if chunk.utf8.count >= 1 << 16 { try sink(chunk); chunk = "" }
        }
        if !chunk.isEmpty { try sink(chunk) }
    }

    private static func write(name: String, styles: [Style], nameField: String?, styleOf: (Feature) -> String?,
                              layer: LayerFeatures, emit: (String) throws -> Void) throws {
        var head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n<name>\(xml(name))</name>\n"
        for s in styles {
            head += "<Style id=\"\(xml(s.id))\"><IconStyle><color>\(s.color)</color><scale>0.8</scale></IconStyle>"
            head += "<LineStyle><color>ff333333</color><width>1</width></LineStyle>"
            head += "<PolyStyle><color>\(s.fill ? s.color : "00ffffff")</color></PolyStyle></Style>\n"
        }
        try emit(head)
        var i = 0
        try layer.forEach { f in
            var out = "<Placemark>"
            let title = nameField.flatMap { f[$0]?.stringValue } ?? f.id?.description ?? String(i)
            out += "<name>\(xml(title))</name>"
            if let s = styleOf(f) { out += "<styleUrl>#\(xml(s))</styleUrl>" }
            out += "<ExtendedData>"
            for p in f.properties where !p.value.isNull {
                out += "<Data name=\"\(xml(p.name))\"><value>\(xml(p.value.description))</value></Data>"
            }
            out += "</ExtendedData>"
            if let g = f.geometry { out += geometry(g) }
            out += "</Placemark>\n"
            try emit(out)
            i += 1
        }
        try emit("</Document>\n</kml>\n")
    }

    static func coordinates(_ cs: [Coordinate]) -> String {
        cs.map { c in
            var s: [UInt8] = []
            JSONText.appendFixed(c.longitude, precision: 7, to: &s)
            s.append(UInt8(ascii: ","))
            JSONText.appendFixed(c.latitude, precision: 7, to: &s)
            return String(decoding: s, as: UTF8.self)
        }.joined(separator: " ")
    }

    static func geometry(_ g: Geometry) -> String {
        switch g {
        case .point(let p): return "<Point><coordinates>\(coordinates([p.coordinate]))</coordinates></Point>"
        case .lineString(let l): return "<LineString><coordinates>\(coordinates(l.coordinates))</coordinates></LineString>"
        case .polygon(let p):
            var s = "<Polygon><outerBoundaryIs><LinearRing><coordinates>\(coordinates(p.exterior.oriented(counterClockwise: true).coordinates))</coordinates></LinearRing></outerBoundaryIs>"
            for h in p.holes { s += "<innerBoundaryIs><LinearRing><coordinates>\(coordinates(h.oriented(counterClockwise: false).coordinates))</coordinates></LinearRing></innerBoundaryIs>" }
            return s + "</Polygon>"
        case .multiPoint(let m): return "<MultiGeometry>" + m.coordinates.map { geometry(.point(Point($0))) }.joined() + "</MultiGeometry>"
        case .multiLineString(let m): return "<MultiGeometry>" + m.lineStrings.map { geometry(.lineString($0)) }.joined() + "</MultiGeometry>"
        case .multiPolygon(let m): return "<MultiGeometry>" + m.polygons.map { geometry(.polygon($0)) }.joined() + "</MultiGeometry>"
        case .geometryCollection(let gs): return "<MultiGeometry>" + gs.map(geometry).joined() + "</MultiGeometry>"
        }
    }

    static func xml(_ s: String) -> String { MarkupEscaping.escape(s) }
}
