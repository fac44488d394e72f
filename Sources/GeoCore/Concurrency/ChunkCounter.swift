import Foundation

/// Hands out chunk numbers 0, 1, 2, … to threads working through a batch,
/// each number once.
final class ChunkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0
    private let chunks: Int

    init(chunks: Int) { self.chunks = chunks }

    /// The next chunk, or `nil` when all have been taken.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < chunks else { return nil }
        taken += 1
        return taken - 1
    }
}
