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
        var out: [UInt8] = []
        try! write(name: name, layer: LayerFeatures(features), styles: styles, nameField: nameField,  // appending to bytes cannot fail
                   styleOf: styleOf, to: { out += $0 })
        return String(decoding: out, as: UTF8.self)
    }

    /// Streams the document to `sink` in pieces of about 64 KiB of UTF-8 (a spooled layer is never held whole, nor
    /// is its text). The text is built as bytes, never as Swift strings: a million-point KML is 1.3 GB.
    public static func write(name: String, layer: LayerFeatures, styles: [Style], nameField: String?,
                             styleOf: (Feature) -> String?, to sink: ([UInt8]) throws -> Void) throws {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 17)
        func text(_ s: String) { out.append(contentsOf: s.utf8) }
        text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n<name>\(xml(name))</name>\n")
        for s in styles {
            text("<Style id=\"\(xml(s.id))\"><IconStyle><color>\(s.color)</color><scale>0.8</scale></IconStyle>")
            text("<LineStyle><color>ff333333</color><width>1</width></LineStyle>")
            text("<PolyStyle><color>\(s.fill ? s.color : "00ffffff")</color></PolyStyle></Style>\n")
        }
        var i = 0
        try layer.forEach { f in
            text("<Placemark><name>")
            if let title = nameField.flatMap({ f[$0]?.stringValue }) {
                MarkupEscaping.append(title, to: &out)
            } else if let id = f.id {
                MarkupEscaping.append(id.description, to: &out)
            } else {
                JSONText.appendInteger(i, to: &out)
            }
            text("</name>")
            if let s = styleOf(f) { text("<styleUrl>#"); MarkupEscaping.append(s, to: &out); text("</styleUrl>") }
            text("<ExtendedData>")
            for p in f.properties where !p.value.isNull {
                text("<Data name=\"")
                MarkupEscaping.append(p.name, to: &out)
                text("\"><value>")
                value(p.value, to: &out)
                text("</value></Data>")
            }
            text("</ExtendedData>")
            if let g = f.geometry { geometry(g, to: &out) }
            text("</Placemark>\n")
            if out.count >= 1 << 16 {
                try sink(out)
                out.removeAll(keepingCapacity: true)
            }
            i += 1
        }
        text("</Document>\n</kml>\n")
        try sink(out)
    }

    /// A value's text, escaped (numbers and dates need no escape).
    static func value(_ v: PropertyValue, to out: inout [UInt8]) {
        switch v {
        case .string(let s): MarkupEscaping.append(s, to: &out)
        case .int(let n): JSONText.appendInteger(n, to: &out)
        case .date(let d): out.append(contentsOf: d.description.utf8)
        default: MarkupEscaping.append(v.description, to: &out)
        }
    }

    static func coordinates(_ cs: [Coordinate], to out: inout [UInt8]) {
        for (k, c) in cs.enumerated() {
            if k > 0 { out.append(UInt8(ascii: " ")) }
            JSONText.appendFixed(c.longitude, precision: 7, to: &out)
            out.append(UInt8(ascii: ","))
            JSONText.appendFixed(c.latitude, precision: 7, to: &out)
        }
    }

    static func geometry(_ g: Geometry, to out: inout [UInt8]) {
        func text(_ s: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        switch g {
        case .point(let p):
            text("<Point><coordinates>"); coordinates([p.coordinate], to: &out); text("</coordinates></Point>")
        case .lineString(let l):
            text("<LineString><coordinates>"); coordinates(l.coordinates, to: &out); text("</coordinates></LineString>")
        case .polygon(let p):
            text("<Polygon><outerBoundaryIs><LinearRing><coordinates>")
            coordinates(p.exterior.oriented(counterClockwise: true).coordinates, to: &out)
            text("</coordinates></LinearRing></outerBoundaryIs>")
            for h in p.holes {
                text("<innerBoundaryIs><LinearRing><coordinates>")
                coordinates(h.oriented(counterClockwise: false).coordinates, to: &out)
                text("</coordinates></LinearRing></innerBoundaryIs>")
            }
            text("</Polygon>")
        case .multiPoint(let m):
            text("<MultiGeometry>"); for c in m.coordinates { geometry(.point(Point(c)), to: &out) }; text("</MultiGeometry>")
        case .multiLineString(let m):
            text("<MultiGeometry>"); for l in m.lineStrings { geometry(.lineString(l), to: &out) }; text("</MultiGeometry>")
        case .multiPolygon(let m):
            text("<MultiGeometry>"); for p in m.polygons { geometry(.polygon(p), to: &out) }; text("</MultiGeometry>")
        case .geometryCollection(let gs):
            text("<MultiGeometry>"); for x in gs { geometry(x, to: &out) }; text("</MultiGeometry>")
        }
    }

    static func xml(_ s: String) -> String { MarkupEscaping.escape(s) }
}
