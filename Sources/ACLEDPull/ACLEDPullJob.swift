import Foundation
import GeoCore

/// `acled pull`: the first time, every page of the query into a new store; after that, only the events ACLED
/// added or changed since the newest `timestamp` the store holds (ACLED updates its data weekly), with the events
/// ACLED deleted since then removed (its deleted endpoint). The store is written once, at the end: a pull that
/// fails part way (network, rate limit, tier) leaves it as it was.
public enum ACLEDPullJob {
    public struct Result: Sendable, Equatable {
        public var incremental = false
        /// The timestamp an update asked from (nil: a first pull).
        public var since: Int?
        public var received = 0
        public var added = 0
        public var changed = 0
        public var deleted = 0
        public var total = 0
        public var pages = 0
        public var lastTimestamp: Int?
    }

    /// Pulls `query` into the store at `path`; `pageSize` rows a page (ACLED's limit, 5,000 by default).
    public static func run(client: ACLEDClient, query: ACLEDQuery, store path: String, pageSize: Int = 5_000,
                           progress: (String) -> Void = { _ in }) throws -> Result {
        var store = try ACLEDStore.read(path) ?? ACLEDStore()
        var result = Result()
        if !store.rows.isEmpty || store.query != nil {
            guard let kept = store.query else {
                throw ACLEDStoreError(path: path, reason: "exists but has no \((ACLEDStore.metaPath(path) as NSString).lastPathComponent) beside it: not a store `acled pull` wrote (give another -o)")
            }
            guard kept == query.key else {
                throw ACLEDStoreError(path: path, reason: "was pulled with another query (\(kept)); this one is \(query.key): give another -o")
            }
            result.incremental = store.lastTimestamp != nil
            result.since = store.lastTimestamp
        }
        client.askedDates = query.datesInWords
        var parameters = [("_format", "json")] + query.parameters
        if let since = result.since { parameters += [("timestamp", String(since)), ("timestamp_where", ">=")] }
        var newest = store.lastTimestamp
        let eventPages = try pages(client: client, path: "/api/acled/read", parameters: parameters, pageSize: pageSize) { row in
            let fields = fields(of: row)
            if let t = fields.first(where: { $0.0 == "timestamp" }).flatMap({ Int($0.1) }) { newest = max(newest ?? t, t) }
            switch store.upsert(fields) {
            case .added: result.added += 1
            case .changed: result.changed += 1
            case .unchanged: break
            }
            result.received += 1
        }
        result.pages += eventPages
        progress("\(result.received) events in \(result.pages) pages")
        if let since = result.since {
            // Deleted since the last pull: ACLED's deleted endpoint lists every country's; ours are removed.
            var ids = Set<String>()
            result.pages += try pages(client: client, path: "/api/deleted/read",
                                      parameters: [("_format", "json"), ("deleted_timestamp", String(since)), ("deleted_timestamp_where", ">=")],
                                      pageSize: pageSize) { row in
                if let id = fields(of: row).first(where: { $0.0 == "event_id_cnty" })?.1 { ids.insert(id) }
            }
            result.deleted = store.delete(ids)
        }
        store.query = query.key
        store.lastTimestamp = newest
        try store.write(path)
        result.total = store.rows.count
        result.lastTimestamp = newest
        return result
    }

    /// Every page of `path` (`limit`, `page` = 1, 2, …) until one holds fewer rows than the limit.
    /// Returns how many pages were read.
    static func pages(client: ACLEDClient, path: String, parameters: [(String, String)], pageSize: Int,
                      _ each: (JSONValue) throws -> Void) throws -> Int {
        for page in 1...100_000 {
            let answer = try client.get(path, query: parameters + [("limit", String(pageSize)), ("page", String(page))])
            guard case .object(let fields) = answer, case .array(let data)? = fields.first(where: { $0.0 == "data" })?.1 else {
                throw ACLEDError.malformed(url: client.base + path, reason: "no data array on page \(page)")
            }
            for row in data { try each(row) }
            if data.count < pageSize { return page }
        }
        return 100_000
    }

    /// A row's fields as text, in ACLED's order (numbers written as ACLED writes them in its CSV).
    static func fields(of row: JSONValue) -> [(String, String)] {
        guard case .object(let pairs) = row else { return [] }
        return pairs.map { key, value in
            switch value {
            case .string(let s): (key, s)
            case .int(let i): (key, String(i))
            case .double(let d): (key, d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d))
            case .bool(let b): (key, b ? "1" : "0")
            case .null: (key, "")
            default: (key, "")
            }
        }
    }
}
