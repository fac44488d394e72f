import Foundation
import GeoCore

/// Finds the embedded geodata folder `Geo/` of the repository.
///
/// Looked up, in order: `$INCIDENTMAP_GEO`, `./Geo`, and `Geo/` beside the
/// executable's ancestors (so `.build/release/incidentmap` run from anywhere
/// inside a checkout finds it).
public enum EmbeddedGeodata {
    public static func folder() -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["INCIDENTMAP_GEO"], fm.fileExists(atPath: env) { return env }
        let cwd = fm.currentDirectoryPath + "/Geo"
        if fm.fileExists(atPath: cwd + "/README.md") { return cwd }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
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
        "embedded geodata Geo/\(self.relative) not found: install with `make install PREFIX=…` (PREFIX/share/incidentmap/Geo), run from the repository, or set INCIDENTMAP_GEO to its Geo/ folder"
    }
    private var relative: String { if case .notFound(let r) = self { r } else { "" } }
}
