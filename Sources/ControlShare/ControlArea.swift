import Foundation
import GeoCore
import Incidents
import LayerIO

/// An analyst-drawn area held by an actor or class, valid between two dates.
public struct ControlArea: Sendable {
    public let id: String
    public let geometry: Geometry
    /// The actor or class as written in the layer.
    public let controller: String
    /// The control class it belongs to.
    public let controlClass: ControlClass
    public let since: CalendarDate?
    public let until: CalendarDate?
    public let source: String?
    /// 0…1, when given.
    public let confidence: Double?

    public init(id: String, geometry: Geometry, controller: String, controlClass: ControlClass, since: CalendarDate?, until: CalendarDate?,
                source: String?, confidence: Double?) {
        self.id = id
        self.geometry = geometry
        self.controller = controller
        self.controlClass = controlClass
        self.since = since
        self.until = until
        self.source = source
        self.confidence = confidence
    }

    /// Valid on `date` (no date: always).
    public func isValid(on date: CalendarDate?) -> Bool {
        guard let date else { return true }
        if let since, date < since { return false }
        if let until, date > until { return false }
        return true
    }
}

/// Problems with a control-area layer, naming file and feature.
public struct ControlAreaError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let feature: Int
    public let reason: String
    public var description: String { "\(path): feature \(feature): \(reason)" }
}

public enum ControlAreaLoader {
    /// Reads polygons with a `controller` attribute (optional `since`,
    /// `until` as ISO dates, `source`, `confidence`). Invalid polygons stop
    /// the load unless `repair` is set.
    public static func load(path: String, classifier: ActorClassifier, repair: Bool = false) throws -> [ControlArea] {
        let fc = try LayerReader.read(path: path)
        var out: [ControlArea] = []
        for (i, f) in fc.features.enumerated() {
            guard var g = f.geometry else { continue }
            guard g.isAreal else { throw ControlAreaError(path: path, feature: i, reason: "a \(g.typeName); control areas are polygons") }
            guard let controller = f["controller"]?.stringValue, !controller.isEmpty else {
                throw ControlAreaError(path: path, feature: i, reason: "no 'controller' attribute (an actor name or a class: gang, state, international, self_defense)")
            }
            if case let .invalid(reason, _) = try g.validity() {
                guard repair else { throw ControlAreaError(path: path, feature: i, reason: "invalid polygon: \(reason) (use --repair)") }
                g = try g.makeValid()
            }
            func date(_ name: String) throws -> CalendarDate? {
                switch f[name] {
                case nil, .null?: return nil
                case .date(let d)?: return d
                case .string(let s)?:
                    if s.isEmpty { return nil }
                    guard let d = CalendarDate(iso8601: s) else { throw ControlAreaError(path: path, feature: i, reason: "\(name) '\(s)' is not YYYY-MM-DD") }
                    return d
                case let other?: throw ControlAreaError(path: path, feature: i, reason: "\(name) \(other) is not a date")
                }
            }
            let confidence = f["confidence"]?.doubleValue
            if let c = confidence, !(0...1).contains(c) { throw ControlAreaError(path: path, feature: i, reason: "confidence \(c) is outside 0…1") }
            out.append(ControlArea(id: f["id"]?.description ?? f.id?.description ?? String(i), geometry: g, controller: controller,
                                   controlClass: classifier.classify(actor: controller, inter: nil),
                                   since: try date("since"), until: try date("until"), source: f["source"]?.stringValue, confidence: confidence))
        }
        return out
    }
}
