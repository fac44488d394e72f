import CShapelib
import Foundation

/// File hooks for shapelib's writers (`SHPCreateLL`, `DBFCreateLL`) that
/// gather writes in one large buffer.
///
/// shapelib seeks before every record it writes, and the DBF writer also
/// rewrites its end-of-file byte after each record (so the next record's seek
/// goes one byte back). Through stdio each such seek flushes the buffer: the
/// default hooks cost a `write(2)`, `lseek(2)` and `read(2)` per record and
/// per file. Here a write that lands inside or right after the buffered span
/// is copied into it, and the span goes to disk with `pwrite` only when a
/// write lands elsewhere, before a read, and at close.
/// Write failures (a full disk, a revoked permission) are remembered per path
/// and reported by ``takeFailure(path:)`` after the handle is closed, because
/// with buffering they can surface only when the buffer is flushed.
enum ShapelibFileHooks {
    /// One open file: its descriptor, the buffered span and the position.
    final class Stream {
        let fd: Int32
        let path: String
        var position: UInt = 0
        var failed: Int32 = 0
        /// Bytes of the file from `base` on that are not yet on disk.
        var buffer: [UInt8] = []
        var base: UInt = 0
        static let capacity = 1 << 20

        init(fd: Int32, path: String) {
            self.fd = fd
            self.path = path
            buffer.reserveCapacity(Self.capacity)
        }

        func fail(_ code: Int32) { if failed == 0 { failed = code == 0 ? EIO : code } }

        func flush() {
            guard !buffer.isEmpty else { return }
            var done = 0
            while done < buffer.count {
                let n = buffer.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, $0.count - done, off_t(base) + off_t(done)) }
                if n < 0 { if errno == EINTR { continue }; fail(errno); break }
                done += n
            }
            buffer.removeAll(keepingCapacity: true)
        }

        func write(_ p: UnsafeRawPointer, _ count: Int) -> Bool {
            if failed != 0 { return false }
            let end = base + UInt(buffer.count)
            if buffer.isEmpty { base = position }
            else if position < base || position > end || Int(position - base) + count > Self.capacity {
                flush()
                if failed != 0 { return false }
                base = position
            }
            let offset = Int(position - base)
            let bytes = UnsafeRawBufferPointer(start: p, count: count)
            if offset == buffer.count { buffer.append(contentsOf: bytes) }
            else {
                let overlap = min(count, buffer.count - offset)
                buffer.replaceSubrange(offset..<(offset + overlap), with: bytes.prefix(overlap))
                buffer.append(contentsOf: bytes.dropFirst(overlap))
            }
            position += UInt(count)
            return true
        }

        func read(_ p: UnsafeMutableRawPointer, _ count: Int) -> Int {
            flush()
            var done = 0
            while done < count {
                let n = pread(fd, p + done, count - done, off_t(position) + off_t(done))
                if n < 0 { if errno == EINTR { continue }; return done }
                if n == 0 { break }
                done += n
            }
            position += UInt(done)
            return done
        }

        /// The file's size as written so far (what SEEK_END seeks from).
        var size: UInt {
            var st = stat()
            let onDisk = fstat(fd, &st) == 0 ? UInt(st.st_size) : 0
            return max(onDisk, base + UInt(buffer.count))
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var failures: [String: Int32] = [:]

    /// The errno of the first write failure on `path` since it was opened, if any; clears it.
    static func takeFailure(path: String) -> Int32? {
        lock.lock(); defer { lock.unlock() }
        return failures.removeValue(forKey: path)
    }

    private static func record(_ s: Stream) {
        guard s.failed != 0 else { return }
        lock.lock(); defer { lock.unlock() }
        if failures[s.path] == nil { failures[s.path] = s.failed }
    }

    private static func stream(_ f: SAFile?) -> Stream {
        Unmanaged<Stream>.fromOpaque(UnsafeRawPointer(f!)).takeUnretainedValue()
    }

    /// shapelib hooks using ``Stream``; `Remove`, `Error` and `Atof` stay shapelib's defaults.
    static func hooks() -> SAHooks {
        var h = SAHooks()
        SASetupDefaultHooks(&h)
        h.FOpen = { name, access in
            guard let name, let access else { return nil }
            let mode = String(cString: access)
            var flags: Int32 = mode.contains("+") ? O_RDWR : (mode.hasPrefix("r") ? O_RDONLY : O_WRONLY)
            if mode.hasPrefix("w") { flags |= O_CREAT | O_TRUNC }
            if mode.hasPrefix("a") { flags |= O_CREAT }
            let fd = open(name, flags | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return nil }
            let s = Stream(fd: fd, path: String(cString: name))
            return Unmanaged.passRetained(s).toOpaque().assumingMemoryBound(to: Int32.self)
        }
        h.FRead = { p, size, n, f in
            guard let p, size > 0 else { return 0 }
            return UInt(ShapelibFileHooks.stream(f).read(p, Int(size * n))) / size
        }
        h.FWrite = { p, size, n, f in
            guard let p, size > 0 else { return 0 }
            return ShapelibFileHooks.stream(f).write(p, Int(size * n)) ? n : 0
        }
        h.FSeek = { f, offset, whence in
            let s = ShapelibFileHooks.stream(f)
            switch whence {
            case SEEK_SET: s.position = offset
            case SEEK_CUR: s.position = UInt(bitPattern: Int(bitPattern: s.position) + Int(bitPattern: offset))
            case SEEK_END: s.position = UInt(bitPattern: Int(bitPattern: s.size) + Int(bitPattern: offset))
            default: return UInt.max
            }
            return 0
        }
        h.FTell = { f in ShapelibFileHooks.stream(f).position }
        h.FFlush = { f in
            let s = ShapelibFileHooks.stream(f)
            s.flush()
            return s.failed == 0 ? 0 : -1
        }
        h.FClose = { f in
            let u = Unmanaged<Stream>.fromOpaque(UnsafeRawPointer(f!))
            let s = u.takeUnretainedValue()
            s.flush()
            if close(s.fd) != 0 { s.fail(errno) }
            ShapelibFileHooks.record(s)
            u.release()
            return s.failed == 0 ? 0 : -1
        }
        return h
    }
}
