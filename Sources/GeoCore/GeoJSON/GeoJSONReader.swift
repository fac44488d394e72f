import Foundation

/// Reads GeoJSON (RFC 7946) into features, tolerantly where it is safe.
///
/// Accepted: a FeatureCollection, a single Feature, or a bare geometry; rings
/// of either orientation (left-handed rings are common in the wild); a third
/// coordinate (ignored); the 2008 `crs` member when it names WGS 84 lon/lat
/// (`urn:ogc:def:crs:OGC:1.3:CRS84`, `EPSG:4326` and its URN forms).
/// Anything else — another CRS, unclosed rings, NaN or out-of-range
/// coordinates, wrong member types — is a ``GeoJSONError`` naming the path
/// (feature index, ring, position). Nothing is fixed silently.
public enum GeoJSONReader {
    /// Reads a GeoJSON file.
    public static func read(path: String) throws -> FeatureCollection {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw GeoJSONError(file: path, path: "$", reason: "cannot read file: \(error.localizedDescription)")
        }
        do { return try decode(Array(data)) } catch var e as GeoJSONError {
            e.file = path
            throw e
        }
    }

    /// Decodes GeoJSON text.
    public static func decode(_ bytes: [UInt8]) throws -> FeatureCollection {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }  // UTF-8 BOM
        let root: JSONValue
        do { root = try JSONParser.parse(Array(body)) } catch let e as JSONSyntaxError {
            throw GeoJSONError(path: "$", reason: e.description)
        }
        return try decode(root)
    }

    public static func decode(_ text: String) throws -> FeatureCollection { try decode(Array(text.utf8)) }

    /// Decodes an already parsed document.
    public static func decode(_ root: JSONValue) throws -> FeatureCollection {
        guard root.objectValue != nil else { throw GeoJSONError(path: "$", reason: "expected an object, found \(root.kindName)") }
        try checkCRS(root, path: "$")
        switch root["type"]?.stringValue {
        case "FeatureCollection":
            guard let items = root["features"]?.arrayValue else {
                throw GeoJSONError(path: "$.features", reason: "a FeatureCollection needs a 'features' array")
            }
            var features: [Feature] = []
            features.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                features.append(try feature(item, path: "features[\(i)]"))
            }
            return FeatureCollection(features)
        case "Feature":
            return FeatureCollection([try feature(root, path: "$")])
        case let t?:
            return FeatureCollection([Feature(geometry: try geometry(root, type: t, path: "$"))])
        case nil:
            throw GeoJSONError(path: "$.type", reason: "missing 'type' member")
        }
    }

    /// Decodes one Feature object (also used by line-oriented readers).
    public static func feature(_ v: JSONValue, path: String) throws -> Feature {
        guard v.objectValue != nil else { throw GeoJSONError(path: path, reason: "expected a Feature object, found \(v.kindName)") }
        guard v["type"]?.stringValue == "Feature" else {
            throw GeoJSONError(path: "\(path).type", reason: "expected \"Feature\"")
        }
        try checkCRS(v, path: path)
        var id: FeatureID?
        switch v["id"] {
        case .string(let s)?: id = .string(s)
        case .int(let i)?: id = .int(i)
        case .double(let d)?:
            guard d == d.rounded(), abs(d) < 9e15 else { throw GeoJSONError(path: "\(path).id", reason: "a numeric id must be an integer") }
            id = .int(Int(d))
        case nil, .null?: id = nil
        case let other?: throw GeoJSONError(path: "\(path).id", reason: "id must be a string or number, found \(other.kindName)")
        }
        var geom: Geometry?
        switch v["geometry"] {
        case nil: throw GeoJSONError(path: "\(path).geometry", reason: "missing 'geometry' member (use null for none)")
        case .null?: geom = nil
        case let g?: geom = try geometry(g, path: "\(path).geometry")
        }
        var props: [Property] = []
        switch v["properties"] {
        case nil, .null?: break
        case .object(let members)?:
            props.reserveCapacity(members.count)
            for (name, value) in members { props.append(Property(name, propertyValue(value))) }
        case let other?:
            throw GeoJSONError(path: "\(path).properties", reason: "properties must be an object or null, found \(other.kindName)")
        }
        return Feature(id: id, geometry: geom, properties: props)
    }

    /// JSON values as properties; nested arrays and objects are kept as JSON text.
    public static func propertyValue(_ v: JSONValue) -> PropertyValue {
        switch v {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .array, .object: .string(JSONText.string(v))
        }
    }

    public static func geometry(_ v: JSONValue, path: String) throws -> Geometry {
        guard let t = v["type"]?.stringValue else { throw GeoJSONError(path: "\(path).type", reason: "geometry needs a string 'type'") }
        return try geometry(v, type: t, path: path)
    }

    private static func geometry(_ v: JSONValue, type: String, path: String) throws -> Geometry {
        if type == "GeometryCollection" {
            guard let parts = v["geometries"]?.arrayValue else {
                throw GeoJSONError(path: "\(path).geometries", reason: "a GeometryCollection needs a 'geometries' array")
            }
            return .geometryCollection(try parts.enumerated().map { try geometry($1, path: "\(path).geometries[\($0)]") })
        }
        guard let coords = v["coordinates"] else {
            throw GeoJSONError(path: "\(path).coordinates", reason: "missing 'coordinates'")
        }
        let cp = "\(path).coordinates"
        switch type {
        case "Point":
            return .point(Point(try position(coords, path: cp)))
        case "MultiPoint":
            return .multiPoint(try build(cp) { try MultiPoint(try positions(coords, path: cp)) })
        case "LineString":
            return .lineString(try build(cp) { try LineString(try positions(coords, path: cp)) })
        case "MultiLineString":
            let lines = try array(coords, path: cp).enumerated().map { k, l in
                try build("\(cp)[\(k)]") { try LineString(try positions(l, path: "\(cp)[\(k)]")) }
            }
            return .multiLineString(MultiLineString(lines))
        case "Polygon":
            return .polygon(try polygon(coords, path: cp))
        case "MultiPolygon":
            let polys = try array(coords, path: cp).enumerated().map { k, p in try polygon(p, path: "\(cp)[\(k)]") }
            return .multiPolygon(MultiPolygon(polys))
        default:
            throw GeoJSONError(path: "\(path).type", reason: "unknown geometry type \"\(type)\"")
        }
    }

    private static func polygon(_ v: JSONValue, path: String) throws -> Polygon {
        let rings = try array(v, path: path)
        guard !rings.isEmpty else { throw GeoJSONError(path: path, reason: "a polygon needs at least an exterior ring") }
        var built: [LinearRing] = []
        for (k, r) in rings.enumerated() {
            let rp = "\(path)[\(k)]"
            built.append(try build(rp) { try LinearRing(try positions(r, path: rp)) })
        }
        return Polygon(exterior: built[0], holes: Array(built.dropFirst()))
    }

    private static func array(_ v: JSONValue, path: String) throws -> [JSONValue] {
        guard let a = v.arrayValue else { throw GeoJSONError(path: path, reason: "expected an array, found \(v.kindName)") }
        return a
    }

    private static func positions(_ v: JSONValue, path: String) throws -> [Coordinate] {
        try array(v, path: path).enumerated().map { k, p in try position(p, path: "\(path)[\(k)]") }
    }

    private static func position(_ v: JSONValue, path: String) throws -> Coordinate {
        guard let a = v.arrayValue, a.count >= 2, let x = a[0].numberValue, let y = a[1].numberValue else {
            throw GeoJSONError(path: path, reason: "a position is an array of 2 or 3 numbers [longitude, latitude]")
        }
        let c = Coordinate(longitude: x, latitude: y)
        guard c.isValid else {
            throw GeoJSONError(path: path, reason: "coordinate (\(x), \(y)) out of range: longitude must be in -180…180 and latitude in -90…90")
        }
        return c
    }

    /// Runs a geometry initialiser, turning ``GeometryError`` into a path-named error.
    private static func build<T>(_ path: String, _ make: () throws -> T) throws -> T {
        do { return try make() } catch let e as GeometryError {
            switch e {
            case let .invalidCoordinate(_, _, position?):
                throw GeoJSONError(path: "\(path)[\(position)]", reason: e.description)
            default:
                throw GeoJSONError(path: path, reason: e.description)
            }
        }
    }

    private static let wgs84Names: Set<String> = [
        "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "urn:ogc:def:crs:EPSG::4326",
        "urn:ogc:def:crs:EPSG:6.6:4326", "EPSG:4326", "epsg:4326", "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
        "http://www.opengis.net/def/crs/EPSG/0/4326",
    ]

    private static func checkCRS(_ v: JSONValue, path: String) throws {
        guard let crs = v["crs"], crs != .null else { return }
        let name = crs["properties"]?["name"]?.stringValue
        guard let name, wgs84Names.contains(name) else {
            throw GeoJSONError(
                path: "\(path).crs",
                reason: "unsupported CRS \(name.map { "\"\($0)\"" } ?? JSONText.string(crs)); GeoJSON must be WGS 84 longitude/latitude (RFC 7946) — reproject it first, e.g. ogr2ogr -t_srs EPSG:4326")
        }
    }
}
