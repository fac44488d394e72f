import CSQLite

/// A SQLite failure with its code, message and statement.
public struct SQLiteError: Error, CustomStringConvertible {
    public let path: String
    public let code: Int32
    public let message: String
    public let sql: String?
    public var description: String { "\(path): SQLite error \(code): \(message)\(sql.map { " (in: \($0.prefix(120)))" } ?? "")" }
}

/// An open SQLite database; closed exactly once, in `deinit`.
final class SQLiteDatabase {
    let path: String
    private(set) var handle: OpaquePointer?

    /// Done once, before the first connection: SQLite's allocation statistics off (see the shim).
    private static let configured: Void = { _ = incidentmap_sqlite_memstatus_off() }()

    /// `readOnly`: opened with SQLITE_OPEN_READONLY (a reader never creates or changes the file).
    init(path: String, readOnly: Bool = false) throws {
        self.path = path
        Self.configured
        var h: OpaquePointer?
        // A connection is used by one thread at a time: no per-call connection mutex (SQLite's multi-thread mode).
        let mode = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        let rc = sqlite3_open_v2(path, &h, mode | SQLITE_OPEN_NOMUTEX, nil)
        handle = h
        guard rc == SQLITE_OK else {
            let message = h.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(h)
            handle = nil
            throw SQLiteError(path: path, code: rc, message: message, sql: nil)
        }
    }

    deinit { close() }

    func close() {
        if let handle { sqlite3_close(handle) }
        handle = nil
    }

    func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "unknown"
            sqlite3_free(error)
            throw SQLiteError(path: path, code: rc, message: message, sql: sql)
        }
    }

    /// The first column of the first row of `sql` as text (nil: no row, or NULL).
    func firstText(_ sql: String) throws -> String? {
        let s = try prepare(sql)
        let rc = sqlite3_step(s.stmt)
        guard rc == SQLITE_ROW || rc == SQLITE_DONE else { throw SQLiteError(path: path, code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql) }
        guard rc == SQLITE_ROW, let text = sqlite3_column_text(s.stmt, 0) else { return nil }
        return String(cString: text)
    }

    func prepare(_ sql: String) throws -> SQLiteStatement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw SQLiteError(path: path, code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql) }
        return SQLiteStatement(stmt, db: self, sql: sql)
    }
}

/// A prepared statement; finalised in `deinit`.
final class SQLiteStatement {
    let stmt: OpaquePointer
    unowned let db: SQLiteDatabase
    let sql: String

    init(_ stmt: OpaquePointer, db: SQLiteDatabase, sql: String) {
        self.stmt = stmt
        self.db = db
        self.sql = sql
    }

    deinit { sqlite3_finalize(stmt) }

    enum Value {
        case null, int(Int64), double(Double), text(String), blob([UInt8])
    }

    /// Steps to the next row: `true` with a row to read, `false` when done.
    func step() throws -> Bool {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw SQLiteError(path: db.path, code: rc, message: String(cString: sqlite3_errmsg(db.handle)), sql: sql)
    }

    /// The current row's column `i` (0-based), typed as SQLite stores it.
    func column(_ i: Int32) -> Value {
        switch sqlite3_column_type(stmt, i) {
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(stmt, i))
        case SQLITE_FLOAT: return .double(sqlite3_column_double(stmt, i))
        case SQLITE_TEXT: return .text(sqlite3_column_text(stmt, i).map { String(cString: $0) } ?? "")
        case SQLITE_BLOB:
            let n = Int(sqlite3_column_bytes(stmt, i))
            guard n > 0, let p = sqlite3_column_blob(stmt, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: p, count: n)))
        default: return .null
        }
    }

    var columnCount: Int32 { sqlite3_column_count(stmt) }

    func columnName(_ i: Int32) -> String { sqlite3_column_name(stmt, i).map { String(cString: $0) } ?? "" }

    /// Every row of the statement, each as its columns' values.
    func rows() throws -> [[Value]] {
        var out: [[Value]] = []
        while try step() { out.append((0..<columnCount).map(column)) }
        return out
    }

    func run(_ values: [Value]) throws {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
        for (k, v) in values.enumerated() {
            let i = Int32(k + 1)
            switch v {
            case .null: sqlite3_bind_null(stmt, i)
            case .int(let x): sqlite3_bind_int64(stmt, i, x)
            case .double(let x): sqlite3_bind_double(stmt, i, x)
            case .text(let s): sqlite3_bind_text(stmt, i, s, -1, incidentmap_sqlite_transient())
            case .blob(let b): b.withUnsafeBytes { _ = sqlite3_bind_blob(stmt, i, $0.baseAddress, Int32(b.count), incidentmap_sqlite_transient()) }
            }
        }
        let rc = sqlite3_step(stmt)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else {
            throw SQLiteError(path: db.path, code: rc, message: String(cString: sqlite3_errmsg(db.handle)), sql: sql)
        }
    }
}
