import Foundation
import Gazetteer

/// A ``QueryBatch`` read on another thread (standard input, or a column of a
/// CSV file) while the caller builds the gazetteer.
final class BackgroundBatch: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<QueryBatch, any Error>?

    init(_ read: @escaping @Sendable () throws -> QueryBatch) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = Result { try read() }
            self.done.signal()
        }
    }

    /// The batch, once read (or the error reading it).
    func wait() throws -> QueryBatch {
        done.wait()
        return try result!.get()
    }
}
