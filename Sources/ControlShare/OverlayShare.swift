import GeoCore
import Incidents
import Zones

/// Control shares from control-area polygons, exactly: for each zone and
/// class, geodesic area(zone ∩ union of the class's areas valid at the date)
/// / area(zone), with GEOS overlay and PROJ geodesic areas.
///
/// # Overlaps between classes
/// Where areas of different classes overlap, the overlap goes to one class
/// only, by precedence: `state`, `international`, `gang`, `self_defense`,
/// then any other class, alphabetically. The overlap area is reported so the
/// analyst can fix the map.
public struct OverlayShare {
    public static let precedence: [ControlClass] = [.state, .international, .gang, .selfDefense]

    public struct Result: Sendable {
        /// zone id → class → share (0…1).
        public var shares: [String: [ControlClass: Double]]
        /// Overlap between classes, km², per zone (before precedence resolves it).
        public var overlapKm2: [String: Double]
        /// Classes present, in precedence order.
        public var classes: [ControlClass]
    }

    public static func compute(zones: [Zone], areas: [ControlArea], asOf: CalendarDate?) throws -> Result {
        let valid = areas.filter { $0.isValid(on: asOf) }
        var byClass: [ControlClass: [Geometry]] = [:]
        for a in valid { byClass[a.controlClass, default: []].append(a.geometry) }
        let classes = byClass.keys.sorted { a, b in
            let ia = precedence.firstIndex(of: a) ?? precedence.count, ib = precedence.firstIndex(of: b) ?? precedence.count
            return ia != ib ? ia < ib : a < b
        }
        var unions: [(ControlClass, Geometry)] = []
        for c in classes { unions.append((c, try Geometry.unaryUnion(byClass[c]!))) }
        // Effective areas: each class minus the classes before it.
        var effective: [(ControlClass, Geometry)] = []
        var taken: Geometry?
        var overlaps: [Geometry] = []
        for (c, u) in unions {
            if let t = taken {
                let overlap = try u.intersection(t)
                if Geodesic.area(of: overlap) > 0 { overlaps.append(overlap) }
                effective.append((c, try u.difference(t)))
                taken = try t.union(u)
            } else {
                effective.append((c, u))
                taken = u
            }
        }
        var result = Result(shares: [:], overlapKm2: [:], classes: classes)
        for z in zones {
            let zoneArea = z.areaKm2 * 1e6
            guard zoneArea > 0, let zb = z.geometry.boundingBox else { continue }
            var row: [ControlClass: Double] = [:]
            for (c, g) in effective {
                guard let gb = g.boundingBox, gb.intersects(zb) else { row[c] = 0; continue }
                row[c] = Geodesic.area(of: try z.geometry.intersection(g)) / zoneArea
            }
            result.shares[z.id] = row
            var ov = 0.0
            for o in overlaps where o.boundingBox?.intersects(zb) == true { ov += Geodesic.area(of: try z.geometry.intersection(o)) / 1e6 }
            if ov > 0 { result.overlapKm2[z.id] = ov }
        }
        return result
    }
}
