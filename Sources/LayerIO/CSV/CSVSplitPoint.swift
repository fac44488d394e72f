import Foundation

/// Where a CSV file can be cut to read its parts at once: just after a line
/// break near each `k / parts` of its length that stands outside any quoted
/// field, counting quotes from the start of the file (in RFC 4180 every quote
/// opens or closes quoting; a doubled quote does both).
///
/// The count is a guess when quotes stand inside unquoted fields (`5" pipe`,
/// which the reader keeps as text): the reader of the part before a cut
/// confirms it by ending exactly there (``CSVReader/stopOffset``); when it
/// does not, the parts after are thrown away and it reads on.
public struct CSVSplitPoint: Equatable, Sendable {
    /// The file offset of the later part's first byte.
    public let offset: Int
    /// The physical line it starts on (1-based), for messages.
    public let line: Int

    public init(offset: Int, line: Int) {
        self.offset = offset
        self.line = line
    }

    /// Up to `parts - 1` cut points in file order (empty for a file shorter than `minimumBytes`, one that cannot be
    /// read, or standard input).
    public static func find(path: String, parts: Int, minimumBytes: Int = 8 << 20) -> [CSVSplitPoint] {
        guard parts > 1, path != "-" else { return [] }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return [] }
        let size = Int(st.st_size)
        guard size >= minimumBytes else { return [] }

        var points: [CSVSplitPoint] = []
        var lines = 1, quotes = 0
        var k = 1
        var target = size / parts
        var chunk = [UInt8](repeating: 0, count: 4 << 20)
        var pos = 0  // file offset of chunk[0]
        while k < parts {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            chunk.withUnsafeBufferPointer { b in
                var i = 0
                while i < n && k < parts {
                    if pos + i < target {
                        // Up to the target: line breaks and quotes counted (a loop the compiler vectorises).
                        let end = min(n, target - pos)
                        var nl = 0, q = 0
                        for c in UnsafeBufferPointer(rebasing: b[i..<end]) {
                            nl &+= c == 0x0A ? 1 : 0
                            q &+= c == 0x22 ? 1 : 0
                        }
                        lines += nl
                        quotes += q
                        i = end
                        continue
                    }
                    // Past it: the first line break outside quotes is the cut.
                    let c = b[i]
                    i += 1
                    if c == 0x22 { quotes += 1 }
                    guard c == 0x0A else { continue }
                    lines += 1
                    if quotes & 1 == 0 {
                        if pos + i < size { points.append(CSVSplitPoint(offset: pos + i, line: lines)) }
                        k += 1
                        target = size / parts * k
                    }
                }
            }
            pos += n
        }
        return points
    }
}
