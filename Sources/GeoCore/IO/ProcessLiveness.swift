#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a process still exists, to tell a killed run's leftovers (temporary
/// files, staging folders named with their PID) from a running one's.
public enum ProcessLiveness {
    /// `true` when a process `pid` exists (ours or another user's).
    public static func isAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }
}
