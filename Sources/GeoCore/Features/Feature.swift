/// A feature identifier: GeoJSON allows a string or a number.
public enum FeatureID: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case int(Int)

    public var description: String {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        }
    }
}

/// One named attribute of a feature.
public struct Property: Hashable, Sendable {
    public var name: String
    public var value: PropertyValue

    public init(_ name: String, _ value: PropertyValue) {
        self.name = name
        self.value = value
    }
}

/// A geometry with an id and ordered, typed properties.
///
/// Property order is kept as given: writers emit columns in this order.
public struct Feature: Hashable, Sendable {
    public var id: FeatureID?
    /// `nil` for a feature without geometry (GeoJSON `"geometry": null`).
    public var geometry: Geometry?
    public var properties: [Property]

    public init(id: FeatureID? = nil, geometry: Geometry?, properties: [Property] = []) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
    }

    /// The first property named `name`, or `nil`.
    public subscript(name: String) -> PropertyValue? {
        get { properties.first { $0.name == name }?.value }
        set {
            if let i = properties.firstIndex(where: { $0.name == name }) {
                if let newValue { properties[i].value = newValue } else { properties.remove(at: i) }
            } else if let newValue {
                properties.append(Property(name, newValue))
            }
        }
    }
}

/// An ordered list of features (GeoJSON `FeatureCollection`).
public struct FeatureCollection: Hashable, Sendable {
    public var features: [Feature]

    public init(_ features: [Feature] = []) { self.features = features }

    /// The box around every feature's geometry, or `nil` when none has one.
    public var boundingBox: BoundingBox? {
        var box: BoundingBox?
        for f in features {
            guard let b = f.geometry?.boundingBox else { continue }
            if box == nil { box = b } else { box!.expand(toInclude: b) }
        }
        return box
    }
}
