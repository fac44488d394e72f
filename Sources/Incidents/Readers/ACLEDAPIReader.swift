import Foundation
import GeoCore

/// Reads ACLED's API answers: `{"status":200,"success":true,"count":N,"data":[{…}, …]}`
/// (every value a string in the API's JSON, numbers accepted too), and a bare
/// array of such objects (`[{…}, …]`, as scripts save `data` on its own).
/// The members are ACLED's column names; each object is read like a CSV row.
public enum ACLEDAPIReader {
    /// Whether a parsed JSON document is an ACLED API answer or an array of row objects (not GeoJSON).
    public static func recognises(_ doc: JSONValue) -> Bool {
        if doc["type"] != nil { return false }
        if doc["data"]?.arrayValue != nil || doc["success"] != nil { return true }
        if let a = doc.arrayValue { return a.first.map { $0.objectValue != nil } ?? true }
        return false
    }

    public static func read(path: String, document doc: JSONValue, onError: OnError = .skip,
                            dateOrder: NumericDateOrder = .unambiguousOnly, _ body: (Incident) throws -> Void) throws -> ReadReport {
        if case .bool(false)? = doc["success"] {
            let message = doc["error"]?["message"]?.stringValue ?? doc["error"]?.stringValue ?? doc["message"]?.stringValue ?? "no message"
            throw IncidentRowError(file: path, line: 0, column: nil, reason: "the ACLED API answered with an error (success: false): \(message)")
        }
        guard let rows = doc["data"]?.arrayValue ?? doc.arrayValue else {
            throw IncidentRowError(file: path, line: 0, column: "data", reason: "an ACLED API answer holds its events in a \"data\" array; this one has none")
        }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var report = ReadReport()
        if let declared = doc["count"].flatMap({ $0.numberValue ?? $0.stringValue.flatMap(Double.init) }), Int(declared) != rows.count {
            report.warn("\(path): \"count\" says \(Int(declared)) events but \"data\" holds \(rows.count)")
        }
        for (n, row) in rows.enumerated() {
            report.read += 1
            let label = "data[\(n)]"
            do {
                guard let members = row.objectValue else {
                    throw IncidentRowError(file: path, line: n, column: nil, reason: "\(label) is a \(row.kindName), not an event object")
                }
                var props: [String: String] = [:]
                var extra: [Property] = []
                for (k, v) in members {
                    let key = k.lowercased()
                    switch v {
                    case .null: continue
                    case .string(let s): props[key] = s
                    default: props[key] = JSONText.string(v)
                    }
                    if !ACLEDTaxonomy.knownColumns.contains(key), !key.isEmpty { extra.append(Property(k, GeoJSONReader.propertyValue(v))) }
                }
                let file = "\(path) \(label)"
                var inc = try IncidentTableReader.incident(line: n, file: file, stem: stem, dateOrder: dateOrder, field: { c in
                    props[c.name].flatMap { let t = $0.trimmingBlanks(); return t.isEmpty ? nil : t }
                }, issue: { column, value, action in
                    report.columnIssue(file: path, column: column.name, line: n, value: value, action: action)
                })
                if ACLEDLocationPrecision.infer(&inc) { report.precisionInferred += 1 }
                if ACLEDLocationPrecision.dropCountryPoint(&inc) { report.countryLevel += 1 }
                inc.extra = extra
                report.kept += 1
                try body(inc)
            } catch let e as IncidentRowError {
                try report.reject(e, policy: onError)
            }
        }
        return report
    }
}
