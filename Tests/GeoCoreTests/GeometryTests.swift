import GeoCore
import Testing

@Suite("Geometry types")
struct GeometryTests {
    @Test("rings must close and have 4 positions; bad coordinates are named")
    func ringRules() throws {
        let open = [Coordinate(longitude: 0, latitude: 0), Coordinate(longitude: 1, latitude: 0),
                    Coordinate(longitude: 1, latitude: 1), Coordinate(longitude: 0, latitude: 1)]
        #expect(throws: GeometryError.ringNotClosed(first: open[0], last: open[3])) { try LinearRing(open) }
        #expect(throws: GeometryError.tooFewPositions(count: 3, minimum: 4)) { try LinearRing(Array(open.prefix(2)) + [open[0]]) }
        let nan = [open[0], Coordinate(longitude: .nan, latitude: 0), open[2], open[0]]
        let nanError = try #require(throws: GeometryError.self) { try LinearRing(nan) }
        guard case .invalidCoordinate(_, _, 1?) = nanError else { Issue.record("\(nanError)"); return }
        #expect(throws: GeometryError.self) { try Coordinate.validated(longitude: 10, latitude: 95) }
        let ringError = try #require(throws: GeometryError.self) { try Polygon(rings: [open + [open[0]], open]) }
        #expect(ringError == .inRing(1, .ringNotClosed(first: open[0], last: open[3])))
        #expect(ringError.description.hasPrefix("ring 1:"))
    }

    @Test("orientation by signed area")
    func orientation() throws {
        let ring = try LinearRing([Coordinate(longitude: 0, latitude: 0), Coordinate(longitude: 1, latitude: 0),
                                   Coordinate(longitude: 1, latitude: 1), Coordinate(longitude: 0, latitude: 0)])
        #expect(ring.isCounterClockwise)
        #expect(!ring.reversed.isCounterClockwise)
        #expect(ring.oriented(counterClockwise: false) == ring.reversed)
    }

    @Test("calendar dates: parsing, impossible dates, day arithmetic")
    func calendarDates() throws {
        #expect(CalendarDate(iso8601: "2025-03-31")?.description == "2025-03-31")
        #expect(CalendarDate(iso8601: "2025-02-30") == nil)
        #expect(CalendarDate(iso8601: "2024-02-29") != nil)
        #expect(CalendarDate(compact: "20240229")?.compact == "20240229")
        #expect(throws: CalendarDateError.self) { try CalendarDate(year: 2023, month: 2, day: 29) }
        let d = try CalendarDate(year: 2025, month: 3, day: 31)
        #expect(d.adding(days: 1).description == "2025-04-01")
        #expect(CalendarDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(CalendarDate(daysSinceEpoch: d.daysSinceEpoch) == d)
    }

    @Test("feature properties keep order and can be replaced")
    func featureProperties() {
        var f = Feature(geometry: nil, properties: [Property("b", .int(1)), Property("a", .string("x"))])
        f["a"] = .double(2)
        f["c"] = .bool(false)
        #expect(f.properties.map(\.name) == ["b", "a", "c"])
        f["b"] = nil
        #expect(f.properties.map(\.name) == ["a", "c"])
    }
}
