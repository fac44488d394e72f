#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Two Linux calls on ranges of files that Swift's Glibc module does not import (they are GNU extensions):
/// `copy_file_range(2)`, which copies between files inside the kernel, and `sync_file_range(2)`, which starts writing
/// a range back without waiting for it. Looked up once in the C library; where one is missing, or refuses the files,
/// the callers do what they did without it (a read/write loop; no early writeback).
enum FileRangeCalls {
    private typealias CopyCall = @convention(c) (Int32, UnsafeMutablePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, Int, UInt32) -> Int
    private typealias SyncCall = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32

    private static let copyCall: CopyCall? = symbol("copy_file_range").map { unsafeBitCast($0, to: CopyCall.self) }
    private static let syncCall: SyncCall? = symbol("sync_file_range").map { unsafeBitCast($0, to: SyncCall.self) }

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        #if os(Linux)
        return dlsym(UnsafeMutableRawPointer(bitPattern: 0), name)  // RTLD_DEFAULT
        #else
        return nil
        #endif
    }

    /// Appends the bytes of `source` from `offset` to its end at `destination`'s file position; returns how many were
    /// copied and 0, or the `errno` of the call that failed.
    static func copyToEnd(from source: Int32, offset: Int, to destination: Int32) -> (copied: Int, errno: Int32) {
        var copied = 0
        if let copyCall {
            var from = Int64(offset)
            while true {
                let n = copyCall(source, &from, destination, nil, 1 << 30, 0)
                if n > 0 { copied += n; continue }
                if n == 0 { return (copied, 0) }
                if errno == EINTR { continue }
                // Files the kernel cannot copy between (other file systems on old kernels, special files): by hand.
                guard copied == 0, [ENOSYS, EXDEV, EINVAL, EOPNOTSUPP].contains(errno) else { return (copied, errno) }
                break
            }
        }
        var block = [UInt8](repeating: 0, count: 4 << 20)
        var at = off_t(offset)
        while true {
            let n = block.withUnsafeMutableBytes { pread(source, $0.baseAddress!, $0.count, at) }
            if n < 0 {
                if errno == EINTR { continue }
                return (copied, errno)
            }
            if n == 0 { return (copied, 0) }
            let code = block.withUnsafeBytes { writeFully(destination, UnsafeRawBufferPointer(rebasing: $0[..<n])) }
            if code != 0 { return (copied, code) }
            at += off_t(n)
            copied += n
        }
    }

    /// Starts writing `count` bytes of `fd` from `offset` back to the disk and returns at once (SYNC_FILE_RANGE_WRITE):
    /// a later `fsync` has that much less to wait for. Does nothing where the call is missing; failures are left to
    /// that `fsync` to report.
    static func startWriteback(_ fd: Int32, offset: Int, count: Int) {
        _ = syncCall?(fd, Int64(offset), Int64(count), 2)
    }
}
