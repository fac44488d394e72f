import CGEOS

/// A GEOS geometry owned by Swift: destroyed exactly once, in `deinit`.
///
/// Lives on the thread whose context made it; never crosses threads (the
/// public API converts to and from ``Geometry`` inside each call).
final class GEOSGeometry {
    let context: GEOSContext
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(owning pointer: OpaquePointer, context: GEOSContext) {
        self.pointer = pointer
        self.context = context
    }

    deinit { GEOSGeom_destroy_r(context.handle, pointer) }
}

extension GEOSContext {
    /// Converts a ``Geometry`` into a new GEOS geometry.
    func make(_ geometry: Geometry) throws -> GEOSGeometry {
        GEOSGeometry(owning: try makeRaw(geometry), context: self)
    }

    private func sequence(_ coordinates: [Coordinate]) throws -> OpaquePointer {
        let seq = coordinates.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: Double.self) { doubles in
                // Coordinate is two Doubles (longitude, latitude): an XY buffer.
                GEOSCoordSeq_copyFromBuffer_r(handle, doubles.baseAddress, UInt32(coordinates.count), 0, 0)
            }
        }
        guard let seq else { throw failure("GEOSCoordSeq_copyFromBuffer_r") }
        return seq
    }

    private func ring(_ r: LinearRing) throws -> OpaquePointer {
        // Takes ownership of the sequence.
        guard let g = GEOSGeom_createLinearRing_r(handle, try sequence(r.coordinates)) else {
            throw failure("GEOSGeom_createLinearRing_r")
        }
        return g
    }

    private func polygon(_ p: Polygon) throws -> OpaquePointer {
        let shell = try ring(p.exterior)
        var holes: [OpaquePointer?] = []
        do {
            for h in p.holes { holes.append(try ring(h)) }
        } catch {
            GEOSGeom_destroy_r(handle, shell)
            for h in holes { GEOSGeom_destroy_r(handle, h) }
            throw error
        }
        // Takes ownership of the shell and holes.
        let g = holes.withUnsafeMutableBufferPointer { buf in
            GEOSGeom_createPolygon_r(handle, shell, buf.baseAddress, UInt32(buf.count))
        }
        guard let g else { throw failure("GEOSGeom_createPolygon_r") }
        return g
    }

    private func collection(_ type: GEOSGeomTypes, _ parts: [OpaquePointer]) throws -> OpaquePointer {
        var ptrs: [OpaquePointer?] = parts
        // Takes ownership of the parts.
        let g = ptrs.withUnsafeMutableBufferPointer { buf in
            GEOSGeom_createCollection_r(handle, Int32(type.rawValue), buf.baseAddress, UInt32(buf.count))
        }
        guard let g else { throw failure("GEOSGeom_createCollection_r") }
        return g
    }

    private func makeRaw(_ geometry: Geometry) throws -> OpaquePointer {
        switch geometry {
        case .point(let p):
            guard let g = GEOSGeom_createPointFromXY_r(handle, p.coordinate.longitude, p.coordinate.latitude) else {
                throw failure("GEOSGeom_createPointFromXY_r")
            }
            return g
        case .multiPoint(let m):
            return try collection(GEOS_MULTIPOINT, try m.coordinates.map { try makeRaw(.point(Point($0))) })
        case .lineString(let l):
            guard let g = GEOSGeom_createLineString_r(handle, try sequence(l.coordinates)) else {
                throw failure("GEOSGeom_createLineString_r")
            }
            return g
        case .multiLineString(let m):
            return try collection(GEOS_MULTILINESTRING, try m.lineStrings.map { try makeRaw(.lineString($0)) })
        case .polygon(let p):
            return try polygon(p)
        case .multiPolygon(let m):
            var parts: [OpaquePointer] = []
            do { for p in m.polygons { parts.append(try polygon(p)) } } catch {
                for q in parts { GEOSGeom_destroy_r(handle, q) }
                throw error
            }
            return try collection(GEOS_MULTIPOLYGON, parts)
        case .geometryCollection(let gs):
            var parts: [OpaquePointer] = []
            do { for g in gs { parts.append(try makeRaw(g)) } } catch {
                for q in parts { GEOSGeom_destroy_r(handle, q) }
                throw error
            }
            return try collection(GEOS_GEOMETRYCOLLECTION, parts)
        }
    }

    /// Converts a GEOS geometry (borrowed) back into a ``Geometry``.
    ///
    /// Empty results become an empty `geometryCollection`.
    func geometry(_ g: OpaquePointer) throws -> Geometry {
        let type = GEOSGeomTypeId_r(handle, g)
        if GEOSisEmpty_r(handle, g) == 1 {
            switch type {
            case Int32(GEOS_MULTIPOLYGON.rawValue): return .multiPolygon(MultiPolygon([]))
            default: return .geometryCollection([])
            }
        }
        switch type {
        case Int32(GEOS_POINT.rawValue):
            var x = 0.0, y = 0.0
            guard GEOSGeomGetX_r(handle, g, &x) == 1, GEOSGeomGetY_r(handle, g, &y) == 1 else { throw failure("GEOSGeomGetX_r") }
            return .point(Point(longitude: x, latitude: y))
        case Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            return .lineString(try LineString(try coordinates(of: g)))
        case Int32(GEOS_POLYGON.rawValue):
            return .polygon(try polygon(of: g))
        case Int32(GEOS_MULTIPOINT.rawValue), Int32(GEOS_MULTILINESTRING.rawValue),
             Int32(GEOS_MULTIPOLYGON.rawValue), Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            let n = GEOSGetNumGeometries_r(handle, g)
            guard n >= 0 else { throw failure("GEOSGetNumGeometries_r") }
            var parts: [Geometry] = []
            parts.reserveCapacity(Int(n))
            for i in 0..<n {
                // Borrowed: owned by the collection.
                guard let part = GEOSGetGeometryN_r(handle, g, i) else { throw failure("GEOSGetGeometryN_r") }
                if GEOSisEmpty_r(handle, part) == 1 { continue }
                parts.append(try geometry(part))
            }
            switch type {
            case Int32(GEOS_MULTIPOINT.rawValue):
                return .multiPoint(try MultiPoint(parts.compactMap { if case .point(let p) = $0 { p.coordinate } else { nil } }))
            case Int32(GEOS_MULTILINESTRING.rawValue):
                return .multiLineString(MultiLineString(parts.compactMap { if case .lineString(let l) = $0 { l } else { nil } }))
            case Int32(GEOS_MULTIPOLYGON.rawValue):
                return .multiPolygon(MultiPolygon(parts.flatMap(\.polygons)))
            default:
                return .geometryCollection(parts)
            }
        default:
            throw GeoLibraryError.geos(operation: "GEOSGeomTypeId_r", message: "unsupported geometry type \(type)")
        }
    }

    private func coordinates(of g: OpaquePointer) throws -> [Coordinate] {
        // Borrowed sequence: never freed here.
        guard let seq = GEOSGeom_getCoordSeq_r(handle, g) else { throw failure("GEOSGeom_getCoordSeq_r") }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(handle, seq, &size) != 0 else { throw failure("GEOSCoordSeq_getSize_r") }
        var ok: Int32 = 0
        let coords = [Coordinate](unsafeUninitializedCapacity: Int(size)) { buf, count in
            buf.withMemoryRebound(to: Double.self) { doubles in
                ok = GEOSCoordSeq_copyToBuffer_r(handle, seq, doubles.baseAddress, 0, 0)
            }
            count = ok != 0 ? Int(size) : 0
        }
        guard ok != 0 else { throw failure("GEOSCoordSeq_copyToBuffer_r") }
        return coords
    }

    private func polygon(of g: OpaquePointer) throws -> Polygon {
        // Rings are borrowed from the polygon.
        guard let shell = GEOSGetExteriorRing_r(handle, g) else { throw failure("GEOSGetExteriorRing_r") }
        let exterior = LinearRing(trusted: try coordinates(of: shell))
        let n = GEOSGetNumInteriorRings_r(handle, g)
        guard n >= 0 else { throw failure("GEOSGetNumInteriorRings_r") }
        var holes: [LinearRing] = []
        for i in 0..<n {
            guard let h = GEOSGetInteriorRingN_r(handle, g, i) else { throw failure("GEOSGetInteriorRingN_r") }
            holes.append(LinearRing(trusted: try coordinates(of: h)))
        }
        return Polygon(exterior: exterior, holes: holes)
    }
}
