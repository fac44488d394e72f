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

    public init(name: String, isoNumeric: Int? = nil, region: String? = nil, pcodePrefix: String? = nil) {
        self.name = name
        self.isoNumeric = isoNumeric
        self.region = region
        self.pcodePrefix = pcodePrefix
    }

    /// The country of a profile (its name, ISO numeric code, ACLED region and p-code prefix).
    public init(profile: CountryProfile) {
        self.init(name: profile.name, isoNumeric: profile.isoNumeric, region: profile.region, pcodePrefix: profile.pcodePrefix)
    }

    public static let haiti = ExtractionCountry(name: "Haiti", isoNumeric: 332, region: "Caribbean", pcodePrefix: "HT")

    public var rioters: String { "Rioters (\(name))" }
    public var protesters: String { "Protesters (\(name))" }
    public var civilians: String { "Civilians (\(name))" }
    public var police: String { "Police Forces of \(name)" }
    public var unidentifiedGang: String { "Unidentified Gang (\(name))" }
}
