import Foundation
import Testing
import TestSupport

/// Issue 37, finding 1: installed as `make install` lays it out and run by name from another folder, the program
/// finds its data (it read `argv[0]`, the bare name when found on PATH).
@Suite("installed under a prefix")
struct InstalledTests {
    @Test("PREFIX/bin/incidentmap run by name from another folder finds PREFIX/share/incidentmap/Geo")
    func byName() throws {
        let prefix = try SharedData.temporaryDirectory("prefix").path
        let fm = FileManager.default
        try fm.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: prefix + "/share/incidentmap", withIntermediateDirectories: true)
        try fm.copyItem(atPath: CLI.executable, toPath: prefix + "/bin/incidentmap")
        try fm.createSymbolicLink(atPath: prefix + "/share/incidentmap/Geo", withDestinationPath: HaitiFixture.geo)
        let elsewhere = try SharedData.temporaryDirectory("elsewhere").path
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = prefix + "/bin:" + (env["PATH"] ?? "/usr/bin:/bin")
        env["INCIDENTMAP_GEO"] = nil
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "cd '\(elsewhere)' && exec incidentmap geocode Okap --format json"]
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(stderr)")
        #expect(stdout.contains("Cap-Ha"), "\(stdout.prefix(500))")
        try? fm.removeItem(atPath: prefix)
    }
}
