import Foundation

/// A table keyed by byte strings, each key's bytes kept once in an arena:
/// open addressing over a hash of the bytes, so a lookup hashes bytes (from a
/// stack buffer, a file's buffer) and builds no `String`. Grows as keys are
/// added.
struct ByteKeyTable<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        /// Index into `values` + 1 (0: an empty bucket).
        var slot: Int32 = 0
        var length: Int32 = 0
        /// Where the key's bytes start in `arena`.
        var start = 0
        var hash: UInt64 = 0
    }

    private var entries: [Entry]
    private var arena: [UInt8] = []
    private var values: [Value] = []

    init(capacity: Int = 0) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        entries = [Entry](repeating: Entry(), count: size)
    }

    var count: Int { values.count }

    /// The value of `key`, or nil.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Value? {
        let (i, found) = bucket(of: key, Self.hash(key))
        return found ? values[Int(entries[i].slot) - 1] : nil
    }

    /// Adds `key` (not in the table yet) with `value`.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, _ value: Value) {
        if (values.count + 1) * 2 > entries.count { grow() }
        let h = Self.hash(key)
        let (i, found) = bucket(of: key, h)
        precondition(!found, "key added twice")
        values.append(value)
        entries[i] = Entry(slot: Int32(values.count), length: Int32(key.count), start: arena.count, hash: h)
        arena.append(contentsOf: key)
    }

    /// The bucket holding `key`, or the empty one where it would go.
    private func bucket(of key: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> (Int, Bool) {
        let mask = entries.count - 1
        var i = Int(truncatingIfNeeded: h >> 20) & mask
        return entries.withUnsafeBufferPointer { e in
            arena.withUnsafeBufferPointer { a in
                while e[i].slot != 0 {
                    if e[i].hash == h, Int(e[i].length) == key.count,
                       key.count == 0 || memcmp(a.baseAddress! + e[i].start, key.baseAddress!, key.count) == 0 {
                        return (i, true)
                    }
                    i = (i + 1) & mask
                }
                return (i, false)
            }
        }
    }

    /// Eight bytes at a time, multiplied and folded (only equal bytes need equal hashes; `memcmp` decides).
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= key.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < key.count { tail |= UInt64(key[i]) << shift; shift += 8; i += 1 }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }

    private mutating func grow() {
        let old = entries
        entries = [Entry](repeating: Entry(), count: old.count * 2)
        let mask = entries.count - 1
        for e in old where e.slot != 0 {
            var i = Int(truncatingIfNeeded: e.hash >> 20) & mask
            while entries[i].slot != 0 { i = (i + 1) & mask }
            entries[i] = e
        }
    }
}

extension ByteKeyTable {
    /// The value of `key`'s UTF-8 bytes.
    func find(_ key: String) -> Value? {
        var key = key
        return key.withUTF8 { find($0) }
    }

    mutating func insert(_ key: String, _ value: Value) {
        var key = key
        key.withUTF8 { insert($0, value) }
    }
}
