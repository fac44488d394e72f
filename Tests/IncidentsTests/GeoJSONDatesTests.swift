import Foundation
import GeoCore
import Incidents
import Testing
import TestSupport

/// Issue 39: a GeoJSON export's all-numeric dates are read as a table's are — in the order the file's other dates
/// prove, or as --date-format says — and two-digit years are read.
@Suite("dates in GeoJSON exports and short years")
struct GeoJSONDatesTests {
    static func file(_ dates: [String], in dir: URL) throws -> String {
        let features = dates.map { d in
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[13.15,11.85]},"properties":{"event_date":"\#(d)","event_type":"Battles","actor1":"Boko Haram"}}"#
        }
        let path = dir.appendingPathComponent("events.geojson").path
        let text = #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func dates(_ path: String, _ order: NumericDateOrder = .unambiguousOnly) throws -> ([CalendarDate?], ReadReport) {
        var out: [CalendarDate?] = []
        let r = try IncidentSource.read(path: path, dateOrder: order) { out.append($0.eventDate) }
        return (out, r)
    }

    @Test("02/01/2014 is read day-first when 25/01/2014 is in the same file; --date-format mdy is honoured; 1/1/16 is 2016")
    func order() throws {
        let dir = try SharedData.temporaryDirectory("geojson-dates")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.file(["02/01/2014", "25/01/2014", "1/1/16"], in: dir)
        let (auto, r) = try dates(path)
        #expect(r.kept == 3 && r.rejected == 0, "\(r.problems)")
        #expect(auto == [CalendarDate(iso8601: "2014-01-02"), CalendarDate(iso8601: "2014-01-25"), CalendarDate(iso8601: "2016-01-01")])
        #expect(r.warnings.contains { $0.contains("read day-first") }, "\(r.warnings)")
        let only = try Self.file(["02/01/2014", "03/04/2015"], in: dir)
        let (mdy, _) = try dates(only, .monthFirst)
        #expect(mdy == [CalendarDate(iso8601: "2014-02-01"), CalendarDate(iso8601: "2015-03-04")])
        let (unknown, r2) = try dates(only)
        #expect(unknown.isEmpty && r2.rejected == 2 && r2.problems.first?.contains("--date-format") == true)
        #expect(DateParsing.parse("31/12/99") == CalendarDate(iso8601: "1999-12-31"))
    }
}
