import Gazetteer
import Zones

/// The country a text extractor writes its events in, from its profile: the ACLED fields an event without a better
/// place gets, the names ACLED gives the country's generic actors ("Rioters (NAME)", "Police Forces of NAME"), what
/// "the capital" means, and the names of its armed groups and state forces.
public struct ExtractionCountry: Sendable, Equatable {
    /// The profile the country's facts are read from.
    public let profile: CountryProfile

    public init(profile: CountryProfile) { self.profile = profile }

    /// ACLED's country name.
    public var name: String { profile.name }
    /// ISO 3166-1 numeric code (ACLED's `iso`).
    public var isoNumeric: Int? { profile.isoNumeric }
    /// ACLED's region (`Western Africa`).
    public var region: String? { profile.region }
    /// The prefix of the country's p-codes: a mention resolved to such a zone is placed at zone precision.
    public var pcodePrefix: String? { profile.pcodePrefix }
    /// ISO 3166-1 alpha-2: the country code of the places found in text.
    public var iso2: String? { profile.iso2 }
    /// "The capital" in a control statement.
    public var capital: String? { profile.capital }
    /// Names of the country's armed groups and of its state forces, lower case (control statements).
    public var armedGroups: [String] { profile.armedGroups }
    public var stateForces: [String] { profile.stateForces }
    /// The zone levels of ACLED's `admin1`, `admin2`, `admin3` in this country.
    public var adminLevels: [ZoneLevel] { profile.acledAdminLevels }
    /// Zones whose name also stands for a wider area: events told of both are one.
    public var umbrellas: [String: Set<String>] { profile.umbrellas }

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
