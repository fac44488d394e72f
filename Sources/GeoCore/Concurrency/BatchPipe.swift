import Foundation

/// Hands batches from one producer thread to one consumer, in order, holding at most `capacity` batches between
/// them (memory stays bounded when the producer is faster). Either side can stop the other: the producer with
/// ``finish(error:)``, the consumer with ``cancel()`` (the producer's next ``put(_:)`` then returns false).
public final class BatchPipe<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[Element]] = []
    private var head = 0
    private var finished = false
    private var cancelled = false
    private var failure: (any Error)?
    private let capacity: Int

    public init(capacity: Int = 4) { self.capacity = max(1, capacity) }

    /// Waits while the pipe is full; false when the consumer has cancelled (the batch is dropped).
    public func put(_ batch: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count - head >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// No more batches; `error`, if any, is thrown by the consumer's ``take()`` once the batches before it are taken.
    public func finish(error: (any Error)? = nil) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        failure = error
        condition.broadcast()
    }

    /// The consumer stops: the producer's waiting or next ``put(_:)`` returns false.
    public func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
    }

    /// The next batch, waiting for it; nil when the producer has finished and every batch is taken.
    public func take() throws -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while head == batches.count && !finished { condition.wait() }
        if head < batches.count {
            let batch = batches[head]
            batches[head] = []
            head += 1
            if head > 64 && head * 2 > batches.count {
                batches.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }
}
