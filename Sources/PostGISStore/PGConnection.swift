import CLibpq
import Foundation

/// One libpq connection (`PGconn`), closed when the object goes. Every call blocks the calling thread until the
/// server answers (libpq is synchronous); a connection is used by one thread at a time (``PGConnectionPool`` hands
/// each to one task). Results are copied out as text and freed at once: no `PGresult` outlives a call.
///
/// libpq brings what psql users expect: `PGPASSWORD`, `~/.pgpass`, `PGSERVICE`, `PGSSLMODE`, TLS, SCRAM.
final class PGConnection: @unchecked Sendable {
    private let handle: OpaquePointer

    /// Connects with libpq keyword/value parameters (`host`, `port`, `dbname`, `user`, `password`,
    /// `connect_timeout`, `options`, `sslmode` …). Throws ``PGFailure`` with libpq's message.
    init(parameters: [(String, String)]) throws {
        let keys = parameters.map { strdup($0.0) } + [nil]
        let values = parameters.map { strdup($0.1) } + [nil]
        defer { (keys + values).forEach { free($0) } }
        let connection = keys.map { UnsafePointer($0) }.withUnsafeBufferPointer { k in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { v in PQconnectdbParams(k.baseAddress, v.baseAddress, 0) }
        }
        guard let connection else { throw PGFailure(message: "out of memory opening a connection", sqlState: nil, connectionLost: true) }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.text(PQerrorMessage(connection))
            PQfinish(connection)
            throw PGFailure(message: message, sqlState: nil, connectionLost: true)
        }
        // The server's notices ("there is no transaction in progress" after a ROLLBACK that had nothing to undo)
        // are not the user's business: libpq would print them on standard error.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        handle = connection
    }

    deinit { PQfinish(handle) }

    /// Whether the connection still works (false after the server went away).
    var isOpen: Bool { PQstatus(handle) == CONNECTION_OK }

    /// Runs one statement (text parameters `$1`, `$2` …, `nil` for NULL) and returns its rows as text.
    @discardableResult
    func execute(_ sql: String, parameters: [String?] = []) throws -> [PGRow] {
        let result = withParameters(parameters) { values in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
        return Self.rows(result)
    }

    /// Runs one query and hands its rows to `body` one at a time as they arrive (libpq's single-row mode: memory
    /// does not grow with the result).
    func stream(_ sql: String, _ body: (PGRow) throws -> Void) throws {
        guard PQsendQuery(handle, sql) == 1 else { throw failure(nil) }
        guard PQsetSingleRowMode(handle) == 1 else { drain(); throw failure(nil) }
        var thrown: Error?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            if thrown != nil { continue }  // a failure in body: read the rest of the answer, then throw
            let status = PQresultStatus(result)
            if status == PGRES_SINGLE_TUPLE {
                do { try body(Self.rows(result)[0]) } catch { thrown = error }
            } else if status != PGRES_TUPLES_OK {
                thrown = failure(result)
            }
        }
        if let thrown { throw thrown }
    }

    /// `COPY … FROM STDIN` (`statement`): `produce` writes the data through the writer it is given; the copy ends
    /// when it returns, or is abandoned (nothing stored) when it throws.
    func copyIn(_ statement: String, _ produce: (CopyWriter) throws -> Void) throws {
        let start = PQexec(handle, statement)
        defer { PQclear(start) }
        try check(start, expecting: [PGRES_COPY_IN])
        do {
            try produce(CopyWriter(connection: self))
        } catch {
            _ = PQputCopyEnd(handle, "abandoned by the client")
            drain()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { drain(); throw failure(nil) }
        var thrown: Error?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            if thrown == nil, PQresultStatus(result) != PGRES_COMMAND_OK { thrown = failure(result) }
        }
        if let thrown { throw thrown }
    }

    /// Sends data of a running `COPY FROM STDIN`.
    struct CopyWriter {
        fileprivate let connection: PGConnection

        func write(_ bytes: UnsafeRawBufferPointer) throws {
            guard !bytes.isEmpty else { return }
            let sent = bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(connection.handle, $0.baseAddress, Int32($0.count)) }
            guard sent == 1 else { throw connection.failure(nil) }
        }

        func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

        func write(_ data: Data) throws { try data.withUnsafeBytes { try write($0) } }
    }

    // MARK: Results

    private func check(_ result: OpaquePointer?, expecting: [ExecStatusType]) throws {
        guard let result, expecting.contains(PQresultStatus(result)) else { throw failure(result) }
    }

    /// The server's message and SQLSTATE from a failed result, else the connection's last error.
    private func failure(_ result: OpaquePointer?) -> PGFailure {
        if let result, let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))) {
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            return PGFailure(message: String(cString: primary), sqlState: state, connectionLost: !isOpen)
        }
        if let result, PQresultStatus(result) != PGRES_FATAL_ERROR, PQresultStatus(result) != PGRES_NONFATAL_ERROR {
            return PGFailure(message: "unexpected answer from the server (\(String(cString: PQresStatus(PQresultStatus(result)))))",
                             sqlState: nil, connectionLost: !isOpen)
        }
        return PGFailure(message: Self.text(PQerrorMessage(handle)), sqlState: nil, connectionLost: !isOpen)
    }

    /// Reads and frees whatever the server still sends for the current command.
    private func drain() {
        while let r = PQgetResult(handle) { PQclear(r) }
    }

    private static func rows(_ result: OpaquePointer?) -> [PGRow] {
        guard let result else { return [] }
        let n = Int(PQntuples(result)), m = Int(PQnfields(result))
        return (0..<n).map { i in
            PGRow(values: (0..<m).map { j in
                PQgetisnull(result, Int32(i), Int32(j)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(i), Int32(j)))
            })
        }
    }

    private func withParameters<T>(_ parameters: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
        let copies = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        return copies.map { UnsafePointer($0) }.withUnsafeBufferPointer { body($0.baseAddress) }
    }

    /// libpq's message without its trailing new line, its lines joined.
    private static func text(_ c: UnsafePointer<CChar>?) -> String {
        guard let c else { return "unknown error" }
        return String(cString: c).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
