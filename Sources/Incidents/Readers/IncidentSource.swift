import Foundation
import GeoCore
import LayerIO

/// Reads any incident file by its extension: `.csv` (ACLED or mapped),
/// `.geojson`/`.json` (points), `.jsonl`/`.ndjson` (JSON Lines); any of them
/// gzipped (`.csv.gz`) or alone in a zip archive (``CompressedInput``).
public enum IncidentSource {
    public static func read(path: String, columnMapping: [String: String] = [:], onError: OnError = .skip,
                            dateOrder: NumericDateOrder = .unambiguousOnly,
                            _ body: (Incident) throws -> Void) throws -> ReadReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || path == "-" else {
            throw IncidentRowError(file: path, line: 0, column: nil, reason: "no such file")
        }
        if isDirectory.boolValue { throw IncidentRowError(file: path, line: 0, column: nil, reason: "is a folder, not an incident file") }
        if CompressedInput.isCompressed(path) {
            return try CompressedInput.withInflated(path) { try read(path: $0, columnMapping: columnMapping, onError: onError, dateOrder: dateOrder, body) }
        }
        if isTable(path) { return try IncidentTableReader(columnMapping: columnMapping, onError: onError, dateOrder: dateOrder).read(path: path, body) }
        switch (path as NSString).pathExtension.lowercased() {
        case "geojson": return try IncidentFeatureReader.readGeoJSON(path: path, onError: onError, dateOrder: dateOrder, body)
        case "json":
            // ACLED's API answer ({"status":200,"success":true,"data":[…]}) or GeoJSON.
            guard let data = FileManager.default.contents(atPath: path) else {
                throw IncidentRowError(file: path, line: 0, column: nil, reason: "cannot read the file")
            }
            let doc: JSONValue
            do { doc = try JSONParser.parse(Array(data)) } catch {
                throw IncidentRowError(file: path, line: 0, column: nil, reason: "\(error)")
            }
            if ACLEDAPIReader.recognises(doc) {
                return try ACLEDAPIReader.read(path: path, document: doc, onError: onError, dateOrder: dateOrder, body)
            }
            return try IncidentFeatureReader.readGeoJSON(path: path, onError: onError, dateOrder: dateOrder, body)
        default: return try IncidentFeatureReader.readJSONLines(path: path, onError: onError, body)
        }
    }

    /// Whether `path` is read as a table (CSV): every extension but GeoJSON, JSON and JSON Lines.
    static func isTable(_ path: String) -> Bool {
        !["geojson", "json", "jsonl", "ndjson"].contains((path as NSString).pathExtension.lowercased())
    }

    /// Reads a file as ``read(path:columnMapping:onError:dateOrder:_:)`` does, a large CSV in up to `parts` parts at
    /// once (``IncidentTableReader/readInParts(path:parts:_:)``: `body(k, incident)` runs on part `k`'s thread;
    /// the rows of parts `0..<parts` returned are the file's, in order; a file under `minimumBytes` is read in one part).
    /// Other files are read in one part, parsed on
    /// a thread of their own while `body(0, …)` runs on this one (``readAside(path:columnMapping:onError:dateOrder:_:)``).
    public static func readInParts(path: String, columnMapping: [String: String] = [:], onError: OnError = .skip,
                                   dateOrder: NumericDateOrder = .unambiguousOnly, parts: Int, minimumBytes: Int = 8 << 20,
                                   _ body: (_ part: Int, Incident) throws -> Void) throws -> (report: ReadReport, parts: Int) {
        if CompressedInput.isCompressed(path), FileManager.default.fileExists(atPath: path) {
            return try CompressedInput.withInflated(path) {
                try readInParts(path: $0, columnMapping: columnMapping, onError: onError, dateOrder: dateOrder, parts: parts, minimumBytes: minimumBytes, body)
            }
        }
        // Only a table is cut (a missing file, a folder or standard input gets no cut points, and read's error).
        let points = isTable(path) ? CSVSplitPoint.find(path: path, parts: parts, minimumBytes: minimumBytes) : []
        guard !points.isEmpty else {
            return (try readAside(path: path, columnMapping: columnMapping, onError: onError, dateOrder: dateOrder) { try body(0, $0) }, 1)
        }
        return try IncidentTableReader(columnMapping: columnMapping, onError: onError, dateOrder: dateOrder).readInParts(path: path, cutAt: points, body)
    }
}
