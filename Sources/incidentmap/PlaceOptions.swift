import Foundation
import ArgumentParser
import Gazetteer
import Zones

/// Options of the commands that resolve place names without a zone level (`extract`, `geocode`): the country, the
/// boundaries whose zone names join the gazetteer, more gazetteer files and an alias table.
struct PlaceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Country profile: its places, aliases, boundaries and actor table are used where no flag gives them (Geo/profiles/ISO3.tsv).", valueName: "ISO3"))
    var country: String = CountryProfile.defaultISO3

    @Option(help: ArgumentHelp("Boundary layers whose zone names join the gazetteer and give matches their zones (repeatable). Default: the profile's.", valueName: "path"))
    var boundaries: [String] = []

    @Option(help: ArgumentHelp("More gazetteer files: a GeoNames dump (19 columns) or postal (12 columns) file (repeatable).", valueName: "file"))
    var gazetteer: [String] = []

    @Option(help: ArgumentHelp("A CSV alias,target file, merged over the profile's (target: name, geonames:ID or p-code).", valueName: "file"))
    var aliases: String?

    /// The country profile of `--country`.
    func profile() throws -> CountryProfile { try CountryProfile.load(iso3: country, folder: EmbeddedGeodata.folder()) }

    /// What the gazetteer is built from: the profile's places and aliases, the given boundaries (else the profile's)
    /// and files.
    func sources(profile: CountryProfile) -> GazetteerBuilder.Sources {
        let boundaryPaths = boundaries.isEmpty ? profile.boundaries.map { [$0] } ?? [] : boundaries
        return GazetteerBuilder.Sources(boundaries: boundaryPaths, gazetteers: gazetteer, aliases: aliases, profile: profile)
    }
}
