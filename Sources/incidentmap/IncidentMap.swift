import ArgumentParser
import Foundation
import GeoCore
import Gazetteer

@main
struct IncidentMap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidentmap",
        abstract: "Conflict-incident mapping: place names to coordinates and zones, control shares, and map layers.",
        version: "0.1.0",
        subcommands: [Map.self, Summary.self, Geocode.self, ZonesCommand.self, Locate.self, Extract.self, Export.self, Info.self, Serve.self, ACLED.self]
    )

    /// A mistyped subcommand ("sumary") gets "did you mean 'summary'?" rather than a list of unexpected arguments.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, let hint = suggestion(for: first) {
            StandardError.write(Data("Error: unknown command '\(first)'; did you mean '\(hint)'?\nUsage: incidentmap <subcommand>\n  See 'incidentmap --help' for more information.\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        var command: ParsableCommand
        do { command = try parseAsRoot(arguments) } catch { exit(withError: error) }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // A mistake found while running is said with the usage of the command that was run, not the root's.
            let type = Swift.type(of: command), name = type._commandName
            let code = type.exitCode(for: error)
            if code == .success { exit(withError: error) }  // help and version requests: printed by the parser
            let text = type.fullMessage(for: error)
                .replacingOccurrences(of: "Usage: \(name) ", with: "Usage: incidentmap \(name) ")
                .replacingOccurrences(of: "See '\(name) --help'", with: "See 'incidentmap \(name) --help'")
            StandardError.write(text.hasSuffix("\n") ? text : text + "\n")
            Foundation.exit(code.rawValue)
        }
    }

    /// The subcommand `word` was probably meant to be: not an option, not a command, within two edits of one.
    static func suggestion(for word: String) -> String? {
        guard !word.hasPrefix("-"), !word.isEmpty else { return nil }
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(word) else { return nil }
        let typed = Array(word.lowercased().utf8)
        return names.compactMap { name -> (String, Int)? in
            EditDistance.bounded(typed, Array(name.utf8), bound: 2).map { (name, $0) }
        }.min { $0.1 < $1.1 }?.0
    }
}
