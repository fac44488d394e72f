import Dispatch
import Foundation

/// What long work has done so far, for a progress display: a stage reports its name, its unit and (when known) its
/// total, then advances; the display given at creation is called with a snapshot at most every `interval` seconds
/// (and once when a stage begins). The meter knows nothing of terminals: the command line draws the bar.
///
/// Safe to advance from several threads at once (a lock around a counter: a few tens of nanoseconds per call).
public final class ProgressMeter: @unchecked Sendable {
    public struct Snapshot: Sendable, Equatable {
        public let stage: String
        public let unit: String
        public let done: Int
        public let total: Int?
        /// Seconds since the stage began.
        public let elapsed: Double

        public init(stage: String, unit: String, done: Int, total: Int?, elapsed: Double) {
            self.stage = stage
            self.unit = unit
            self.done = done
            self.total = total
            self.elapsed = elapsed
        }

        /// Units per second so far (nil in the first tenth of a second).
        public var rate: Double? { elapsed >= 0.1 ? Double(done) / elapsed : nil }
        /// Seconds left at the rate so far (nil without a total or a rate).
        public var remaining: Double? {
            guard let total, let rate, rate > 0 else { return nil }
            return Double(max(0, total - done)) / rate
        }
    }

    private let lock = NSLock()
    private var stage = "", unit = "", done = 0, total: Int?
    private var started: UInt64 = 0, lastShown: UInt64 = 0
    private let interval: UInt64
    private let display: @Sendable (Snapshot) -> Void

    public init(interval: Double = 0.1, display: @escaping @Sendable (Snapshot) -> Void) {
        self.interval = UInt64(interval * 1e9)
        self.display = display
    }

    /// Starts a stage (ending the one before).
    public func begin(_ stage: String, unit: String, total: Int? = nil) {
        let now = DispatchTime.now().uptimeNanoseconds
        let s = lock.withLock { () -> Snapshot in
            self.stage = stage
            self.unit = unit
            self.total = total
            done = 0
            started = now
            lastShown = now
            return Snapshot(stage: stage, unit: unit, done: 0, total: total, elapsed: 0)
        }
        display(s)
    }

    /// Adds `n` units of work done to the current stage.
    public func advance(by n: Int = 1) {
        let now = DispatchTime.now().uptimeNanoseconds
        let s = lock.withLock { () -> Snapshot? in
            done += n
            guard now &- lastShown >= interval else { return nil }
            lastShown = now
            return Snapshot(stage: stage, unit: unit, done: done, total: total, elapsed: Double(now &- started) / 1e9)
        }
        if let s { display(s) }
    }

    /// The current stage as it stands.
    public var snapshot: Snapshot {
        let now = DispatchTime.now().uptimeNanoseconds
        return lock.withLock { Snapshot(stage: stage, unit: unit, done: done, total: total, elapsed: Double(now &- started) / 1e9) }
    }
}
