/// Spaces and tabs at the ends of a field, found on its bytes (both are single bytes in UTF-8 and Latin-1, so what
/// is left starts and ends on a character boundary).
public enum Blanks {
    /// `bytes` without the spaces and tabs at both ends (the same memory, no copy).
    @inline(__always)
    public static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let base = bytes.baseAddress else { return bytes }
        var lo = 0, hi = bytes.count
        while lo < hi, base[lo] == 0x20 || base[lo] == 0x09 { lo += 1 }
        while hi > lo, base[hi - 1] == 0x20 || base[hi - 1] == 0x09 { hi -= 1 }
        return lo == 0 && hi == bytes.count ? bytes : UnsafeBufferPointer(start: base + lo, count: hi - lo)
    }
}
