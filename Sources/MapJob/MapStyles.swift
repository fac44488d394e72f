import Incidents
import LayerIO

/// The default QGIS styles of the map layers.
public enum MapStyles {
    static let eventColors: [(String, [Int])] = [
        (ACLEDEventType.battles.name, [228, 26, 28, 255]), (ACLEDEventType.violenceAgainstCivilians.name, [152, 78, 163, 255]),
        (ACLEDEventType.explosions.name, [255, 127, 0, 255]), (ACLEDEventType.riots.name, [255, 221, 51, 255]),
        (ACLEDEventType.protests.name, [55, 126, 184, 255]), (ACLEDEventType.strategicDevelopments.name, [77, 175, 74, 255]),
    ]

    public static func style(for layer: MapLayer) -> QGISStyle {
        switch layer {
        case .zones:
            let ramp: [[Int]] = [[255, 245, 240, 200], [252, 187, 161, 200], [251, 106, 74, 200], [203, 24, 29, 200], [103, 0, 13, 200]]
            // No information (NULL share) is drawn grey, not as 0%.
            var ranges: [(Double, Double, String, [Int])] = [(-1, -0.5, "no information", [220, 220, 220, 160])]
            for k in 0..<5 {
                let lo = k * 20, hi = (k + 1) * 20
                ranges.append((Double(lo) / 100, Double(hi) / 100, "gang share \(lo)–\(hi)%", ramp[k]))
            }
            return QGISStyle(geometry: .polygon, renderer: .graduated(attribute: "coalesce(\"gang_people\", \"gang_share\", -1)", ranges: ranges), labelField: "name")
        case .incidents:
            var cats: [(String, String, [Int])] = eventColors.map { ($0.0, $0.0, $0.1) }
            cats.append(("", "other", [150, 150, 150, 255]))
            return QGISStyle(geometry: .point, renderer: .categorized(attribute: "event_type", categories: cats),
                             sizeExpression: "min(2 + 1.2 * sqrt(coalesce(\"fatalities\", 0)), 9)")
        case .control:
            return QGISStyle(geometry: .polygon, renderer: .categorized(attribute: "class", categories: [
                (ControlClass.gang.rawValue, "gang", [203, 24, 29, 120]), (ControlClass.state.rawValue, "state", [33, 102, 172, 120]),
                (ControlClass.international.rawValue, "international", [77, 175, 74, 120]),
                (ControlClass.selfDefense.rawValue, "self-defense", [255, 127, 0, 120]), ("contested", "contested", [150, 150, 150, 100]),
                ("", "other", [200, 200, 200, 80]),
            ]))
        case .places:
            return QGISStyle(geometry: .point, renderer: .single(color: [40, 40, 40, 255]), labelField: "name")
        case .reported:
            return QGISStyle(geometry: .point, renderer: .single(color: [0, 0, 0, 255]), labelField: "share")
        }
    }
}
