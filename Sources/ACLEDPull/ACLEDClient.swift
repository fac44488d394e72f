import Foundation
import GeoCore

/// What went wrong talking to ACLED, said so that the analyst knows what to do.
public enum ACLEDError: Error, CustomStringConvertible, Equatable {
    /// The token endpoint refused the username or password.
    case refused(username: String, answer: String)
    /// The account's access tier does not reach the dates asked (ACLED's free tier reaches events older than a year).
    case tier(asked: String, reachesBefore: String, answer: String)
    /// Still 429 or 5xx after the retries.
    case unavailable(url: String, status: Int, attempts: Int)
    /// Not the JSON ACLED answers with.
    case malformed(url: String, reason: String)
    case network(String)
    case http(url: String, status: Int, answer: String)

    public var description: String {
        switch self {
        case let .refused(user, answer): "ACLED refused the username or password of \(user) (\(answer)); check ACLED_USERNAME/ACLED_PASSWORD or the credentials file"
        case let .tier(asked, before, answer):
            "ACLED: your account's access tier does not reach \(asked) (\(answer)); accounts of the free tier reach events up to twelve months old, i.e. until \(before): ask --end-date \(before) or earlier, or an account that reaches recent data"
        case let .unavailable(url, status, attempts): "\(url): ACLED still answered \(status) after \(attempts) attempts (rate limit or outage); try again later"
        case let .malformed(url, reason): "\(url): not ACLED's JSON answer (\(reason))"
        case let .network(reason): "cannot reach ACLED: \(reason)"
        case let .http(url, status, answer): "\(url): ACLED answered \(status) (\(answer))"
        }
    }
}

/// ACLED's API since its 2025 switch to OAuth: an access token from the token endpoint (password grant, client id
/// `acled`, as ACLED's documentation and its R package acledR use it), refreshed with the refresh token when it
/// expires (a 401), then GET requests with the token as a bearer. 429 and 5xx answers are retried with back-off
/// (`Retry-After` when ACLED gives one). The password goes only into the token request's body.
public final class ACLEDClient {
    /// `https://acleddata.com`, or a test server.
    public let base: String
    let credentials: ACLEDCredentials
    private var accessToken: String?
    private var refreshToken: String?
    /// Waits between retries (tests pass one that returns at once).
    public var sleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }
    /// Attempts per request when ACLED answers 429 or 5xx, or the network fails.
    public var attempts = 5
    /// The dates asked for, named in a tier error.
    public var askedDates = "the dates asked"
    public var today = Date()
    /// Requests sent (token requests included), for the summary line.
    public private(set) var requests = 0

    public init(base: String = "https://acleddata.com", credentials: ACLEDCredentials) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.credentials = credentials
    }

    /// Gets a token with the username and password.
    func authenticate() throws {
        try token([("username", credentials.username), ("password", credentials.password), ("grant_type", "password"),
                   ("client_id", "acled"), ("scope", "authenticated")], refreshing: false)
    }

    /// A new access token from the refresh token (or from the password when there is none or it is refused).
    func refresh() throws {
        guard let refreshToken else { return try authenticate() }
        do {
            try token([("refresh_token", refreshToken), ("grant_type", "refresh_token"), ("client_id", "acled")], refreshing: true)
        } catch ACLEDError.refused {
            try authenticate()
        }
    }

    private func token(_ form: [(String, String)], refreshing: Bool) throws {
        let url = base + "/oauth/token"
        let r = try send("POST", url, headers: ["Content-Type: application/x-www-form-urlencoded", "Accept: application/json"],
                         body: Array(HTTPClient.form(form).utf8))
        guard r.status == 200 else {
            if [400, 401, 403].contains(r.status) { throw ACLEDError.refused(username: credentials.username, answer: Self.reason(r)) }
            throw ACLEDError.http(url: url, status: r.status, answer: Self.reason(r))
        }
        guard case .object(let fields)? = try? JSONParser.parse(r.body),
              case .string(let access)? = fields.first(where: { $0.0 == "access_token" })?.1 else {
            throw ACLEDError.malformed(url: url, reason: "no access_token")
        }
        accessToken = access
        if case .string(let refresh)? = fields.first(where: { $0.0 == "refresh_token" })?.1 { refreshToken = refresh }
    }

    /// `GET base + path?query` with the token; the parsed JSON answer.
    public func get(_ path: String, query: [(String, String)]) throws -> JSONValue {
        if accessToken == nil { try authenticate() }
        let url = base + path + "?" + HTTPClient.form(query)
        var refreshed = false
        while true {
            let r = try send("GET", url, headers: ["Authorization: Bearer \(accessToken ?? "")", "Accept: application/json"], body: nil)
            switch r.status {
            case 200:
                do { return try JSONParser.parse(r.body) } catch { throw ACLEDError.malformed(url: url, reason: "\(error)") }
            case 401 where !refreshed:
                // The access token expired: one refresh, then the request again.
                refreshed = true
                try refresh()
            case 403:
                let before = Self.isoDate(today.addingTimeInterval(-365 * 86_400))
                throw ACLEDError.tier(asked: askedDates, reachesBefore: before, answer: Self.reason(r))
            default:
                throw ACLEDError.http(url: url, status: r.status, answer: Self.reason(r))
            }
        }
    }

    /// One request, retried with back-off on 429, 5xx and network failures.
    private func send(_ method: String, _ url: String, headers: [String], body: [UInt8]?) throws -> HTTPResponse {
        var wait = 1.0
        for attempt in 1...attempts {
            requests += 1
            do {
                let r = try HTTPClient.send(method, url, headers: headers, body: body)
                guard r.status == 429 || r.status >= 500 else { return r }
                if attempt == attempts { throw ACLEDError.unavailable(url: url, status: r.status, attempts: attempts) }
                sleep(r.headers["retry-after"].flatMap(Double.init) ?? wait)
            } catch let e as HTTPNetworkError {
                if attempt == attempts { throw ACLEDError.network(e.description) }
                sleep(wait)
            }
            wait = min(wait * 2, 60)
        }
        throw ACLEDError.network(url)
    }

    /// ACLED's message in an error answer (`message`, `error_description` or `error`), else the body's start.
    static func reason(_ r: HTTPResponse) -> String {
        if case .object(let fields)? = try? JSONParser.parse(r.body) {
            for key in ["message", "error_description", "error"] {
                if case .string(let s)? = fields.first(where: { $0.0 == key })?.1 { return "HTTP \(r.status): \(s)" }
            }
        }
        return "HTTP \(r.status): " + String(decoding: r.body.prefix(200), as: UTF8.self)
    }

    static func isoDate(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: d)
    }
}
