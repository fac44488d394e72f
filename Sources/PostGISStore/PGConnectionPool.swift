import Dispatch
import Foundation

/// Up to `maximum` libpq connections shared by a server's requests. A request borrows one, runs its statements on a
/// dispatch thread (libpq blocks; Swift's cooperative threads must not), and gives it back; a request that finds
/// every connection busy waits for one. A connection the server dropped is closed and replaced on the next use.
final class PGConnectionPool: @unchecked Sendable {
    private let connect: @Sendable () throws -> PGConnection
    private let maximum: Int
    private let lock = NSLock()
    private var idle: [PGConnection] = []
    /// Connections open or being opened (idle ones included).
    private var open = 0
    /// Requests waiting for a connection: each is given one, or `nil` (a slot: open a new one).
    private var waiting: [CheckedContinuation<PGConnection?, Never>] = []
    private var closed = false

    init(maximum: Int, connect: @escaping @Sendable () throws -> PGConnection) {
        self.maximum = max(1, maximum)
        self.connect = connect
    }

    /// Runs `work` with a connection, off Swift's cooperative threads.
    func withConnection<T: Sendable>(_ work: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        let borrowed = await acquire()
        let outcome: Result<T, Error> = await withCheckedContinuation { done in
            DispatchQueue.global().async {
                let c: PGConnection
                do { c = try borrowed ?? self.connect() } catch {
                    self.release(nil)
                    done.resume(returning: .failure(error))
                    return
                }
                let result = Result { try work(c) }
                self.release(c.isOpen ? c : nil)
                done.resume(returning: result)
            }
        }
        return try outcome.get()
    }

    /// Closes the idle connections (when the reader goes).
    func close() {
        lock.lock()
        closed = true
        open -= idle.count
        idle = []
        lock.unlock()
    }

    /// An idle connection, or `nil` with a slot reserved for a new one.
    private func acquire() async -> PGConnection? {
        await withCheckedContinuation { (c: CheckedContinuation<PGConnection?, Never>) in
            lock.lock()
            if let ready = idle.popLast() {
                lock.unlock()
                c.resume(returning: ready)
            } else if open < maximum {
                open += 1
                lock.unlock()
                c.resume(returning: nil)
            } else {
                waiting.append(c)
                lock.unlock()
            }
        }
    }

    /// Gives a connection back (`nil`: it was lost or never made, its slot is free).
    private func release(_ c: PGConnection?) {
        lock.lock()
        if !waiting.isEmpty {
            let next = waiting.removeFirst()
            lock.unlock()
            next.resume(returning: closed ? nil : c)
            return
        }
        if let c, !closed { idle.append(c) } else { open -= 1 }
        lock.unlock()
    }
}
