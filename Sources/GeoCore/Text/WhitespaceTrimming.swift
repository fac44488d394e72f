extension Substring {
    /// The text without the white space around it: the same as Foundation's
    /// `trimmingCharacters(in: .whitespaces)` (Unicode category Zs and the tab;
    /// line breaks are kept), without bridging to `NSString`.
    public var trimmingWhitespace: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }) else { return self[endIndex...] }
        let last = scalars.lastIndex(where: { !isWhitespace($0) })!
        return Substring(scalars[first...last])
    }
}

extension String {
    /// ``Substring/trimmingWhitespace``, without a copy when there is nothing to trim.
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        if let a = scalars.first, let z = scalars.last, !isWhitespace(a), !isWhitespace(z) { return self }
        return String(self[...].trimmingWhitespace)
    }
}

@inline(__always)
private func isWhitespace(_ s: Unicode.Scalar) -> Bool {
    if s.value < 0x80 { return s.value == 0x20 || s.value == 0x09 }
    return s.properties.generalCategory == .spaceSeparator
}
