import Foundation

/// How wide the summary table may be (columns beyond it are dropped in a fixed order, long names cut with "…";
/// `--wide` or a machine format, `-f csv|json`, for every column):
/// - `COLUMNS` when the user exported it;
/// - on a terminal, the terminal's width;
/// - piped (`summary | less`), the width of the terminal the command was typed in (standard error's, else the
///   controlling terminal's), else ``pipeWidth``;
/// - a file (`-o table.txt`): the caller passes no width, every cell whole.
enum TableWidth {
    /// The width of a table piped where no terminal says its width (a script, cron, CI).
    static let pipeWidth = 120

    static var current: Int? {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), c > 0 { return c }
        if isatty(1) == 1 { return terminalColumns(1) ?? pipeWidth }
        if isatty(2) == 1, let c = terminalColumns(2) { return c }
        let tty = open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC)
        if tty >= 0 {
            defer { close(tty) }
            if let c = terminalColumns(tty) { return c }
        }
        return pipeWidth
    }

    /// The width of the terminal on file descriptor `fd`, if it is one that says.
    static func terminalColumns(_ fd: Int32) -> Int? {
        var w = winsize()
        return ioctl(fd, UInt(TIOCGWINSZ), &w) == 0 && w.ws_col > 0 ? Int(w.ws_col) : nil
    }
}
