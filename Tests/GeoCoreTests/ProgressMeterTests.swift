import Foundation
import GeoCore
import Testing

@Suite("Progress meter")
struct ProgressMeterTests {
    final class Seen: @unchecked Sendable {
        let lock = NSLock()
        var snapshots: [ProgressMeter.Snapshot] = []
        func add(_ s: ProgressMeter.Snapshot) { lock.withLock { snapshots.append(s) } }
        var all: [ProgressMeter.Snapshot] { lock.withLock { snapshots } }
    }

    @Test("a stage shows at once, then at most every interval; counts from several threads add up")
    func throttledAndThreadSafe() {
        let seen = Seen()
        let meter = ProgressMeter(interval: 3600) { seen.add($0) }
        meter.begin("placing", unit: "rows", total: 80_000)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in for _ in 0..<10_000 { meter.advance() } }
        #expect(seen.all.count == 1, "only the stage's first line within the hour")
        #expect(seen.all[0] == ProgressMeter.Snapshot(stage: "placing", unit: "rows", done: 0, total: 80_000, elapsed: 0))
        #expect(meter.snapshot.done == 80_000)
        let every = ProgressMeter(interval: 0) { seen.add($0) }
        every.begin("writing", unit: "files", total: 3)
        every.advance(by: 2)
        #expect(seen.all.last?.done == 2 && seen.all.last?.stage == "writing")
        every.begin("next", unit: "zones")
        #expect(seen.all.last?.done == 0 && seen.all.last?.total == nil, "a new stage starts from nothing")
    }

    @Test("rate and time left from the counts so far")
    func rateAndRemaining() {
        let s = ProgressMeter.Snapshot(stage: "s", unit: "u", done: 250, total: 1000, elapsed: 2)
        #expect(s.rate == 125)
        #expect(s.remaining == 6)
        #expect(ProgressMeter.Snapshot(stage: "s", unit: "u", done: 5, total: nil, elapsed: 2).remaining == nil)
        #expect(ProgressMeter.Snapshot(stage: "s", unit: "u", done: 5, total: 10, elapsed: 0.01).rate == nil)
    }
}
