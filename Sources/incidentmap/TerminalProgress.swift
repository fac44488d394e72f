import Foundation
import GeoCore

/// Draws a ``ProgressMeter`` on standard error when it is a terminal: one line redrawn in place,
/// `… clipping grid cells against 140 zones  ██████░░░░░░  52%  73/140 zones  41/s  ETA 2 s`
/// (count and rate only when the total is unknown). Nothing at all when standard error is not a
/// terminal or with `--quiet`; `clear()` erases the line before the program prints its results.
struct TerminalProgress {
    let meter: ProgressMeter?
    private let drawing: Bool
    private let timings: StageTimings?

    /// `verbose`: also say each stage's wall time as it ends (``StageTimings``), terminal or not.
    init(enabled: Bool, verbose: Bool = false) {
        let drawing = enabled && isatty(2) == 1
        let timings = verbose ? StageTimings() : nil
        self.drawing = drawing
        self.timings = timings
        meter = drawing || verbose ? ProgressMeter { s in
            // The finished stage's line goes above the progress line, which is then drawn again.
            if drawing, timings != nil { StandardError.write(Data("\u{1B}[2K\r".utf8)) }
            timings?.observe(s.stage)
            if drawing { StandardError.write(Data(("\u{1B}[2K\r" + Self.line(s, width: Self.columns)).utf8)) }
        } : nil
    }

    /// A stage without counts (drawn at once).
    func step(_ stage: String) { meter?.begin(stage, unit: "") }

    /// Erases the progress line (and, verbose, says the last stage's time and the whole run's).
    func clear() {
        if drawing { StandardError.write(Data("\u{1B}[2K\r".utf8)) }
        timings?.finish()
    }

    static var columns: Int {
        TableWidth.terminalColumns(2) ?? Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }

    /// The line for a snapshot, cut to `width` characters (so it never wraps and redraws cleanly).
    static func line(_ s: ProgressMeter.Snapshot, width: Int) -> String {
        var parts = ["… " + s.stage]
        if !s.unit.isEmpty {
            if let total = s.total, total > 0 {
                let f = min(1, Double(s.done) / Double(total))
                let filled = Int((f * 12).rounded(.down))
                parts.append(String(repeating: "█", count: filled) + String(repeating: "░", count: 12 - filled))
                parts.append("\(Int((f * 100).rounded(.down)))%")
                parts.append("\(grouped(s.done))/\(grouped(total)) \(s.unit)")
            } else {
                parts.append("\(grouped(s.done)) \(s.unit)")
            }
            if let r = s.rate { parts.append(rate(r) + "/s") }
            if let left = s.remaining { parts.append("ETA " + duration(left)) }
        }
        let text = parts.joined(separator: "  ")
        return text.count <= width - 1 ? text : String(text.prefix(max(0, width - 2))) + "…"
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    static func rate(_ r: Double) -> String {
        r >= 1e6 ? String(format: "%.1fM", r / 1e6) : r >= 1e4 ? String(format: "%.0fk", r / 1e3) : r >= 1e3 ? String(format: "%.1fk", r / 1e3) : String(format: "%.0f", r)
    }

    static func duration(_ s: Double) -> String {
        s < 60 ? "\(Int(s.rounded(.up))) s" : s < 3600 ? "\(Int(s / 60)) min \(Int(s.truncatingRemainder(dividingBy: 60))) s" : String(format: "%.1f h", s / 3600)
    }
}
