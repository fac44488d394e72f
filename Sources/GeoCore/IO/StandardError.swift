import Foundation

/// Messages to standard error that never bring the program down. `FileHandle.standardError.write` traps when the
/// other end is gone (`serve … 2>&1 | tee log`, then Ctrl-C: tee dies first, the "stopped" line hit a closed pipe
/// and the server exited 132 — issue 37); here a failed write is dropped, as a message nobody can read.
public enum StandardError {
    public static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        bytes.withUnsafeMutableBytes { b in
            while offset < b.count {
                let n = Foundation.write(2, b.baseAddress! + offset, b.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
            }
        }
    }

    public static func write(_ data: Data) { write(String(decoding: data, as: UTF8.self)) }
}
