/// Path names taken apart without Foundation's `NSString.deletingLastPathComponent`, which traps on a one-character
/// path ("k", "j") in swift-corelibs-foundation: `map --out k` died with "Illegal instruction" (issue 36).
public enum PathName {
    /// The folder part of `path` as `dirname` without the final "." ("" for a bare name, "/" for a name in the root);
    /// trailing slashes are ignored ("a/b/" → "a").
    public static func parent(of path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        if slash == p.startIndex { return "/" }
        var head = p[..<slash]
        while head.count > 1, head.hasSuffix("/") { head = head.dropLast() }
        return String(head)
    }
}
