import ArgumentParser

@main
struct IncidentMap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidentmap",
        abstract: "Conflict-incident mapping: place names to coordinates and zones, control shares, and map layers.",
        version: "0.1.0",
        subcommands: [Map.self, Summary.self, Geocode.self, ZonesCommand.self, Locate.self, Extract.self, Export.self, Info.self, Serve.self]
    )
}
