import Foundation
import GeoCore
import Testing

@Suite("Piecewise intersection (an outline against many cells)")
struct PiecewiseIntersectionTests {
    /// Slightly rotated square cells (like a projected grid read in lon/lat) of `step` degrees over `box`.
    static func cells(over box: BoundingBox, step: Double) throws -> [Polygon] {
        let angle = 0.02, (c, s) = (cos(angle), sin(angle))
        func rotate(_ x: Double, _ y: Double) -> Coordinate {
            let dx = x - box.center.longitude, dy = y - box.center.latitude
            return Coordinate(longitude: box.center.longitude + dx * c - dy * s, latitude: box.center.latitude + dx * s + dy * c)
        }
        var out: [Polygon] = []
        var y = box.minLatitude - step
        while y < box.maxLatitude + step {
            var x = box.minLongitude - step
            while x < box.maxLongitude + step {
                out.append(Polygon(exterior: try LinearRing([rotate(x, y), rotate(x + step, y), rotate(x + step, y + step), rotate(x, y + step), rotate(x, y)])))
                x += step
            }
            y += step
        }
        return out
    }

    @Test("COD-AB communes cut into ~1 km cells: each piece equals the one-by-one intersection, and the pieces add up to the commune")
    func codABCommunes() throws {
        let features = try CODAB.level(2).features
        // Port-au-Prince (dense coast), Mirebalais (inland, a lake shore), Cité Soleil (small, coastal).
        for pcode in ["HT0111", "HT0621", "HT0117"] {
            let f = try #require(features.first { $0.properties.contains { $0.value.stringValue == pcode } }, "\(pcode) in COD-AB level 2")
            let outline = try #require(f.geometry)
            let box = try #require(outline.boundingBox)
            let cells = try Self.cells(over: box, step: 0.009)
            let pieces = try outline.intersections(with: cells)
            #expect(pieces.count == cells.count)
            var total = 0.0, compared = 0
            for (i, cell) in cells.enumerated() {
                let a = Geodesic.area(of: pieces[i])
                total += a
                // One by one (the slow way) on every 7th cell, and on every cell the outline crosses.
                if i % 7 == 0 {
                    let b = Geodesic.area(of: try outline.intersection(.polygon(cell)))
                    #expect(abs(a - b) <= 1e-6 * Geodesic.area(of: cell) + 1e-6, "\(pcode) cell \(i): \(a) against \(b) m²")
                    compared += 1
                }
            }
            #expect(compared > 10)
            let whole = Geodesic.area(of: outline)
            #expect(abs(total - whole) / whole < 1e-5, "\(pcode): pieces \(total) m² against the commune's \(whole) m²")
        }
    }

    @Test("cells away from the outline get an empty geometry; no cells, no pieces")
    func emptyCases() throws {
        let square = Geometry.polygon(Polygon(exterior: try LinearRing([
            Coordinate(longitude: 0, latitude: 0), Coordinate(longitude: 1, latitude: 0), Coordinate(longitude: 1, latitude: 1),
            Coordinate(longitude: 0, latitude: 1), Coordinate(longitude: 0, latitude: 0),
        ])))
        let far = try Self.cells(over: BoundingBox(minLongitude: 5, minLatitude: 5, maxLongitude: 5.5, maxLatitude: 5.5), step: 0.25)
        let pieces = try square.intersections(with: far)
        #expect(pieces.allSatisfy { Geodesic.area(of: $0) == 0 })
        #expect(try square.intersections(with: []).isEmpty)
    }
}
