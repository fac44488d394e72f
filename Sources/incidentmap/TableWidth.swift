import Foundation

/// How wide the summary table may be: cut to the terminal when standard output is one (`COLUMNS`, else the
/// terminal's own width), to `COLUMNS` when the user exported it, and never cut for a file or a pipe
/// (`summary > table.txt` keeps every cell whole).
enum TableWidth {
    static var current: Int? {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), c > 0 { return c }
        guard isatty(1) == 1 else { return nil }
        return terminalColumns(1) ?? 120
    }

    /// The width of the terminal on file descriptor `fd`, if it is one that says.
    static func terminalColumns(_ fd: Int32) -> Int? {
        var w = winsize()
        return ioctl(fd, UInt(TIOCGWINSZ), &w) == 0 && w.ws_col > 0 ? Int(w.ws_col) : nil
    }
}
