import Gazetteer
import Zones

/// The country a text extractor writes its events in: the ACLED fields an event without a better place gets, and
/// the names ACLED gives the country's generic actors ("Rioters (Haiti)", "Police Forces of Haiti").
public struct ExtractionCountry: Sendable, Equatable {
    /// ACLED's country name (`Haiti`).
    public var name: String
    /// ISO 3166-1 numeric code (ACLED's `iso`).
    public var isoNumeric: Int?
    /// ACLED's region (`Caribbean`).
    public var region: String?
    /// The two-letter prefix of the country's COD-AB p-codes (`HT`): a mention resolved to such a zone is placed at
    /// zone precision.
    public var pcodePrefix: String?
    /// The zone levels of ACLED's `admin1`, `admin2`, `admin3` in this country (``CountryProfile/acledAdminLevels``).
    public var adminLevels: [ZoneLevel]
    /// Zones whose name also stands for a wider area (``CountryProfile/umbrellas``): events told of both are one.
    public var umbrellas: [String: Set<String>] = [:]

    public init(name: String, isoNumeric: Int? = nil, region: String? = nil, pcodePrefix: String? = nil,
                adminLevels: [ZoneLevel] = CountryProfile.defaultACLEDAdminLevels) {
        self.name = name
        self.isoNumeric = isoNumeric
        self.region = region
        self.pcodePrefix = pcodePrefix
        self.adminLevels = adminLevels
    }

    /// The country of a profile (its name, ISO numeric code, ACLED region, p-code prefix and ACLED admin levels).
    public init(profile: CountryProfile) {
        self.init(name: profile.name, isoNumeric: profile.isoNumeric, region: profile.region, pcodePrefix: profile.pcodePrefix,
                  adminLevels: profile.acledAdminLevels)
        umbrellas = profile.umbrellas
    }

    /// Haiti as its profile (`Geo/profiles/HTI.tsv`) describes it, for callers that read no profile.
    public static let haiti: ExtractionCountry = {
        var c = ExtractionCountry(name: "Haiti", isoNumeric: 332, region: "Caribbean", pcodePrefix: "HT", adminLevels: [.adm1, .arrondissement, .adm2])
        c.umbrellas = ["HT0111": ["HT0112", "HT0113", "HT0114", "HT0115", "HT0116", "HT0117", "HT0118"]]
        return c
    }()

    /// The name of the zone of ACLED's `admin<n>` level (1…3) in a zone chain.
    public func admin(_ n: Int, in zones: [ZoneRef]) -> String? {
        guard n >= 1, n <= adminLevels.count else { return nil }
        return zones.first { $0.level == adminLevels[n - 1] }?.name
    }

    public var rioters: String { "Rioters (\(name))" }
    public var protesters: String { "Protesters (\(name))" }
    public var civilians: String { "Civilians (\(name))" }
    public var police: String { "Police Forces of \(name)" }
    public var unidentifiedGang: String { "Unidentified Gang (\(name))" }
}
