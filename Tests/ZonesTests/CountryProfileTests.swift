import Foundation
import Testing
import TestSupport
import Zones

@Suite("Country profiles: what is a country's is data under Geo/")
struct CountryProfileTests {
    static let geo = SharedData.repositoryRoot.appendingPathComponent("Geo").path

    @Test("Haiti's profile names files that exist; its outline and attribution are read")
    func haiti() throws {
        let p = try CountryProfile.load(iso3: "hti", folder: Self.geo)
        #expect(p.iso3 == "HTI" && p.name == "Haiti" && p.summaryLevel == ZoneLevel("adm2"))
        for path in [p.boundaries, p.outline, p.aliases, p.worldPlaces, p.actors, p.actorRules, p.evidence, p.groups, p.attribution] + p.places.map(Optional.some) {
            let path = try #require(path)
            #expect(FileManager.default.fileExists(atPath: path), "\(path)")
        }
        #expect(p.places.count == 2)
        let outline = try #require(try p.outlineGeometry())
        #expect(outline.polygons.count >= 1)
        #expect(p.credits(["gazetteer", "boundaries"]).count == 2)
        let e = try #require(p.extent)
        #expect(e.minLongitude < -74 && e.maxLatitude > 20)
        #expect(CountryProfile.available(folder: Self.geo).contains("HTI"))
        // What is Haiti's in its levels: arrondissements derived from communes by 5-character p-code prefix, and
        // ACLED's admin2 naming the arrondissement, admin3 the commune.
        #expect(p.derivedLevels == [DerivedLevel(level: .arrondissement, source: .adm2, prefixLength: 5, title: "Arrondissement")])
        #expect(p.acledAdminLevels == [.adm1, .arrondissement, .adm2])
        #expect(p.derivedLevels[0].name(head: "Anse-à-Veau") == "Arrondissement d'Anse-à-Veau")
        // A country made from the registries says nothing of either: the defaults.
        let bfa = try CountryProfile.load(iso3: "BFA", folder: Self.geo)
        #expect(bfa.derivedLevels.isEmpty && bfa.acledAdminLevels == [.adm1, .adm2, .adm3])
    }

    @Test("an unknown country says which profiles there are; a bad profile line names the file and line")
    func errors() throws {
        #expect(throws: CountryProfileError.unknown(iso3: "ATL", available: CountryProfile.available(folder: Self.geo), folder: Self.geo)) {
            try CountryProfile.load(iso3: "ATL", folder: Self.geo)
        }
        let dir = try SharedData.temporaryDirectory("profile")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("profiles/XYZ.tsv").path
        try "key\tvalue\niso3\tXYZ\ncolour\tblue\n".write(toFile: path, atomically: true, encoding: .utf8)
        let unknownKey = try #require(throws: CountryProfileError.self) { try CountryProfile.load(iso3: "XYZ", folder: dir.path) }
        #expect("\(unknownKey)".hasPrefix(path + ":3: unknown key 'colour'"), "\(unknownKey)")
        try "iso3\tXYZ\nboundaries\tnowhere\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CountryProfileError.missingFile(profile: "XYZ", key: "boundaries", path: dir.path + "/nowhere")) {
            try CountryProfile.load(iso3: "XYZ", folder: dir.path)
        }
        for (line, reason) in [("derived-level\tarrondissement adm2", "derived-level is 'level source prefix-length"),
                               ("acled-admin\tadm1 adm2", "acled-admin is the levels of admin1 admin2 admin3")] {
            try "iso3\tXYZ\n\(line)\n".write(toFile: path, atomically: true, encoding: .utf8)
            let bad = try #require(throws: CountryProfileError.self) { try CountryProfile.load(iso3: "XYZ", folder: dir.path) }
            #expect("\(bad)".contains(reason), "\(bad)")
        }
        // A profile with only a name: runs must give their own boundaries.
        try "iso3\tXYZ\n".write(toFile: path, atomically: true, encoding: .utf8)
        let bare = try CountryProfile.load(iso3: "XYZ", folder: dir.path)
        #expect(throws: BoundarySourceError.noBoundaries(profile: "XYZ")) { try BoundarySource().resolve(profile: bare) }
    }
}
