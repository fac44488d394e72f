import Foundation

/// A small HTTP/1.1 server on 127.0.0.1 that speaks ACLED's API as its documentation and acledR describe it: the
/// token endpoint (password and refresh-token grants, client id `acled`), `/api/acled/read` (filters, `timestamp`
/// with `timestamp_where`, `limit`/`page`) and `/api/deleted/read`, with the failures a real account meets. One
/// connection at a time, `Connection: close`.
public final class FakeACLEDServer: @unchecked Sendable {
    public struct Request {
        public let method: String
        public let path: String
        public let query: [String: String]
        public let headers: [String: String]
        public let form: [String: String]
    }

    public let port: Int
    private let fd: Int32
    private let lock = NSLock()
    private var _requests: [Request] = []
    /// Every request, in order (bodies included: the test checks where the password went).
    public var requests: [Request] { lock.withLock { _requests } }
    public var rawRequests: [String] { lock.withLock { _raw } }
    private var _raw: [String] = []

    /// The account, the data and the failures to answer with: set by the test, read by the server thread, always under
    /// the lock (so the two threads never race, under ThreadSanitizer either).
    public struct State {
        public var username = "analyst@example.org"
        public var password = "s3cret-pass"
        public var events: [[(String, String)]] = []
        public var deleted: [(id: String, timestamp: Int)] = []
        /// Access tokens issued; those in `expired` answer 401.
        public var tokensIssued = 0
        public var expired = Set<String>()
        public var refreshes = 0
        /// Answers 429 to this many data requests first (with Retry-After: 0).
        public var rateLimited = 0
        /// Answers 500 from this page on, for every request (a pull cut part way).
        public var failFromPage: Int?
        /// Answers 403 (tier) when the query's end date is after this date.
        public var tierEnd: String?
    }
    private var state = State()

    private func locked<T>(_ body: (inout State) -> T) -> T { lock.withLock { body(&state) } }
    public var username: String { get { locked { $0.username } } set { locked { $0.username = newValue } } }
    public var password: String { get { locked { $0.password } } set { locked { $0.password = newValue } } }
    public var events: [[(String, String)]] { get { locked { $0.events } } set { locked { $0.events = newValue } } }
    public var deleted: [(id: String, timestamp: Int)] { get { locked { $0.deleted } } set { locked { $0.deleted = newValue } } }
    public var tokensIssued: Int { locked { $0.tokensIssued } }
    public var expired: Set<String> { get { locked { $0.expired } } set { locked { $0.expired = newValue } } }
    public var refreshes: Int { locked { $0.refreshes } }
    public var rateLimited: Int { get { locked { $0.rateLimited } } set { locked { $0.rateLimited = newValue } } }
    public var failFromPage: Int? { get { locked { $0.failFromPage } } set { locked { $0.failFromPage = newValue } } }
    public var tierEnd: String? { get { locked { $0.tierEnd } } set { locked { $0.tierEnd = newValue } } }

    public init() throws {
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, length) == 0 && listen(sock, 16) == 0 && getsockname(sock, $0, &length) == 0 }
        }
        guard ok else { close(sock); throw POSIXError(.EADDRINUSE) }
        fd = sock
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    deinit { close(fd) }

    public var base: String { "http://127.0.0.1:\(port)" }

    private func serve() {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 { return }
            handle(client)
            close(client)
        }
    }

    private func handle(_ client: Int32) {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var headerEnd: Int?
        var contentLength = 0
        while true {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { break }
            data += buffer[0..<n]
            if headerEnd == nil, let r = Self.find(data, Array("\r\n\r\n".utf8)) {
                headerEnd = r + 4
                let head = String(decoding: data[0..<r], as: UTF8.self).lowercased()
                if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }) {
                    contentLength = Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let h = headerEnd, data.count >= h + contentLength { break }
        }
        guard let h = headerEnd else { return }
        let head = String(decoding: data[0..<(h - 4)], as: UTF8.self)
        let body = String(decoding: data[h...], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let first = lines[0].split(separator: " ")
        let target = String(first[1])
        let parts = target.split(separator: "?", maxSplits: 1)
        var headers: [String: String] = [:]
        for l in lines.dropFirst() { if let c = l.firstIndex(of: ":") { headers[l[..<c].lowercased()] = l[l.index(after: c)...].trimmingCharacters(in: .whitespaces) } }
        let request = Request(method: String(first[0]), path: String(parts[0]), query: parts.count > 1 ? Self.decode(String(parts[1])) : [:],
                              headers: headers, form: Self.decode(body))
        lock.withLock { _requests.append(request); _raw.append(head + "\r\n\r\n" + body) }
        let (status, extra, answer) = respond(request)
        let bytes = Array(answer.utf8)
        var out = "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n"
        for (k, v) in extra { out += "\(k): \(v)\r\n" }
        let all = Array((out + "\r\n").utf8) + bytes
        _ = all.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
    }

    private func respond(_ r: Request) -> (Int, [(String, String)], String) {
        lock.lock(); defer { lock.unlock() }
        return answer(r, &state)
    }

    private func answer(_ r: Request, _ state: inout State) -> (Int, [(String, String)], String) {
        if r.path == "/oauth/token" {
            guard r.form["client_id"] == "acled" else { return (400, [], #"{"error":"invalid_client"}"#) }
            switch r.form["grant_type"] {
            case "password":
                guard r.form["username"] == state.username, r.form["password"] == state.password else {
                    return (400, [], #"{"error":"invalid_grant","error_description":"The user credentials were incorrect."}"#)
                }
            case "refresh_token":
                state.refreshes += 1
                guard r.form["refresh_token"]?.hasPrefix("refresh-") == true else { return (400, [], #"{"error":"invalid_grant"}"#) }
            default: return (400, [], #"{"error":"unsupported_grant_type"}"#)
            }
            state.tokensIssued += 1
            return (200, [], #"{"token_type":"Bearer","expires_in":86400,"access_token":"token-\#(state.tokensIssued)","refresh_token":"refresh-\#(state.tokensIssued)"}"#)
        }
        let token = r.headers["authorization"]?.replacingOccurrences(of: "Bearer ", with: "") ?? ""
        guard token.hasPrefix("token-") else { return (401, [], #"{"message":"Unauthorized"}"#) }
        if state.expired.contains(token) { return (401, [], #"{"message":"Access token expired"}"#) }
        if state.rateLimited > 0 { state.rateLimited -= 1; return (429, [("Retry-After", "0")], #"{"message":"Too many requests"}"#) }
        let page = Int(r.query["page"] ?? "1") ?? 1, limit = Int(r.query["limit"] ?? "5000") ?? 5000
        if let f = state.failFromPage, page >= f { return (500, [], #"{"message":"Internal error"}"#) }
        if let tierEnd = state.tierEnd, let dates = r.query["event_date"], let end = dates.split(separator: "|").last, String(end) > tierEnd {
            return (403, [], #"{"message":"Your access level does not include data from the last 12 months."}"#)
        }
        var rows: [[(String, String)]]
        if r.path == "/api/acled/read" {
            rows = state.events
            if let c = r.query["country"] { rows = rows.filter { row in c.split(separator: "|").contains { $0 == row.first { $0.0 == "country" }?.1 ?? "" } } }
            if let t = r.query["timestamp"].flatMap(Int.init) { rows = rows.filter { Int($0.first { $0.0 == "timestamp" }?.1 ?? "0")! >= t } }
        } else if r.path == "/api/deleted/read" {
            let t = Int(r.query["deleted_timestamp"] ?? "0") ?? 0
            rows = state.deleted.filter { $0.timestamp >= t }.map { [("event_id_cnty", $0.id), ("deleted_timestamp", String($0.timestamp))] }
        } else {
            return (404, [], #"{"message":"Not found"}"#)
        }
        let slice = rows.dropFirst((page - 1) * limit).prefix(limit)
        let data = slice.map { row in "{" + row.map { "\"\($0.0)\":\"\($0.1.replacingOccurrences(of: "\"", with: "\\\""))\"" }.joined(separator: ",") + "}" }
        return (200, [], #"{"status":200,"success":true,"count":\#(slice.count),"data":[\#(data.joined(separator: ","))]}"#)
    }

    static func find(_ hay: [UInt8], _ needle: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
        return nil
    }

    static func decode(_ s: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in s.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            let k = String(kv[0]).removingPercentEncoding ?? String(kv[0])
            out[k] = kv.count > 1 ? (String(kv[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") : ""
        }
        return out
    }

    /// A made-up ACLED event (fields as the API gives them, all text).
    public static func event(_ n: Int, country: String = "Haiti", timestamp: Int, notes: String = "") -> [(String, String)] {
        [("event_id_cnty", "HTI9\(n)"), ("event_date", "2025-0\(1 + n % 6)-1\(n % 9)"), ("year", "2025"), ("time_precision", "1"),
         ("disorder_type", "Political violence"), ("event_type", "Battles"), ("sub_event_type", "Armed clash"),
         ("actor1", "Gang \(n)"), ("actor2", "Police Forces of Haiti (2021-)"), ("country", country), ("admin1", "Ouest"),
         ("location", "Port-au-Prince"), ("latitude", "18.5435"), ("longitude", "-72.3388"), ("geo_precision", "1"),
         ("notes", notes.isEmpty ? "Made-up event \(n), with a comma, and \"quotes\"." : notes), ("fatalities", "\(n % 3)"),
         ("timestamp", String(timestamp))]
    }
}
