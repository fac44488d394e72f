import GeoCore

/// The columns of a layer, inferred from its features' properties: name,
/// type, and for DBF the width and decimals the data needs.
public struct LayerSchema: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case string, integer, double, boolean, date
    }

    public struct Field: Sendable, Equatable {
        public let name: String
        public let kind: Kind
        /// Longest UTF-8 text in bytes (strings), digits (numbers).
        public var width: Int
        public var decimals: Int
    }

    public let fields: [Field]

    public init(fields: [Field]) { self.fields = fields }

    /// Infers the schema: the first feature's order, then new names as they
    /// appear. A column mixing ints and doubles is double; mixing numbers and
    /// text, or anything with dates and other types, is text; all-null is text.
    public init(inferring features: [Feature]) {
        var b = Builder()
        for f in features { b.add(f) }
        self = b.schema
    }

    /// Infers a schema feature by feature (for streams read twice).
    public struct Builder: Sendable {
        private var order: [String] = []
        private var kinds: [String: Kind?] = [:]
        private var width: [String: Int] = [:]
        private var decimals: [String: Int] = [:]

        public init() {}

        public mutating func add(_ f: Feature) {
            for p in f.properties {
                if kinds[p.name] == nil { order.append(p.name); kinds[p.name] = .some(nil) }
                let current = kinds[p.name]!
                var this: Kind?
                var w = 0, d = 0
                switch p.value {
                case .null: continue
                case .string(let s): this = .string; w = s.utf8.count
                case .int(let i): this = .integer; w = String(i).count
                case .double(let x):
                    this = .double
                    let (iw, dec) = LayerSchema.digits(x)
                    w = iw; d = dec
                case .bool: this = .boolean; w = 1
                case .date: this = .date; w = 8
                }
                let merged: Kind
                switch (current, this!) {
                case (nil, let t): merged = t
                case (let a?, let b) where a == b: merged = a
                case (.integer?, .double), (.double?, .integer): merged = .double
                default: merged = .string
                }
                kinds[p.name] = merged
                width[p.name] = max(width[p.name] ?? 0, w)
                decimals[p.name] = max(decimals[p.name] ?? 0, d)
            }
        }

        public var schema: LayerSchema {
            LayerSchema(fields: order.map { name in
                let k = (kinds[name] ?? nil) ?? .string
                return Field(name: name, kind: k, width: max(1, width[name] ?? 1), decimals: k == .double ? decimals[name] ?? 0 : 0)
            })
        }
    }

    /// Integer-part digits (with sign) and the decimals needed (≤ 8) to
    /// write `x` without losing what 7-decimal coordinates carry.
    static func digits(_ x: Double) -> (Int, Int) {
        guard x.isFinite else { return (1, 0) }
        let whole = String(Int(x.magnitude.rounded(.down))).count + (x < 0 ? 1 : 0)
        var dec = 0
        var scaled = x.magnitude
        while dec < 8 && abs(scaled - scaled.rounded()) > 1e-9 * max(1, scaled) { scaled *= 10; dec += 1 }
        return (whole, dec)
    }
}
