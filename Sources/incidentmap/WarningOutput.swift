import Foundation
import GeoCore
import LayerIO

/// Warnings go to standard error, never into the data on standard output (`summary > table.txt` holds the table
/// only): the first ``shown``, then how many more and where the whole list is. `--warnings FILE` writes every
/// warning, one per line (an empty file when there is none), whole or not at all.
enum WarningOutput {
    static let shown = 20

    static func emit(_ warnings: [String], file: String?) throws {
        if let file {
            let sink = try AtomicFile(destination: file)
            try sink.write(Array(warnings.map { $0 + "\n" }.joined().utf8))
            try sink.commit()
        }
        // Grouped by kind on the terminal: one line per kind with its count and up to three examples (87 rows of
        // "admin3 says … but the point lies in …" are one finding, not 87). Every one is in --warnings FILE.
        var kinds: [String: [String]] = [:]
        var order: [String] = []
        for w in warnings {
            let k = kind(of: w)
            if kinds[k] == nil { order.append(k) }
            kinds[k, default: []].append(w)
        }
        order.sort { kinds[$0]!.count > kinds[$1]!.count }
        var text = ""
        var lines = 0, shownKinds = 0, shownWarnings = 0
        for k in order {
            guard lines < shown else { break }
            let all = kinds[k]!
            // Warnings quote the data (actor names, zone names, cells): control characters in it are shown, not run.
            if all.count == 1 {
                text += "warning: \(TerminalText.clean(all[0]))\n"
                lines += 1
            } else {
                text += "warning: \(all.count)× \(TerminalText.clean(k))\n"
                for e in all.prefix(3) { text += "  e.g. \(TerminalText.clean(e))\n" }
                lines += 1 + min(3, all.count)
            }
            shownKinds += 1
            shownWarnings += all.count
        }
        let where_ = file.map { "all \(warnings.count) are in \($0)" } ?? "--warnings FILE writes them all"
        if shownKinds < order.count {
            text += "warning: … \(warnings.count - shownWarnings) more of \(order.count - shownKinds) more kinds (\(where_))\n"
        } else if order.contains(where: { kinds[$0]!.count > 3 }) {
            text += "warning: \(warnings.count) warnings of \(order.count) kind\(order.count == 1 ? "" : "s") (\(where_))\n"
        }
        if !text.isEmpty { StandardError.write(Data(text.utf8)) }
    }

    /// A warning's kind: the message without where it was found (`file line N: `, `file: event X: `) and with the
    /// quoted values, numbers and codes left out — what many rows may share.
    static func kind(of warning: String) -> String {
        var s = warning
        if let r = s.range(of: #"^.*?(line \d+|event [^:]+|:\d+):\s*"#, options: .regularExpression) { s.removeSubrange(r) }
        s = s.replacingOccurrences(of: #"'[^']*'"#, with: "'…'", options: .regularExpression)
        s = s.replacingOccurrences(of: #"\([A-Z]{2}[0-9A-Z-]*\)"#, with: "(…)", options: .regularExpression)
        s = s.replacingOccurrences(of: #"-?\d+(\.\d+)?"#, with: "N", options: .regularExpression)
        return s
    }
}
