import Foundation
import GeoCore

/// `-v/--verbose`: one line on standard error as each stage of a run ends, with its wall time —
/// `incidentmap: 12.4 s  reading and placing incidents` — and the whole run's at the end, whether or not standard
/// error is a terminal (a log, a benchmark). Fed by the same ``ProgressMeter`` snapshots as the progress line.
final class StageTimings: Sendable {
    private struct State {
        var stage: String?
        var started: UInt64 = 0
        var runStarted: UInt64 = DispatchTime.now().uptimeNanoseconds
    }
    private let state = Locked(State())

    /// Called with every snapshot: a new stage name ends the one before.
    func observe(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        let ended: (String, Double)? = state.withLock { s in
            guard s.stage != stage else { return nil }
            defer { s.stage = stage; s.started = now }
            return s.stage.map { ($0, Double(now - s.started) / 1e9) }
        }
        if let (name, seconds) = ended { Self.say(name, seconds) }
    }

    /// Ends the last stage and says the whole run's time.
    func finish() {
        let now = DispatchTime.now().uptimeNanoseconds
        let (last, total): ((String, Double)?, Double) = state.withLock { s in
            defer { s.stage = nil }
            return (s.stage.map { ($0, Double(now - s.started) / 1e9) }, Double(now - s.runStarted) / 1e9)
        }
        if let (name, seconds) = last { Self.say(name, seconds) }
        Self.say("in all", total)
    }

    private static func say(_ stage: String, _ seconds: Double) {
        StandardError.write(Data("incidentmap: \(String(format: "%7.2f", seconds)) s  \(stage)\n".utf8))
    }
}
