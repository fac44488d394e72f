import Foundation
import GeoCore

extension IncidentSource {
    /// ``read(path:columnMapping:onError:dateOrder:_:)`` on a thread of its own, its rows handed to
    /// `body` on this thread in order, in batches through a ``BatchPipe`` (at most 4 × 1,024 rows between the two:
    /// memory stays flat). An error on either side stops both; the reader's report is returned.
    public static func readAside(path: String, columnMapping: [String: String], onError: OnError, dateOrder: NumericDateOrder,
                          _ body: (Incident) throws -> Void) throws -> ReadReport {
        struct Stopped: Error {}
        let pipe = BatchPipe<Incident>(capacity: 4)
        let report = Locked<ReadReport?>(nil)
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            defer { done.signal() }
            var batch: [Incident] = []
            batch.reserveCapacity(1_024)
            do {
                let r = try IncidentSource.read(path: path, columnMapping: columnMapping, onError: onError, dateOrder: dateOrder) { row in
                    batch.append(row)
                    guard batch.count == 1_024 else { return }
                    guard pipe.put(batch) else { throw Stopped() }
                    batch.removeAll(keepingCapacity: true)
                }
                if !batch.isEmpty { _ = pipe.put(batch) }
                report.withLock { $0 = r }
                pipe.finish()
            } catch {
                // The rows read before the error are handed on first, as a reader on one thread would have.
                if !batch.isEmpty { _ = pipe.put(batch) }
                pipe.finish(error: error)
            }
        }
        reader.stackSize = 8 << 20
        reader.start()
        do {
            while let batch = try pipe.take() {
                for row in batch { try body(row) }
            }
        } catch {
            pipe.cancel()
            done.wait()
            throw error
        }
        done.wait()
        return report.withLock { $0 } ?? ReadReport()
    }
}
