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

    /// Paths of the entries of `folder` named `<prefix><pid>-…` whose process
    /// is gone: what a killed run left behind (a running one's are kept).
    public static func abandoned(in folder: String, prefix: String) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var out: [String] = []
        while let entry = readdir(dir) {
            // The name read in place up to its NUL: a record can end before the 256 bytes `d_name` is declared with
            // (copying the field whole read past the end of readdir's buffer, as AddressSanitizer found).
            let field = UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
            let name = String(cString: field.assumingMemoryBound(to: CChar.self))
            guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }) else { continue }
            if pid > 0, !isAlive(pid) { out.append(folder + "/" + name) }
        }
        return out
    }
}
