import Foundation
import Incidents
import Testing
import TestSupport

/// Issue 39: what other tools write for "no value" is no value, and a spreadsheet's date numbers are named.
@Suite("missing values from R and pandas; spreadsheet date serials")
struct MissingValuesTests {
    @Test("NA, NaN and <NA> are empty fields (no actor named 'NA'); an Excel date serial is refused saying what it is")
    func naAndSerials() throws {
        let dir = try SharedData.temporaryDirectory("missing")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r-export.csv").path
        try """
        event_date,event_type,sub_event_type,actor1,actor2,assoc_actor_1,latitude,longitude,location,fatalities
        2025-03-01,Battles,Armed clash,Gran Grif,NA,<NA>,19.1,-72.7,Petite Rivière de l'Artibonite,NaN
        41712,Battles,Armed clash,Gran Grif,NA,,19.1,-72.7,Petite Rivière de l'Artibonite,0

        """.write(toFile: path, atomically: true, encoding: .utf8)
        var events: [Incident] = []
        let r = try IncidentSource.read(path: path) { events.append($0) }
        #expect(r.read == 2 && r.kept == 1 && r.rejected == 1)
        #expect(events.first?.actor2 == nil && events.first?.assocActor1 == nil && events.first?.fatalities == nil)
        #expect(events.first?.actor1 == "Gran Grif")
        #expect(r.problems.first?.contains("'41712' looks like a spreadsheet's date serial number (2014-03-14") == true, "\(r.problems)")
    }
}
