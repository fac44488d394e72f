import Gazetteer
import Zones

/// The country a text extractor writes its events in, from its profile: the ACLED fields an event without a better
/// place gets, the names ACLED gives the country's generic actors ("Rioters (NAME)", "Police Forces of NAME"), what
/// "the capital" means, and the names of its armed groups and state forces.
public struct ExtractionCountry: Sendable, Equatable {
    /// ACLED's country name.
    public var name: String
    /// ISO 3166-1 numeric code (ACLED's `iso`).
    public var isoNumeric: Int?
    /// ACLED's region (`Western Africa`).
    public var region: String?
    /// The prefix of the country's COD-AB p-codes: a mention resolved to such a zone is placed at zone precision.
    public var pcodePrefix: String?
    /// ISO 3166-1 alpha-2: the country code of the places found in text.
    public var iso2: String?
    /// The capital's name as the gazetteer knows it ("the capital" in a control statement).
    public var capital: String?
    /// Lower-case names of the country's armed groups and coalitions, and of its state forces (control statements).
    public var armedGroups: [String] = []
    public var stateForces: [String] = []
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
        iso2 = profile.iso2
        capital = profile.capital
        armedGroups = profile.armedGroups
        stateForces = profile.stateForces
    }

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
