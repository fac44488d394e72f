import Foundation

/// Leaflet as Debian's `libjs-leaflet` installs it. The map page uses it from
/// there (served by `incidentmap serve`, copied by the static web export);
/// it is never part of the repository.
public enum LeafletInstall {
    /// Where `libjs-leaflet` puts Leaflet (override with `INCIDENTMAP_LEAFLET_DIR`).
    public static var directory: String {
        ProcessInfo.processInfo.environment["INCIDENTMAP_LEAFLET_DIR"] ?? "/usr/share/javascript/leaflet"
    }

    /// The files the page needs, relative to ``directory``.
    public static let files = ["leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                               "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"]

    /// A readable error when Leaflet is missing.
    public static func check() throws {
        let path = directory + "/leaflet.js"
        guard FileManager.default.isReadableFile(atPath: path) else { throw WebMapError.leafletMissing(path: path) }
    }
}

public enum WebMapError: Error, CustomStringConvertible {
    case leafletMissing(path: String)

    public var description: String {
        switch self {
        case .leafletMissing(let path):
            "Leaflet not found at \(path): install it with `apt-get install libjs-leaflet` (scripts/setup does), or set INCIDENTMAP_LEAFLET_DIR"
        }
    }
}
