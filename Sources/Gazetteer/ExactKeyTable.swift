import Foundation
import GeoCore

/// Resolutions of exact and alias keys, looked up by the key's bytes: open
/// addressing over a 64-bit FNV-1a hash, so an exact lookup hashes the bytes
/// the normaliser wrote into a stack buffer and builds no `String`.
struct ExactKeyTable: Sendable {
    private var slots: [Int32]
    private var mask: Int
    private var hashes: [UInt64] = []
    private var keyStarts: [Int] = [0]
    private var keyBytes: [UInt8] = []
    private var values: [Resolution] = []

    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { FNV1a.hash(bytes) }

    mutating func insert(_ key: String, _ value: Resolution) {
        var key = key
        key.withUTF8 { bytes in
            let h = Self.hash(bytes)
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(values.count)
            hashes.append(h)
            keyBytes.append(contentsOf: bytes)
            keyStarts.append(keyBytes.count)
            values.append(value)
        }
    }

    func find(_ key: String) -> Resolution? {
        var key = key
        return key.withUTF8 { find($0) }
    }

    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Resolution? {
        let h = Self.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[i])
            if e < 0 { return nil }
            if hashes[e] == h {
                let start = keyStarts[e], end = keyStarts[e + 1]
                if end - start == bytes.count, keyBytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0 }) {
                    return values[e]
                }
            }
            i = (i + 1) & mask
        }
    }
}
