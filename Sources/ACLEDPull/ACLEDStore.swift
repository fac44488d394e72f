import Foundation
import GeoCore
import LayerIO

/// The local copy `acled pull` keeps: an ACLED-layout CSV (every field ACLED gives, as it gives it), and beside it
/// `FILE.pull` — the query and the newest `timestamp` pulled — that an update starts from. Both are replaced whole
/// (written aside, then renamed): an interrupted pull leaves them as they were.
struct ACLEDStore {
    var header: [String] = []
    /// Rows in `header`'s order, by `event_id_cnty`, in the order they were first pulled.
    var rows: [[String]] = []
    var index: [String: Int] = [:]
    var query: String?
    var lastTimestamp: Int?

    static func metaPath(_ path: String) -> String { path + ".pull" }

    /// The store at `path`, or nil when there is none yet.
    static func read(_ path: String) throws -> ACLEDStore? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var store = ACLEDStore()
        let reader = try CSVReader(path: path)
        if try reader.next() { store.header = try reader.strings() }
        guard let idAt = store.header.firstIndex(of: "event_id_cnty") else {
            throw ACLEDStoreError(path: path, reason: "no event_id_cnty column: not a store `acled pull` wrote (give another -o)")
        }
        while try reader.next() {
            var row = try reader.strings()
            row += [String](repeating: "", count: max(0, store.header.count - row.count))
            store.index[row[idAt]] = store.rows.count
            store.rows.append(row)
        }
        if let text = try? String(contentsOfFile: metaPath(path), encoding: .utf8) {
            for line in text.split(whereSeparator: \.isNewline) {
                if line.hasPrefix("query="), store.query == nil { store.query = String(line.dropFirst(6)) }
                if line.hasPrefix("last_timestamp=") { store.lastTimestamp = Int(line.dropFirst(15)) }
            }
        }
        return store
    }

    enum Upsert { case added, changed, unchanged }

    /// Adds or replaces a row given as ACLED's fields.
    @discardableResult
    mutating func upsert(_ fields: [(String, String)]) -> Upsert {
        for (k, _) in fields where !header.contains(k) {
            header.append(k)
            for i in rows.indices { rows[i].append("") }
        }
        var row = [String](repeating: "", count: header.count)
        for (k, v) in fields { row[header.firstIndex(of: k)!] = v }
        let id = fields.first { $0.0 == "event_id_cnty" }?.1 ?? ""
        if let i = index[id] {
            // An update asks from the newest timestamp it holds, inclusive: rows of that second come again unchanged.
            guard rows[i] != row else { return .unchanged }
            rows[i] = row
            return .changed
        }
        index[id] = rows.count
        rows.append(row)
        return .added
    }

    /// Removes the rows of these ids; how many there were.
    mutating func delete(_ ids: Set<String>) -> Int {
        guard let idAt = header.firstIndex(of: "event_id_cnty") else { return 0 }
        let before = rows.count
        rows.removeAll { ids.contains($0[idAt]) }
        index = Dictionary(rows.enumerated().map { ($1[idAt], $0) }, uniquingKeysWith: { a, _ in a })
        return before - rows.count
    }

    /// Writes the CSV and then the `.pull` file, each replaced whole.
    func write(_ path: String) throws {
        let csv = try AtomicFile(destination: path)
        var text = Self.line(header)
        for r in rows { text += Self.line(r) }
        try csv.write(text)
        try csv.commit()
        let meta = try AtomicFile(destination: Self.metaPath(path))
        try meta.write("# acled pull: the query of \((path as NSString).lastPathComponent) and the newest timestamp pulled\nquery=\(query ?? "")\nlast_timestamp=\(lastTimestamp.map(String.init) ?? "")\nrows=\(rows.count)\n")
        try meta.commit()
    }

    /// One CSV line (RFC 4180): a field with a comma, quote or line break is quoted, its quotes doubled.
    static func line(_ fields: [String]) -> String {
        fields.map { f in
            f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",") + "\n"
    }
}

public struct ACLEDStoreError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
