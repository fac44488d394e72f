import Foundation
import Incidents
import Testing
import TestSupport

/// Issue 39: ACLED's version-5 layout (before the 2019 taxonomy) read as today's, and ACLED's aggregated data refused
/// with the reason. The files are written here in those layouts (ACLED's own data may not be redistributed).
@Suite("ACLED vintages: version 5, aggregated data")
struct ACLEDVintagesTests {
    static func write(_ text: String, _ name: String) throws -> String {
        let dir = try SharedData.temporaryDirectory("vintages")
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("version 5: Battle-No change of territory, Remote violence, Riots/Protests by inter code; ALLY_ACTOR_1 read")
    func version5() throws {
        let path = try Self.write("""
            GWNO,EVENT_ID_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,INTER1,ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,LOCATION,LATITUDE,LONGITUDE,GEO_PRECISION,SOURCE,NOTES,FATALITIES
            475,NIG1,02/01/2014,2014,1,Battle-No change of territory,Boko Haram,,2,Military Forces of Nigeria (2010-2015),Vigilante Group,1,12,Nigeria,Borno,Maiduguri,11.8464,13.1603,1,Source,Clash,12
            475,NIG2,15/01/2014,2014,1,Remote violence,Boko Haram,,2,Civilians (Nigeria),,7,27,Nigeria,Borno,Maiduguri,11.8464,13.1603,1,Source,Bomb,20
            475,NIG3,20/01/2014,2014,1,Riots/Protests,Rioters (Nigeria),,5,,,0,50,Nigeria,Lagos,Lagos,6.4531,3.3958,1,Source,Riot,0
            475,NIG4,21/01/2014,2014,1,Riots/Protests,Protesters (Nigeria),,6,,,0,60,Nigeria,Lagos,Lagos,6.4531,3.3958,1,Source,March,0

            """, "acled-v5.csv")
        var events: [Incident] = []
        let r = try IncidentSource.read(path: path) { events.append($0) }
        #expect(r.kept == 4 && r.rejected == 0, "\(r.problems)")
        #expect(events.map(\.eventType) == ["Battles", "Explosions/Remote violence", "Riots", "Protests"])
        #expect(events[0].subEventType == "Armed clash" && events[0].assocActor2 == "Vigilante Group")
        #expect(events[0].eventDate?.description == "2014-01-02", "day-first, as 15/01/2014 shows")
        #expect(r.columnIssues.contains { $0.column == "event_type" && $0.action.contains("2019") }, "\(r.columnIssues)")
    }

    @Test("ACLED's aggregated data (Events per admin2 and month) are refused naming what they are")
    func aggregated() throws {
        let path = try Self.write("""
            WEEK,REGION,COUNTRY,ADMIN1,ADMIN2,Admin2 Pcode,EVENT_TYPE,SUB_EVENT_TYPE,EVENTS,FATALITIES,POPULATION_EXPOSURE,DISORDER_TYPE,ID,CENTROID_LATITUDE,CENTROID_LONGITUDE
            2024-01-06,Northern Africa,Sudan,Khartoum,Bahri,SD01002,Battles,Armed clash,4,12,,Political violence,1,15.65,32.55

            """, "sudan-aggregated.csv")
        #expect {
            _ = try IncidentSource.read(path: path) { _ in }
        } throws: { e in
            "\(e)".contains("ACLED's aggregated data") && "\(e)".contains("sudan-aggregated.csv")
        }
    }
}
