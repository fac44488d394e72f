import Dispatch
import Foundation

extension RandomAccessCollection where Index == Int {
    /// `map(transform)` with the elements split into contiguous chunks of
    /// `chunk` spread over the cores, `threads` at most (one thread when there
    /// are fewer than two chunks); the results are in the elements' order.
    /// Chunks are taken in turn from a shared counter, so a slow stretch does
    /// not hold one thread back. `transform` runs on several threads at once
    /// and must be safe to.
    public func parallelMap<T>(chunk: Int = 64, threads: Int = .max, _ transform: @Sendable (Element) -> T) -> [T] {
        let chunks = (count + chunk - 1) / chunk
        let workers = Swift.min(threads, ProcessInfo.processInfo.activeProcessorCount, chunks)
        guard workers > 1 else { return map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let out = buffer
            nonisolated(unsafe) let elements = self
            let next = ChunkCounter(chunks: chunks)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let c = next.take() {
                    let lo = c * chunk, hi = Swift.min(elements.count, lo + chunk)
                    for i in lo..<hi { (out.baseAddress! + i).initialize(to: transform(elements[elements.startIndex + i])) }
                }
            }
            initialized = count
        }
    }
}
