/// 64-bit FNV-1a: a fast, stable (seedless) hash of bytes, for lookup tables
/// keyed by bytes and for ETags that must not change between runs.
public struct FNV1a {
    public var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    // Inlinable, so callers in other modules get a loop specialised for their byte sequence
    // (unspecialised, every byte went through the Sequence witness table).
    @inlinable
    public mutating func combine<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        var h = value
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        value = h
    }

    @inlinable
    public static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h = FNV1a()
        h.combine(bytes)
        return h.value
    }
}
