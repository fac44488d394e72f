#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Swaps two directories in one atomic step: Linux `renameat2(…,
/// RENAME_EXCHANGE)` (since 3.15; ext4, xfs, btrfs, tmpfs, overlayfs). Looked
/// up at run time, as Swift's Glibc module does not declare it; `nil` where the
/// C library has no such function, and `false` with `errno` set where the file
/// system refuses (EINVAL), so callers fall back to renaming file by file.
enum DirectoryExchange {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameExchange: UInt32 = 1 << 1  // RENAME_EXCHANGE in <linux/fs.h>

    private static let function: RenameAt2? = {
        #if os(Linux)
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()

    /// Exchanges `a` and `b` (both must exist). `false`: nothing changed (see `errno`).
    static func exchange(_ a: String, _ b: String) -> Bool {
        guard let function else { errno = ENOSYS; return false }
        #if os(Linux)
        return function(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
        return false
        #endif
    }
}
