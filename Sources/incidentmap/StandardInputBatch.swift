import Foundation
import Gazetteer

/// Standard input read and split into a ``QueryBatch`` on another thread,
/// while the caller builds the gazetteer.
final class StandardInputBatch: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var batch: QueryBatch?

    init() {
        DispatchQueue.global(qos: .userInitiated).async {
            self.batch = QueryBatch(lines: [UInt8](FileHandle.standardInput.readDataToEndOfFile()))
            self.done.signal()
        }
    }

    /// The batch, once all of standard input has been read.
    func wait() -> QueryBatch {
        done.wait()
        return batch!
    }
}
