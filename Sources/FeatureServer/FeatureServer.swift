import Foundation
import GeoCore
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Request context carrying the client's address (for logs and rate limits).
struct ServerContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

/// `incidentmap serve`: ``FeatureService`` on Hummingbird 2. Binds to
/// 127.0.0.1 unless told otherwise, logs one line per request to standard
/// error, limits URL size and (optionally) requests per client, and stops
/// cleanly on SIGINT or SIGTERM.
public struct FeatureServer: Sendable {
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        /// 0 picks a free port (printed when the server is up).
        public var port = 8080
        /// Longest request target accepted (path and query), in bytes.
        public var maxURLBytes = 8192
        /// Requests per second per client address (0 = no limit); bursts up to twice that.
        public var rateLimit = 0.0
        /// Largest header field and largest header block, in bytes (over it: the connection is refused with 431/400).
        public var maxHeaderBytes = 16 * 1024
        /// Most header fields in one request.
        public var maxHeaderFields = 100
        /// Seconds a connection may stay idle (no request, or a request trickling in) before it is closed.
        public var idleTimeout = 30
        /// Seconds a query may spend selecting features before it gets 503 (0 = no limit).
        public var queryTimeout = 10.0
        /// One log line per request on standard error.
        public var logRequests = true
        /// `Access-Control-Allow-Origin` of every answer (nil: none — only pages of the server's own origin, such as
        /// its /map, read the answers in a browser; `*` for public data that web maps elsewhere load).
        public var corsOrigin: String?
        /// The base of absolute links (nil: `http://` and the address the server is bound to).
        public var baseURL: String?
        public init() {}
    }

    /// The service requests are answered from (replaceable while the server runs).
    public let slot: ServiceSlot
    public let configuration: Configuration

    public var service: FeatureService { slot.current }

    public init(service: FeatureService, configuration: Configuration = .init()) {
        self.init(slot: ServiceSlot(service), configuration: configuration)
    }

    public init(slot: ServiceSlot, configuration: Configuration = .init()) {
        self.slot = slot
        self.configuration = configuration
    }

    /// Runs until SIGINT/SIGTERM; `onRunning` gets the bound port.
    public func run(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let slot = self.slot
        let config = configuration
        let limiter = RateLimiter(perSecond: config.rateLimit)
        let bound = BoundPort(config.port)
        let responder = CallbackResponder<ServerContext> { request, context in
            let started = DispatchTime.now().uptimeNanoseconds
            let target = request.head.path ?? "/"
            let client = context.remoteAddress?.ipAddress ?? "-"
            let reply: ServiceResponse
            if target.utf8.count > config.maxURLBytes {
                reply = ServiceResponse(status: 414, headers: [("Content-Type", "application/problem+json")],
                                        body: OGCDocuments.problem(status: 414, title: "URI too long", detail: "request targets are limited to \(config.maxURLBytes) bytes"))
            } else if !limiter.allow(client) {
                reply = ServiceResponse(status: 429, headers: [("Content-Type", "application/problem+json"), ("Retry-After", "1")],
                                        body: OGCDocuments.problem(status: 429, title: "Too many requests", detail: "more than \(config.rateLimit) requests per second from \(client)"))
            } else {
                let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
                let h = request.headers
                var serviceRequest = ServiceRequest(
                    method: request.method.rawValue, path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : nil,
                    accept: h[.accept], acceptEncoding: h[.acceptEncoding], ifNoneMatch: h[.ifNoneMatch],
                    host: (config.host.contains(":") ? "[\(config.host)]" : config.host) + ":\(bound.value)")
                serviceRequest.baseURL = config.baseURL
                if config.queryTimeout > 0 { serviceRequest.deadline = started + UInt64(config.queryTimeout * 1e9) }
                // The service current when the request started answers all of it (a swap waits for no request).
                reply = await slot.current.answer(serviceRequest)
            }
            var fields = HTTPFields()
            for (name, value) in reply.headers { if let n = HTTPField.Name(name) { fields.append(HTTPField(name: n, value: value)) } }
            if let origin = config.corsOrigin {
                fields[.accessControlAllowOrigin] = origin
                fields[.accessControlExposeHeaders] = "ETag"
                if origin != "*" { fields[.vary] = "Origin" }
            }
            if config.logRequests {
                let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
                let line = "\(ISO8601DateFormatter().string(from: Date())) \(client) \(request.method.rawValue) \(target.prefix(300)) \(reply.status) \(reply.body.count) \(String(format: "%.1f", ms)) ms\n"
                StandardError.write(Data(line.utf8))
            }
            return Response(status: .init(code: reply.status), headers: fields,
                            body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
        }
        var logger = Logger(label: "incidentmap.serve")
        logger.logLevel = .warning
        let idle = TimeAmount.seconds(Int64(config.idleTimeout))
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [UnreadOutputLimit(timeout: idle)],
            idleTimeout: idle,
            httpDecoderConfiguration: .init(maxHeaderFieldSize: config.maxHeaderBytes, maxHeaderListSize: config.maxHeaderBytes,
                                            maxHeaderFieldCount: config.maxHeaderFields))
        let app = Application(
            responder: responder,
            server: .http1(configuration: http1),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "IncidentMap"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? config.port
                bound.set(port)
                onRunning(port)
            },
            logger: logger
        )
        try await app.runService()
    }
}

/// The port the server is bound to (known once it runs: port 0 picks one).
final class BoundPort: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int
    init(_ port: Int) { self.port = port }
    var value: Int { lock.withLock { port } }
    func set(_ p: Int) { lock.withLock { port = p } }
}

/// A token bucket per client address.
final class RateLimiter: @unchecked Sendable {
    private let perSecond: Double
    private let lock = NSLock()
    private var buckets: [String: (tokens: Double, at: Double)] = [:]

    init(perSecond: Double) { self.perSecond = perSecond }

    func allow(_ client: String) -> Bool {
        guard perSecond > 0 else { return true }
        let now = Double(DispatchTime.now().uptimeNanoseconds) / 1e9
        lock.lock(); defer { lock.unlock() }
        let burst = max(1, 2 * perSecond)
        var b = buckets[client] ?? (burst, now)
        b.tokens = min(burst, b.tokens + (now - b.at) * perSecond)
        b.at = now
        let ok = b.tokens >= 1
        if ok { b.tokens -= 1 }
        buckets[client] = b
        if buckets.count > 10_000 { buckets = buckets.filter { now - $0.value.at < 60 } }  // forget idle clients
        return ok
    }
}
