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

    /// `INCIDENTMAP_CACHE_DIR` unless `environment` names its own: a folder of this test process, so no run depends on
    /// what an earlier run left in the user's cache (cached bootstrap intervals skip the bootstrap's progress bar).
    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:], in folder: String? = nil) throws -> ProcessResult {
        try runProcess(executable, arguments, input: input.map { Data($0.utf8) },
                       environment: ["INCIDENTMAP_CACHE_DIR": cacheDirectory].merging(environment) { $1 }, currentDirectory: folder)
    }

    /// The test process's cache folder (`incidentmap-cli-cache-PID` in the temporary folder); folders of test
    /// processes no longer running are removed when it is first used.
    static let cacheDirectory: String = {
        let tmp = FileManager.default.temporaryDirectory
        let prefix = "incidentmap-cli-cache-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: tmp.appendingPathComponent(name))
            }
        }
        return tmp.appendingPathComponent(prefix + String(getpid())).path
    }()

    /// `serve ARGUMENTS` started, left to say "serving on" (the layers are computed first: up to two minutes), then
    /// sent SIGINT and waited for: whether it served, its exit status and standard error.
    static func serveThenInterrupt(_ arguments: [String], in folder: String? = nil) throws -> (served: Bool, status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = ["serve"] + arguments
        if let folder { p.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        var seen = Data()
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, !String(decoding: seen, as: UTF8.self).contains("serving on") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (String(decoding: seen, as: UTF8.self).contains("serving on"), p.terminationStatus, stderr)
    }

    static func fixture(_ name: String) -> String {
        SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentMapCLITests/Fixtures/\(name)").path
    }
}
