import Foundation

/// Where IncidentMap keeps what it remembers between runs (every cache is a subfolder): boundary files found valid
/// (``ValidityCache``), the incident surface's cell–zone overlaps. The library uses none unless given one; the command
/// line gives ``standard(environment:)``.
public struct CacheFolder: Sendable, Equatable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The user's cache folder, or nil when caches are off (`INCIDENTMAP_CACHE=off`): `$INCIDENTMAP_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/incidentmap`, else `$HOME/.cache/incidentmap`.
    public static func standard(environment: [String: String]) -> CacheFolder? {
        if environment["INCIDENTMAP_CACHE"]?.lowercased() == "off" { return nil }
        if let dir = environment["INCIDENTMAP_CACHE_DIR"], !dir.isEmpty { return CacheFolder(path: dir) }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return CacheFolder(path: xdg + "/incidentmap") }
        if let home = environment["HOME"], !home.isEmpty { return CacheFolder(path: home + "/.cache/incidentmap") }
        return nil
    }

    /// The boundary files found valid (`valid-layers`).
    public var validity: ValidityCache { ValidityCache(folder: path + "/valid-layers") }
}
