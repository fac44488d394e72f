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
        // Warnings quote the data (actor names, zone names, cells): control characters in it are shown, not run.
        var text = warnings.prefix(shown).map { "warning: \(TerminalText.clean($0))\n" }.joined()
        if warnings.count > shown {
            text += "warning: … \(warnings.count - shown) more"
                + (file.map { " (all \(warnings.count) are in \($0))" } ?? " (--warnings FILE writes them all)") + "\n"
        }
        if !text.isEmpty { StandardError.write(Data(text.utf8)) }
    }
}
