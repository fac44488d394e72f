import Foundation
import TestSupport

/// Runs the built `incidentmap` executable (it sits beside the test bundle).
enum CLI {
    static var executable: String {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDir, bundleDir.deletingLastPathComponent(), SharedData.repositoryRoot.appendingPathComponent(".build/debug")] {
            let p = candidate.appendingPathComponent("incidentmap").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return SharedData.repositoryRoot.appendingPathComponent(".build/debug/incidentmap").path
    }

    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
        try runProcess(executable, arguments, input: input.map { Data($0.utf8) }, environment: environment)
    }

    static func fixture(_ name: String) -> String {
        SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentMapCLITests/Fixtures/\(name)").path
    }
}
