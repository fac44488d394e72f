import CGEOS

/// Whether a geometry is valid by OGC Simple Features rules, and why not.
public enum Validity: Hashable, Sendable {
    case valid
    /// GEOS's reason (e.g. "Self-intersection") and where it found the problem.
    case invalid(reason: String, location: Coordinate?)

    public var isValid: Bool { self == .valid }
}

extension Geometry {
    /// Checks validity with GEOS (`GEOSisValidDetail_r`).
    ///
    /// A bow-tie ring is `.invalid(reason: "Self-intersection", location: …)`.
    public func validity() throws -> Validity {
        let ctx = GEOSContext.current
        let g = try ctx.make(self)
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        // Returns 1 when valid, 0 when invalid (reason and location set), 2 on exception.
        let rc = GEOSisValidDetail_r(ctx.handle, g.pointer, 0, &reason, &location)
        defer {
            if let reason { GEOSFree_r(ctx.handle, reason) }
            if let location { GEOSGeom_destroy_r(ctx.handle, location) }
        }
        switch rc {
        case 1: return .valid
        case 0:
            var at: Coordinate?
            if let location, case .point(let p)? = try? ctx.geometry(location) { at = p.coordinate }
            return .invalid(reason: reason.map { String(cString: $0) } ?? "invalid", location: at)
        default: throw ctx.failure("GEOSisValidDetail_r")
        }
    }

    /// A valid version of this geometry (`GEOSMakeValid_r`). Never applied
    /// implicitly: callers opt in (e.g. a `--repair` flag).
    public func makeValid() throws -> Geometry {
        try GEOSOperation.unary(self, "GEOSMakeValid_r") { GEOSMakeValid_r($0, $1) }
    }
}

/// Runs GEOS operations on ``Geometry`` values with this thread's context.
enum GEOSOperation {
    /// Applies a GEOS function returning a new geometry (owned by the caller).
    static func unary(_ a: Geometry, _ name: String,
                      _ op: (GEOSContextHandle_t, OpaquePointer) -> OpaquePointer?) throws -> Geometry {
        let ctx = GEOSContext.current
        let ga = try ctx.make(a)
        guard let r = op(ctx.handle, ga.pointer) else { throw ctx.failure(name) }
        let result = GEOSGeometry(owning: r, context: ctx)
        return try ctx.geometry(result.pointer)
    }

    static func binary(_ a: Geometry, _ b: Geometry, _ name: String,
                       _ op: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> OpaquePointer?) throws -> Geometry {
        let ctx = GEOSContext.current
        let ga = try ctx.make(a)
        let gb = try ctx.make(b)
        guard let r = op(ctx.handle, ga.pointer, gb.pointer) else { throw ctx.failure(name) }
        let result = GEOSGeometry(owning: r, context: ctx)
        return try ctx.geometry(result.pointer)
    }

    /// Evaluates a GEOS predicate: 1 true, 0 false, 2 exception.
    static func predicate(_ a: Geometry, _ b: Geometry, _ name: String,
                          _ op: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar) throws -> Bool {
        let ctx = GEOSContext.current
        let ga = try ctx.make(a)
        let gb = try ctx.make(b)
        switch op(ctx.handle, ga.pointer, gb.pointer) {
        case 1: return true
        case 0: return false
        default: throw ctx.failure(name)
        }
    }
}
