import Foundation
import Gazetteer
import Testing
import TestSupport

@Suite("Gazetteer files")
struct PlaceLoaderTests {
    @Test("GeoNames postal: 236 rows, accuracy kept, shared placeholder points flagged")
    func postal() throws {
        let places = try PlaceLoaders.load(path: SharedData.geonamesPostal)
        #expect(places.count == 236)
        let turgeau = try #require(places.first { $0.name == "Turgeau" })
        #expect(turgeau.accuracy == 4 && turgeau.kind == .quartier)
        let belAir = try #require(places.first { $0.name == "Bel-Air et Bourdon" })
        #expect(belAir.accuracy == 0, "the 18.5333,-72.3374 placeholder is shared by several quartiers")
        let dessalines = try #require(places.first { $0.name == "Dessalines" })
        #expect(dessalines.alternateNames == ["Marchand-Dessalines"])
    }

    @Test("the embedded extract has 113 places with Kreyòl alternate names")
    func embedded() throws {
        let places = try PlaceLoaders.load(path: GazetteerFixture.repo + "/Geo/gazetteer/geonames-haiti.tsv")
        #expect(places.count == 113)
        #expect(places.first { $0.name == "Mirebalais" }?.alternateNames.contains("Mibalè") == true)
    }

    @Test("malformed files name the file and line")
    func malformed() throws {
        let dir = try SharedData.temporaryDirectory("gaz")
        defer { try? FileManager.default.removeItem(at: dir) }
        let postal = dir.appendingPathComponent("postal.txt").path
        try "HT\tHT1\tA\tX\t11\t\t\t\t\t18.5\t-72.3\t4\nHT\tHT2\tB\tX\t11\t\t\t\t\tnorth\t-72.3\t4\n".write(toFile: postal, atomically: true, encoding: .utf8)
        #expect(throws: GazetteerError.malformed(path: postal, line: 2, reason: "latitude/longitude 'north', '-72.3' are not numbers")) {
            try PlaceLoaders.load(path: postal)
        }
        let alias = dir.appendingPathComponent("alias.csv").path
        try "alias,target\nOkap,Cap-Haïtien\nbroken line\n".write(toFile: alias, atomically: true, encoding: .utf8)
        do { _ = try AliasTable(path: alias); Issue.record("accepted") } catch let e as GazetteerError {
            #expect(e.description.hasPrefix("\(alias):3:"))
        }
        let odd = dir.appendingPathComponent("odd.txt").path
        try "a\tb\tc\n".write(toFile: odd, atomically: true, encoding: .utf8)
        #expect(throws: GazetteerError.unknownFormat(path: odd, columns: 3)) { try PlaceLoaders.load(path: odd) }
        let latin1 = dir.appendingPathComponent("latin1.txt").path
        try Data([0x47, 0x6F, 0x6E, 0x61, 0xEF, 0x76, 0x65, 0x73]).write(to: URL(fileURLWithPath: latin1))
        #expect(throws: GazetteerError.cannotRead(path: latin1, reason: "not valid UTF-8")) { try PlaceLoaders.load(path: latin1) }
    }
}

@Suite("Gazetteer limits")
struct GazetteerLimitTests {
    @Test("a gazetteer file over 512 MiB is refused before it is read, naming the file and the limit")
    func tooLargeFile() throws {
        let dir = try SharedData.temporaryDirectory("gazetteer-limit")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("allCountries.txt").path
        try SharedData.sparseFile(at: path, size: PlaceLoaders.maxFileBytes + 1)
        #expect(throws: GazetteerError.self) { try PlaceLoaders.load(path: path) }
        do { _ = try PlaceLoaders.load(path: path) } catch {
            #expect("\(error)".contains(path) && "\(error)".contains("512 MiB"), "\(error)")
        }
    }
}
