import Foundation
import GeoCore

/// Finds the embedded geodata folder `Geo/` of the repository.
///
/// Looked up, in order: `$INCIDENTMAP_GEO`, `./Geo`, then from the executable's real location
/// (`/proc/self/exe`: `argv[0]` is the bare name when the program was found on `PATH`) —
/// `PREFIX/share/incidentmap/Geo` beside `PREFIX/bin/incidentmap` as `make install` lays it out, and `Geo/` in
/// the executable's ancestors (`.build/release/incidentmap` in a checkout).
public enum EmbeddedGeodata {
    public static func folder() -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["INCIDENTMAP_GEO"], fm.fileExists(atPath: env) { return env }
        let cwd = fm.currentDirectoryPath + "/Geo"
        if fm.fileExists(atPath: cwd + "/README.md") { return cwd }
        var dir = executable.deletingLastPathComponent()
        // Installed (`make install PREFIX=…`): PREFIX/bin/incidentmap beside PREFIX/share/incidentmap/Geo.
        let installed = dir.deletingLastPathComponent().appendingPathComponent("share/incidentmap/Geo")
        if fm.fileExists(atPath: installed.appendingPathComponent("README.md").path) { return installed.path }
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("Geo")
            if fm.fileExists(atPath: candidate.appendingPathComponent("README.md").path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    /// The running program's file, symbolic links resolved: `/proc/self/exe` on Linux, else `argv[0]`.
    static var executable: URL {
        if let real = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return URL(fileURLWithPath: real) }
        return URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
    }

    /// The places ``folder()`` looks, for the message when none holds the data.
    public static var lookedIn: [String] {
        let dir = executable.deletingLastPathComponent()
        return ["$INCIDENTMAP_GEO (\(ProcessInfo.processInfo.environment["INCIDENTMAP_GEO"] ?? "not set"))", FileManager.default.currentDirectoryPath + "/Geo",
                dir.deletingLastPathComponent().appendingPathComponent("share/incidentmap/Geo").path, "Geo/ in the folders above " + dir.path]
    }

    /// A file inside `Geo/`, or an error saying where it was looked for.
    public static func path(_ relative: String) throws -> String {
        guard let base = folder() else { throw EmbeddedGeodataError.notFound(relative) }
        let p = base + "/" + relative
        guard FileManager.default.fileExists(atPath: p) else { throw EmbeddedGeodataError.notFound(relative) }
        return p
    }
}

public enum EmbeddedGeodataError: Error, CustomStringConvertible {
    case notFound(String)
    public var description: String {
        "embedded geodata Geo/\(self.relative) not found; looked in: \(EmbeddedGeodata.lookedIn.joined(separator: "; ")). Install with `make install PREFIX=…` (PREFIX/share/incidentmap/Geo), run from the repository, or set INCIDENTMAP_GEO to its Geo/ folder"
    }
    private var relative: String { if case .notFound(let r) = self { r } else { "" } }
}
