import Zones

/// Why a run could not go on. `usage` and `badCalibration` are mistakes in the request (the command line says them
/// with its usage); `tooLittleKept` is about the data.
public enum MapRunError: Error, CustomStringConvertible, Equatable {
    /// The request contradicts itself or lacks an input.
    case usage(String)
    case badCalibration(String)
    /// The zone of a calibration is not at the run's level.
    case unknownZone(option: String, zone: String, level: ZoneLevel)
    /// Zones a selection names that are not at the run's level.
    case unknownZones([String], level: ZoneLevel, suggestions: [String: String] = [:])
    /// The inputs gave too little to go on with (no event kept, or more than half rejected).
    case tooLittleKept(String)
    case noIncidentInput

    public var description: String {
        switch self {
        case .usage(let s): s
        case .badCalibration(let s): "--calibrate \(s)"
        case let .unknownZone(option, zone, level): "\(option): no zone '\(zone)' at level \(level)"
        case let .unknownZones(zones, level, suggestions):
            "no zone \(zones.map { "'\($0)'" }.joined(separator: ", ")) at level \(level)"
                + zones.compactMap { z in suggestions[z].map { "; '\(z)' lies in \($0): give its p-code or name" } }.joined()
        case .tooLittleKept(let reason): "\(reason) (nothing written; --on-error skip goes on with what was kept)"
        case .noIncidentInput: "no incident input was read"
        }
    }

    /// A mistake in what was asked, not in the data.
    public var isUsage: Bool {
        switch self {
        case .usage, .badCalibration, .unknownZone, .unknownZones: true
        case .tooLittleKept, .noIncidentInput: false
        }
    }
}
