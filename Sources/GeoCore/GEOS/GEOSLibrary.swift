import CGEOS

/// Facts about the GEOS library linked in.
public enum GEOSLibrary {
    /// GEOS's version string (`GEOSversion()`, e.g. "3.11.1-CAPI-1.17.1").
    public static let version: String = String(cString: GEOSversion())
}
