import Dispatch
import GeoCore

/// One layer served as an OGC API – Features collection: its features,
/// encoded once as GeoJSON, with what the filters need (bounding boxes,
/// dates) computed up front. Immutable once built, so shared by every request.
public struct ServedCollection: Sendable {
    public let id: String
    public let title: String
    public let description: String
    /// Feature ids as served (`/items/{featureId}`): the feature's own id, or its 1-based position.
    public let featureIDs: [String]
    let encoded: [[UInt8]]
    let boxes: [BoundingBox?]
    /// The temporal property's value per feature (nil: none).
    let dates: [CalendarDate?]
    /// Which property carries the date (`event_date`, `date`, …), if any.
    public let temporalProperty: String?
    /// Property name → each feature's value as text (for `name=value` filters).
    let propertyText: [String: [String?]]
    public let propertyNames: [String]
    public let propertyKinds: [String: String]
    public let extent: BoundingBox?
    public let interval: (CalendarDate, CalendarDate)?
    private let positionOfID: [String: Int]
    /// Where the features live when they are not held here (a database); nil: in memory.
    public let store: (any CollectionStore)?

    public let count: Int

    /// Properties that hold the date of a feature, in order of preference.
    static let temporalCandidates = ["event_date", "date", "as_of", "last_date"]

    public init(id: String, title: String, description: String, features: [Feature]) {
        self.id = id
        self.title = title
        self.description = description
        store = nil
        count = features.count
        var ids: [String] = [], enc: [[UInt8]] = [], boxes: [BoundingBox?] = []
        var names: [String] = [], kinds: [String: String] = [:]
        var text: [String: [String?]] = [:]
        for f in features {
            for p in f.properties where kinds[p.name] == nil || kinds[p.name] == "null" {
                if kinds[p.name] == nil { names.append(p.name) }
                kinds[p.name] = Self.kind(p.value)
            }
        }
        var firstSeen = Set<String>()
        var byID: [String: Int] = [:]
        for (i, f) in features.enumerated() {
            var f = f
            var fid = f.id?.description ?? String(i + 1)
            if firstSeen.contains(fid) { fid = String(i + 1) }  // duplicate ids: fall back to the position
            firstSeen.insert(fid)
            f.id = .string(fid)
            byID[fid] = i
            ids.append(fid)
            enc.append(GeoJSONWriter.encodeFeature(f))
            boxes.append(f.geometry?.boundingBox)
            // One pass over the feature's properties (not one search per name).
            var values: [String: String] = [:]
            for p in f.properties where !p.value.isNull && values[p.name] == nil { values[p.name] = p.value.description }
            for n in names { text[n, default: []].append(values[n]) }
        }
        featureIDs = ids
        encoded = enc
        self.boxes = boxes
        propertyText = text
        propertyNames = names
        propertyKinds = kinds.mapValues { $0 == "null" ? "string" : $0 }
        positionOfID = byID
        let temporal = Self.temporalCandidates.first { name in kinds[name] != nil }
        temporalProperty = temporal
        let dates: [CalendarDate?] = features.map { f in
            guard let temporal, let v = f.properties.first(where: { $0.name == temporal })?.value else { return nil }
            switch v {
            case .date(let d): return d
            case .string(let s): return CalendarDate(iso8601: s.prefix(10))
            default: return nil
            }
        }
        self.dates = dates
        let present = dates.compactMap { $0 }
        interval = present.min().flatMap { lo in present.max().map { (lo, $0) } }
        extent = boxes.compactMap { $0 }.reduce(nil) { acc, b in acc.map { $0.union(b) } ?? b }
    }

    /// A collection whose features stay in a store and are read per request.
    public init(id: String, title: String, description: String, store: any CollectionStore, count: Int, propertyNames: [String],
                propertyKinds: [String: String], temporalProperty: String?, extent: BoundingBox?, interval: (CalendarDate, CalendarDate)?) {
        self.id = id
        self.title = title
        self.description = description
        self.store = store
        self.count = count
        self.propertyNames = propertyNames
        self.propertyKinds = propertyKinds
        self.temporalProperty = temporalProperty
        self.extent = extent
        self.interval = interval
        featureIDs = []
        encoded = []
        boxes = []
        dates = []
        propertyText = [:]
        positionOfID = [:]
    }

    static func kind(_ v: PropertyValue) -> String {
        switch v {
        case .string: "string"
        case .int: "integer"
        case .double: "number"
        case .bool: "boolean"
        case .date: "date"
        case .null: "null"
        }
    }

    /// The feature whose served id is `id` (paging's `after` uses only this).
    func position(ofID id: String) -> Int? { positionOfID[id] }

    /// The feature with this id; failing that, when `id` is a whole number from 1 to the count, the feature at that
    /// 1-based position (so `/items/1` is the first feature whatever its ids are, as the README promises).
    public func position(ofFeature id: String) -> Int? {
        if let i = position(ofID: id) { return i }
        if let n = Int(id), n >= 1, n <= featureIDs.count { return n - 1 }
        return nil
    }

    /// Positions of the features a query selects, in order; `nil` when the
    /// scan passes `deadline` (uptime nanoseconds; checked every 1,024 features, first before any).
    func select(_ q: ItemsQuery, deadline: UInt64? = nil) -> [Int]? {
        var out: [Int] = []
        out.reserveCapacity(encoded.count)
        let filters = q.propertyFilters.map { (propertyText[$0.key] ?? [], $0.value) }
        for i in encoded.indices {
            if let deadline, i & 1023 == 0, DispatchTime.now().uptimeNanoseconds > deadline { return nil }
            if let bbox = q.bbox {
                guard let b = boxes[i], bbox.intersects(b) else { continue }
            }
            if let range = q.datetime, temporalProperty != nil {
                guard let d = dates[i], range.contains(d) else { continue }
            }
            var ok = true
            for (values, wanted) in filters where values[i] != wanted { ok = false; break }
            if ok { out.append(i) }
        }
        return out
    }
}
