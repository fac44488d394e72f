import Foundation
import ControlShare
import Incidents

/// Reported figures (CSV) and analyst-drawn control areas (GeoJSON).
enum ControlTargets {
    static func reported(_ bytes: [UInt8]) {
        _ = try? ReportedObservations.read(path: Scratch.write(bytes, as: "reported.csv"))
    }

    static let classifier = ActorClassifier(table: ActorTable(entries: []))

    static func controlAreas(_ bytes: [UInt8]) {
        _ = try? ControlAreaLoader.load(path: Scratch.write(bytes, as: "control.geojson"), classifier: classifier)
        _ = try? ControlAreaLoader.load(path: Scratch.folder + "/control.geojson", classifier: classifier, repair: true)
    }
}
