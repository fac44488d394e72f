import Foundation

/// Whether `serve` can listen on host:port, asked before the layers are computed (minutes on a large input) rather
/// than after: a socket is bound and closed at once, with the same address reuse the server uses (so a port in
/// TIME_WAIT is not taken for a busy one).
enum PortCheck {
    static func check(host: String, port: Int) throws {
        guard port != 0 else { return }  // any free port
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw PlainFailure("\(host): no such host or address (--host 127.0.0.1 for this machine only, 0.0.0.0 for every interface)")
        }
        defer { freeaddrinfo(list) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { return }  // cannot probe: the server will say
        defer { close(fd) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) != 0 else { return }
        if let failure = failure(errno: errno, host: host, port: port) { throw failure }
    }

    /// What a failed bind means for the user, for the errors they can act on (nil for others).
    static func failure(errno code: Int32, host: String, port: Int) -> PlainFailure? {
        let shown = host.contains(":") ? "[\(host)]" : host
        switch code {
        case EADDRINUSE:
            return PlainFailure("port \(port) on \(shown) is already in use (another server is running there; give another --port, or --port 0 for any free one)")
        case EACCES:
            return PlainFailure("port \(port) on \(shown) needs privileges (ports below 1024); give --port 8080 or another above 1023")
        case EADDRNOTAVAIL:
            return PlainFailure("\(shown) is not an address of this machine (--host 127.0.0.1 for this machine only, 0.0.0.0 for every interface)")
        default:
            return nil
        }
    }

    /// The same, from the server's own bind error (NIO's text carries the errno), for a port taken between the
    /// check and the start.
    static func failure(serverError error: Error, host: String, port: Int) -> PlainFailure? {
        let text = String(describing: error)
        let code: Int32? = text.contains("Address already in use") || text.contains("errno: 98") ? EADDRINUSE
            : text.contains("Permission denied") || text.contains("errno: 13") ? EACCES
            : text.contains("Cannot assign requested address") || text.contains("errno: 99") ? EADDRNOTAVAIL : nil
        return code.flatMap { failure(errno: $0, host: host, port: port) }
    }
}
