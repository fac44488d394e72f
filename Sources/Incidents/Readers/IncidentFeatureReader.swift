import Foundation
import GeoCore

/// Reads incidents from GeoJSON Point features (properties named like ACLED
/// columns; the point gives latitude/longitude) and from JSON Lines (one
/// object per line: ACLED columns, or a GeoJSON Feature).
public enum IncidentFeatureReader {
    /// `dateOrder`: how all-numeric dates are read (`--date-format`); left to the file, the order its other dates
    /// prove (a day above 12 in first place: day-first) reads them all, as for a table.
    public static func readGeoJSON(path: String, onError: OnError = .skip, dateOrder: NumericDateOrder = .unambiguousOnly,
                                   _ body: (Incident) throws -> Void) throws -> ReadReport {
        let fc = try GeoJSONReader.read(path: path)
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var report = ReadReport()
        var dateOrder = dateOrder
        if dateOrder == .unambiguousOnly {
            let dates = fc.features.lazy.compactMap { f in f.properties.first { $0.name.lowercased() == "event_date" }?.value.stringValue }
            if let proven = dates.lazy.compactMap({ DateParsing.provenOrder($0) }).first {
                dateOrder = proven
                if let example = dates.first(where: DateParsing.isAmbiguousNumeric) {
                    report.warn("\(path): dates such as '\(example)' read \(proven == .dayFirst ? "day-first (31/03/2025)" : "month-first (03/31/2025)"), as other dates in the file show (--date-format to say otherwise)")
                }
            }
        }
        for (i, f) in fc.features.enumerated() {
            report.read += 1
            do {
                var props: [String: String] = [:]
                for p in f.properties where !p.value.isNull { props[p.name.lowercased()] = p.value.description }
                switch f.geometry {
                case .point(let p)?:
                    props["longitude"] = String(p.coordinate.longitude)
                    props["latitude"] = String(p.coordinate.latitude)
                case nil: break
                case let g?:
                    throw IncidentRowError(file: path, line: i, column: "geometry", reason: "feature \(i) is a \(g.typeName); incidents are points")
                }
                if props["id"] == nil, let id = f.id { props["id"] = id.description }
                var inc = try IncidentTableReader.incident(line: i, file: "\(path) feature", stem: stem, dateOrder: dateOrder, field: { props[$0.name] }) { column, value, action in
                    report.columnIssue(file: path, column: column.name, line: i, value: value, action: action)
                }
                if ACLEDLocationPrecision.infer(&inc) { report.precisionInferred += 1 }
                if ACLEDLocationPrecision.dropCountryPoint(&inc) { report.countryLevel += 1 }
                inc.extra = f.properties.filter { !ACLEDTaxonomy.knownColumns.contains($0.name.lowercased()) }
                report.kept += 1
                try body(inc)
            } catch let e as IncidentRowError {
                try report.reject(e, policy: onError)
            }
        }
        return report
    }

    public static func readJSONLines(path: String, onError: OnError = .skip, _ body: (Incident) throws -> Void) throws -> ReadReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IncidentRowError(file: path, line: 0, column: nil, reason: "cannot read the file")
        }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var report = ReadReport()
        for (n, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line.last == 0x0D ? line.dropLast() : line)
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            report.read += 1
            do {
                let v: JSONValue
                do { v = try JSONParser.parse(bytes) } catch {
                    throw IncidentRowError(file: path, line: n + 1, column: nil, reason: "\(error)")
                }
                var props: [String: String] = [:]
                var extra: [Property] = []
                var members = v.objectValue ?? []
                if v["type"]?.stringValue == "Feature" {
                    let f = try GeoJSONReader.feature(v, path: "line \(n + 1)")
                    members = []
                    for p in f.properties { props[p.name.lowercased()] = p.value.isNull ? nil : p.value.description }
                    if case .point(let p)? = f.geometry {
                        props["longitude"] = String(p.coordinate.longitude)
                        props["latitude"] = String(p.coordinate.latitude)
                    }
                    extra = f.properties
                } else if v.objectValue == nil {
                    throw IncidentRowError(file: path, line: n + 1, column: nil, reason: "expected a JSON object, found \(v.kindName)")
                }
                for (k, val) in members {
                    switch val {
                    case .null: break
                    case .string(let s): props[k.lowercased()] = s
                    default: props[k.lowercased()] = JSONText.string(val)
                    }
                    extra.append(Property(k, GeoJSONReader.propertyValue(val)))
                }
                var inc = try IncidentTableReader.incident(line: n + 1, file: path, stem: stem, field: { props[$0.name] }) { column, value, action in
                    report.columnIssue(file: path, column: column.name, line: n + 1, value: value, action: action)
                }
                if ACLEDLocationPrecision.infer(&inc) { report.precisionInferred += 1 }
                if ACLEDLocationPrecision.dropCountryPoint(&inc) { report.countryLevel += 1 }
                inc.extra = extra.filter { !ACLEDTaxonomy.knownColumns.contains($0.name.lowercased()) }
                report.kept += 1
                try body(inc)
            } catch let e as IncidentRowError {
                try report.reject(e, policy: onError)
            } catch let e as GeoJSONError {
                if onError == .fail { throw e }
                report.rejected += 1
                report.problem("\(path):\(n + 1): \(e.reason)")
            }
        }
        return report
    }
}
