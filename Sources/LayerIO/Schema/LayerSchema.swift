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
        /// What has been seen of one column.
        private struct Column: Sendable {
            var name: String
            var kind: Kind?
            var width = 0
            var decimals = 0
        }
        private var columns: [Column] = []
        private var position: [String: Int] = [:]

        public init() {}

        public mutating func add(_ f: Feature) {
            for (k, p) in f.properties.enumerated() {
                // Features of one stream usually carry their properties in the
                // same order: check the column at the same position before hashing.
                let c: Int
                if k < columns.count && columns[k].name == p.name { c = k }
                else if let i = position[p.name] { c = i }
                else { c = columns.count; position[p.name] = c; columns.append(Column(name: p.name)) }
                var this: Kind
                var w = 0, d = 0
                switch p.value {
                case .null: continue
                case .string(let s): this = .string; w = s.utf8.count
                case .int(let i): this = .integer; w = LayerSchema.decimalWidth(i)
                case .double(let x):
                    this = .double
                    (w, d) = LayerSchema.digits(x)
                case .bool: this = .boolean; w = 1
                case .date: this = .date; w = 8
                }
                columns[c].kind = Self.joined(columns[c].kind, this)
                if w > columns[c].width { columns[c].width = w }
                if d > columns[c].decimals { columns[c].decimals = d }
            }
        }

        /// The kind a column seen as `a` so far is once a value of kind `b` is seen (associative and commutative:
        /// builders of parts of a stream join to the builder of the whole).
        private static func joined(_ a: Kind?, _ b: Kind?) -> Kind? {
            switch (a, b) {
            case (nil, let t), (let t, nil): t
            case (let a?, let b?) where a == b: a
            case (.integer?, .double?), (.double?, .integer?): .double
            default: .string
            }
        }

        /// Adds what `later` saw (the features after this builder's, in a stream built in parts): the schema is
        /// then the one a single builder given every feature in order infers.
        public mutating func absorb(_ later: Builder) {
            for col in later.columns {
                let c: Int
                if let i = position[col.name] { c = i } else { c = columns.count; position[col.name] = c; columns.append(Column(name: col.name)) }
                columns[c].kind = Self.joined(columns[c].kind, col.kind)
                columns[c].width = max(columns[c].width, col.width)
                columns[c].decimals = max(columns[c].decimals, col.decimals)
            }
        }

        /// The schema of the columns some feature gave a value (a converter that invents no column for an input
        /// without it: ``schema`` keeps every column seen, typed by name when empty).
        public var filledSchema: LayerSchema {
            let filled = Set(columns.filter { $0.kind != nil }.map(\.name))
            return LayerSchema(fields: schema.fields.filter { filled.contains($0.name) })
        }

        public var schema: LayerSchema {
            LayerSchema(fields: columns.map { col in
                let k = col.kind ?? LayerSchema.kindOfEmptyColumn(col.name)
                // An empty column of decimals gets room for them (a Shapefile's N(1,0) would read as an integer).
                let emptyDouble = col.kind == nil && k == .double
                let width = k == .date ? 8 : (emptyDouble ? 18 : max(1, col.width))
                return Field(name: col.name, kind: k, width: width, decimals: emptyDouble ? 8 : (k == .double ? col.decimals : 0))
            })
        }
    }

    /// The kind of a column every feature left empty, from its name: IncidentMap's own fields keep their kind when a
    /// run has no value for them (a GeoPackage's `killed`, `reported_share`, `as_of` stay numbers and dates); any
    /// other empty column is text.
    public static func kindOfEmptyColumn(_ name: String) -> Kind {
        let n = name.lowercased()
        if ["killed", "injured", "abducted", "displaced", "fatalities", "incidents", "year", "timestamp", "geo_precision", "inter1", "inter2",
            "interaction", "time_precision"].contains(n) { return .integer }
        if ["confidence", "population", "area_km2", "evidence", "overlap_km2", "contested", "no_information", "combat",
            "latitude", "longitude", "snap_km"].contains(n)
            || ["_share", "_lo", "_hi", "_people", "_overlay", "_km2"].contains(where: { n.hasSuffix($0) }) { return .double }
        if ["as_of", "since", "until", "event_date", "first_date", "last_date"].contains(n) || n.hasSuffix("_date") { return .date }
        return .string
    }

    /// Characters of `i` written in decimal, with its sign.
    static func decimalWidth(_ i: Int) -> Int {
        var n = i == Int.min ? 20 : (i < 0 ? 2 : 1)
        var m = i == Int.min ? 0 : i.magnitude / 10
        while m > 0 { n += 1; m /= 10 }
        return n
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
