import Foundation
import GeoCore
import LayerIO

extension IncidentTableReader {
    /// Reads `path` in up to `parts` byte ranges at once, each on a thread of its own (the first on the calling
    /// thread), cut at line breaks ``CSVSplitPoint`` finds. `body(k, incident)` is called with part `k`'s rows in
    /// file order, from part `k`'s thread: parts run at the same time, so each needs a consumer of its own.
    ///
    /// Returns the report — the same as ``read(path:_:)`` gives: counts, problems and warnings with their file lines,
    /// in file order — and how many parts are valid: the rows of parts `0..<parts` are the file's rows, in order.
    /// When a cut turns out to be inside a quoted field (the part before it does not end there), that part reads on
    /// to the end and the parts after it are thrown away: their consumers' rows must be ignored. Errors are thrown as
    /// reading the file in one go would: the first in file order.
    public func readInParts(path: String, parts: Int,
                            _ body: (_ part: Int, Incident) throws -> Void) throws -> (report: ReadReport, parts: Int) {
        try readInParts(path: path, cutAt: CSVSplitPoint.find(path: path, parts: parts), body)
    }

    /// The same, cut at `points` (in file order; none reads the file in one go).
    public func readInParts(path: String, cutAt points: [CSVSplitPoint],
                            _ body: (_ part: Int, Incident) throws -> Void) throws -> (report: ReadReport, parts: Int) {
        guard !points.isEmpty else { return (try read(path: path) { try body(0, $0) }, 1) }
        let first = try CSVReader(path: path, delimiter: Self.delimiter(of: path))
        guard try first.next() else {
            var report = ReadReport()
            report.warn("\(first.path): empty file")
            return (report, 1)
        }
        let layout = try Layout(header: first, columnMapping: columnMapping)
        first.stopOffset = points[0].offset

        struct Outcome {
            var report = ReadReport()
            var state: RowState
            var overran = false
            var error: Error?
        }
        let count = points.count + 1
        // Parts from this number on are not wanted (an earlier part failed, or read on past its end).
        let cancelFrom = Locked(Int.max)
        let outcomes = Locked([Outcome?](repeating: nil, count: count))
        try withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let me = self, each = body, header = layout, firstReader = first
            nonisolated(unsafe) let readPart: (Int, inout Outcome) throws -> Void = { k, outcome in
                let reader = k == 0 ? firstReader : try CSVReader(path: path, delimiter: Self.delimiter(of: path), offset: points[k - 1].offset, line: points[k - 1].line)
                if k < points.count { reader.stopOffset = points[k].offset }
                defer {
                    outcome.overran = reader.overranStop
                    if reader.overranStop { cancelFrom.withLock { $0 = min($0, k + 1) } }
                }
                try me.readRows(reader, path: path, layout: header, state: &outcome.state, report: &outcome.report, cancelled: {
                    if reader.overranStop { cancelFrom.withLock { $0 = min($0, k + 1) } }
                    return cancelFrom.withLock { k >= $0 }
                }) { try each(k, $0) }
            }
            // Each part on a thread of its own, this one among them; every part is done when this returns.
            DispatchQueue.concurrentPerform(iterations: count) { k in
                var outcome = Outcome(state: RowState(dateOrder: me.dateOrder))
                do { try readPart(k, &outcome) } catch {
                    outcome.error = error
                    cancelFrom.withLock { $0 = min($0, k + 1) }
                }
                outcomes.withLock { $0[k] = outcome }
            }
        }

        // The valid parts: up to the first that read on past its end (every later part is thrown away).
        let results = outcomes.withLock { $0.map { $0! } }
        let valid = (results.firstIndex { $0.overran } ?? count - 1) + 1
        var report = ReadReport()
        var dateOrderWarned = false, latin1Warned = false
        for k in 0..<valid {
            var part = results[k]
            if let error = part.error { throw error }
            // A one-off warning a part gave that an earlier part gave already: once, as reading in one go gives it.
            let repeated = [dateOrderWarned ? part.state.dateOrderWarning : nil, latin1Warned ? part.state.latin1Warning : nil]
            for i in repeated.compactMap({ $0 }).sorted(by: >) { part.report.warnings.remove(at: i) }
            dateOrderWarned = dateOrderWarned || part.state.dateOrderWarning != nil
            latin1Warned = latin1Warned || part.state.latin1Warning != nil
            report.absorb(part.report)
        }
        return (report, valid)
    }
}
