import Foundation
import GeoCore
import Testing

@Suite("BatchPipe: one producer thread, one consumer, in order, bounded")
struct BatchPipeTests {
    struct Boom: Error, Equatable {}

    @Test("every batch arrives in order; the producer never runs more than the capacity ahead; its error comes after its batches")
    func orderBoundAndError() throws {
        let pipe = BatchPipe<Int>(capacity: 3)
        let ahead = Locked(0), most = Locked(0)
        let done = DispatchSemaphore(value: 0)
        Thread {
            for k in 0..<200 {
                ahead.withLock { $0 += 1 }
                _ = pipe.put([k, k])
                most.withLock { m in m = max(m, ahead.withLock { $0 }) }
            }
            pipe.finish(error: Boom())
            done.signal()
        }.start()
        var seen: [Int] = []
        let thrown = try #require(throws: Boom.self) {
            while let batch = try pipe.take() {
                seen += batch
                ahead.withLock { $0 -= 1 }
                if seen.count % 40 == 0 { Thread.sleep(forTimeInterval: 0.002) }  // a slow consumer: the producer waits
            }
        }
        done.wait()
        #expect(thrown == Boom())
        #expect(seen == (0..<200).flatMap { [$0, $0] })
        // Counted ahead from before its put until the consumer is done with it: the capacity, the one waiting to be
        // put and the one being consumed.
        #expect(most.withLock { $0 } <= 5, "\(most.withLock { $0 })")
    }

    @Test("a consumer that stops cancels the pipe: the waiting producer's put returns false and it ends")
    func cancel() throws {
        let pipe = BatchPipe<Int>(capacity: 1)
        let refused = Locked(false)
        let done = DispatchSemaphore(value: 0)
        Thread {
            for k in 0..<1_000_000 where !pipe.put([k]) {
                refused.withLock { $0 = true }
                break
            }
            done.signal()
        }.start()
        _ = try pipe.take()
        pipe.cancel()
        #expect(done.wait(timeout: .now() + 10) == .success, "the producer ended")
        #expect(refused.withLock { $0 })
    }
}
