import Foundation

/// A value behind a lock, for state shared between threads that is written rarely (a lazily built index, a memo).
///
/// A pthread mutex (`NSLock`) rather than the standard library's `Synchronization.Mutex`: on Linux the latter is a
/// bare futex that ThreadSanitizer does not recognise as a lock, so `make test-tsan` reported every use as a race.
/// Sendable only where the value is (as GRDB's `Mutex`): a lock does not make a non-Sendable value safe to share.
public final class Locked<Value> {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` with the value, holding the lock: no other thread reads or writes it meanwhile.
    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

extension Locked: @unchecked Sendable where Value: Sendable {}
