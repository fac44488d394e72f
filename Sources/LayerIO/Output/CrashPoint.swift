import Foundation

/// Fault injection for the crash-safety tests (scripts/e2e-crash): when
/// `INCIDENTMAP_CRASH_AT` names a point of the commit (`staged`, `carried`,
/// `exchanged`, `journal`, `first-rename`), the process kills itself with
/// SIGKILL there, as a power cut or the OOM killer would. Unset, it costs one
/// environment lookup per process.
public enum CrashPoint {
    private static let armed: String? = ProcessInfo.processInfo.environment["INCIDENTMAP_CRASH_AT"]

    public static func reached(_ point: String) {
        if armed == point { kill(getpid(), SIGKILL) }
    }
}
