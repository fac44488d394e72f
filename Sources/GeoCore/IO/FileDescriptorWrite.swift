#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes all of `bytes` to `fd`, retrying short writes and interrupted calls; returns 0, or the `errno` of the
/// write that failed.
public func writeFully(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
    var done = 0
    while done < bytes.count {
        let n = systemWriteCall(fd, bytes.baseAddress! + done, bytes.count - done)
        if n < 0 {
            if errno == EINTR { continue }
            return errno
        }
        done += n
    }
    return 0
}

#if canImport(Glibc)
private let systemWriteCall = Glibc.write
#elseif canImport(Darwin)
private let systemWriteCall = Darwin.write
#endif
