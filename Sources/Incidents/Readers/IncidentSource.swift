import Foundation

/// Reads any incident file by its extension: `.csv` (ACLED or mapped),
/// `.geojson`/`.json` (points), `.jsonl`/`.ndjson` (JSON Lines).
public enum IncidentSource {
    public static func read(path: String, columnMapping: [String: String] = [:], onError: OnError = .skip,
                            _ body: (Incident) throws -> Void) throws -> ReadReport {
        guard FileManager.default.fileExists(atPath: path) || path == "-" else {
            throw IncidentRowError(file: path, line: 0, column: nil, reason: "no such file")
        }
        switch (path as NSString).pathExtension.lowercased() {
        case "geojson", "json": return try IncidentFeatureReader.readGeoJSON(path: path, onError: onError, body)
        case "jsonl", "ndjson": return try IncidentFeatureReader.readJSONLines(path: path, onError: onError, body)
        default: return try IncidentTableReader(columnMapping: columnMapping, onError: onError).read(path: path, body)
        }
    }
}
