import Foundation

/// Resolutions remembered by a string key while lookups run on several
/// threads (a lock around a dictionary: each entry is written once and read
/// many times).
final class ResolutionMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Resolution] = [:]

    func find(_ key: String) -> Resolution? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    func insert(_ key: String, _ value: Resolution) {
        lock.lock()
        defer { lock.unlock() }
        entries[key] = entries[key] ?? value
    }
}
