import CCurl
import Foundation

/// An answer to an HTTP request: its status, headers (names lower case) and body.
public struct HTTPResponse: Sendable {
    public let status: Int
    public let headers: [String: String]
    public let body: [UInt8]
}

/// The request did not get an answer (no network, DNS, TLS, timeout): curl's reason, with the URL.
public struct HTTPNetworkError: Error, CustomStringConvertible {
    public let url: String
    public let reason: String
    public var description: String { "\(url): \(reason)" }
}

/// One HTTP request at a time over libcurl: TLS, proxies (`https_proxy`) and certificates as the system's curl has
/// them. Each call owns its curl handle and frees it before returning.
public enum HTTPClient {
    private static let initialised: Bool = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK }()

    /// Collects what curl hands over (body or header lines) while a request runs.
    private final class Sink {
        var body: [UInt8] = []
        var headers: [String: String] = [:]
        /// A body larger than this stops the transfer (a runaway answer does not fill memory).
        let limit: Int
        init(limit: Int) { self.limit = limit }
    }

    /// Sends `method` to `url` with `headers` ("Name: value") and `body`, waiting at most `timeout` seconds.
    public static func send(_ method: String, _ url: String, headers: [String] = [], body: [UInt8]? = nil,
                            timeout: Int = 120, maxBytes: Int = 1 << 30) throws -> HTTPResponse {
        guard initialised, let handle = curl_easy_init() else { throw HTTPNetworkError(url: url, reason: "libcurl could not start") }
        defer { curl_easy_cleanup(handle) }
        var list: UnsafeMutablePointer<curl_slist>?
        for h in headers { list = curl_slist_append(list, h) }
        defer { curl_slist_free_all(list) }
        let sink = Sink(limit: maxBytes)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        _ = im_curl_set_string(handle, CURLOPT_URL, url)
        _ = im_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, method)
        _ = im_curl_set_long(handle, CURLOPT_TIMEOUT, timeout)
        _ = im_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT, min(timeout, 30))
        _ = im_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = im_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = im_curl_set_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list))
        if let body {
            _ = im_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
            body.withUnsafeBufferPointer { b in
                _ = b.baseAddress.map { p in p.withMemoryRebound(to: CChar.self, capacity: b.count) { im_curl_set_string(handle, CURLOPT_COPYPOSTFIELDS, $0) } }
            }
        }
        _ = im_curl_set_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            let n = size * count
            guard sink.body.count + n <= sink.limit else { return 0 }
            if let data { data.withMemoryRebound(to: UInt8.self, capacity: n) { sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) } }
            return n
        }
        _ = im_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = im_curl_set_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
            let n = size * count
            if let data {
                let line = String(decoding: UnsafeRawBufferPointer(start: data, count: n), as: UTF8.self)
                if let colon = line.firstIndex(of: ":") {
                    sink.headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            return n
        }
        _ = im_curl_set_pointer(handle, CURLOPT_HEADERDATA, context)
        let code = withExtendedLifetime(sink) { curl_easy_perform(handle) }
        guard code == CURLE_OK else {
            let reason = code == CURLE_WRITE_ERROR ? "the answer is larger than \(maxBytes >> 20) MiB" : String(cString: curl_easy_strerror(code))
            throw HTTPNetworkError(url: url, reason: reason)
        }
        var status = 0
        _ = im_curl_response_code(handle, &status)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }

    /// `application/x-www-form-urlencoded` of `fields`, and a query string likewise.
    public static func form(_ fields: [(String, String)]) -> String {
        fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
