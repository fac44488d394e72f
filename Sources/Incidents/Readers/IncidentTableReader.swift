import Foundation
import GeoCore
import LayerIO

/// Reads incident tables: ACLED CSV exports (any column order, case-insensitive
/// headers, full or reduced column sets) and other CSVs through a column
/// mapping (`latitude=lat,event_date=date`). Streams: one row in memory.
///
/// Dates: `2025-03-31`, `31 March 2025` and the other forms of
/// ``DateParsing``. UTF-8 with or without BOM; a file that is not UTF-8
/// (typically Latin-1 from a spreadsheet) is read as Windows-1252 and
/// reported once. Unknown event types, impossible dates, out-of-range
/// coordinates and ragged rows are row errors with file:line:column.
public struct IncidentTableReader {
    /// Our field name → the input column that holds it (for non-ACLED CSVs).
    public var columnMapping: [String: String]
    public var onError: OnError

    public init(columnMapping: [String: String] = [:], onError: OnError = .skip) {
        self.columnMapping = columnMapping
        self.onError = onError
    }

    /// Parses `latitude=lat,longitude=lon,event_date=date`.
    public static func parseMapping(_ text: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, !kv[0].isEmpty, !kv[1].isEmpty else {
                throw IncidentRowError(file: "--columns", line: 0, column: nil, reason: "'\(pair)' is not field=column")
            }
            let field = kv[0].lowercased()
            guard ACLEDTaxonomy.knownColumns.contains(field) else {
                throw IncidentRowError(file: "--columns", line: 0, column: nil, reason: "unknown field '\(kv[0])' (fields: ACLED column names such as latitude, longitude, event_date, location)")
            }
            out[field] = kv[1]
        }
        return out
    }

    /// Reads every row of `path`, calling `body` with each incident kept.
    public func read(path: String, _ body: (Incident) throws -> Void) throws -> ReadReport {
        var report = ReadReport()
        let reader = try CSVReader(path: path)
        guard try reader.next() else {
            report.warn("\(reader.path): empty file")
            return report
        }
        let header = try reader.strings().map { $0.trimmingCharacters(in: .whitespaces) }
        var index: [String: Int] = [:]
        for (i, h) in header.enumerated() where index[h.lowercased()] == nil { index[h.lowercased()] = i }
        // Field → column position: the mapping first, then same-named columns.
        var position = [Int](repeating: -1, count: IncidentColumn.allCases.count)
        var mapped = Set<String>()
        for (field, column) in columnMapping {
            guard let i = index[column.lowercased()] else {
                throw IncidentRowError(file: reader.path, line: 1, column: column, reason: "no column '\(column)' (columns: \(header.joined(separator: ", ")))")
            }
            mapped.insert(field)
            if let c = IncidentColumn.names.firstIndex(of: field) { position[c] = i }
        }
        for c in IncidentColumn.allCases where position[c.rawValue] < 0 {
            if let i = index[c.name] { position[c.rawValue] = i }
        }
        if position[IncidentColumn.latitude.rawValue] < 0, let i = index["lat"] { position[IncidentColumn.latitude.rawValue] = i }
        if position[IncidentColumn.longitude.rawValue] < 0, let i = index["lon"] ?? index["lng"] ?? index["long"] {
            position[IncidentColumn.longitude.rawValue] = i
        }
        // Every other column is kept as an extra property, except known
        // ACLED/IncidentMap columns no field reads (year, extracted_from).
        var used = Set(position.filter { $0 >= 0 })
        for (field, column) in columnMapping where IncidentColumn.names.firstIndex(of: field) == nil { used.insert(index[column.lowercased()]!) }
        for (h, i) in index where ACLEDTaxonomy.knownColumns.contains(h) && !mapped.contains(h) && IncidentColumn.names.firstIndex(of: h) == nil { used.insert(i) }
        let extras = header.indices.filter { !used.contains($0) }

        var latin1Reported = false
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        while try reader.next() {
            if reader.count == 1 && reader.isBlank { continue }
            report.read += 1
            let line = reader.line
            func field(_ column: IncidentColumn) -> String? {
                let i = position[column.rawValue]
                guard i >= 0, i < reader.count else { return nil }
                let s: String
                do { s = try reader.string(i) } catch {
                    if !latin1Reported {
                        report.warn("\(reader.path):\(line): text is not UTF-8; the file looks like Latin-1/Windows-1252 and is read as such (convert it with iconv -f cp1252 -t utf-8)")
                        latin1Reported = true
                    }
                    s = reader.withField(i) { String(decoding: $0.map { UInt16($0) }, as: UTF16.self) }
                }
                let t = Self.trimmed(s)
                return t.isEmpty ? nil : t
            }
            do {
                if reader.count != header.count {
                    throw IncidentRowError(file: reader.path, line: line, column: nil,
                                           reason: "\(reader.count) fields where the header has \(header.count) (ragged row)")
                }
                var inc = try Self.incident(line: line, file: reader.path, stem: stem, field: field)
                for i in extras { inc.extra.append(Property(header[i], .string((try? reader.string(i)) ?? ""))) }
                report.kept += 1
                try body(inc)
            } catch let e as IncidentRowError {
                if onError == .fail { throw e }
                report.rejected += 1
                report.problem(e.description)
            }
        }
        return report
    }

    /// Spaces and tabs dropped at both ends (cheaper than Foundation's trimming on a hot path).
    static func trimmed(_ s: String) -> String {
        guard let f = s.utf8.first, let l = s.utf8.last, f == 0x20 || f == 0x09 || l == 0x20 || l == 0x09 else { return s }
        var sub = Substring(s)
        while let c = sub.first, c == " " || c == "\t" { sub.removeFirst() }
        while let c = sub.last, c == " " || c == "\t" { sub.removeLast() }
        return String(sub)
    }

    /// Builds one incident from named fields, checking them.
    static func incident(line: Int, file: String, stem: String, field: (IncidentColumn) -> String?) throws -> Incident {
        func bad(_ column: IncidentColumn, _ reason: String) -> IncidentRowError {
            IncidentRowError(file: file, line: line, column: column.name, reason: reason)
        }
        func int(_ name: IncidentColumn) throws -> Int? {
            guard let s = field(name) else { return nil }
            if let v = Int(s) { return v }
            if let d = Double(s), let v = Int(exactly: d) { return v }  // 1e300, inf: not whole numbers we can hold
            throw bad(name, "'\(s)' is not a whole number")
        }
        func double(_ name: IncidentColumn) throws -> Double? {
            guard let s = field(name) else { return nil }
            guard let v = NumberParsing.double(s) else { throw bad(name, "'\(s)' is not a number") }
            return v
        }
        let id = field(.id) ?? field(.eventIDCnty) ?? "\(stem)-\(line)"
        var inc = Incident(id: id)
        inc.eventIDCnty = field(.eventIDCnty)
        if let d = field(.eventDate) {
            guard let date = DateParsing.parse(d) else { throw bad(.eventDate, "'\(d)' is not a date (use 2025-03-31 or 31 March 2025), or names an impossible day") }
            inc.eventDate = date
        }
        inc.timePrecision = try int(.timePrecision)
        if let tp = inc.timePrecision, !(1...3).contains(tp) { throw bad(.timePrecision, "\(tp) is not 1 (day), 2 (week) or 3 (month)") }
        inc.disorderType = field(.disorderType)
        if let sub = field(.subEventType) {
            guard let canonical = ACLEDTaxonomy.canonicalSubEventType(sub) else {
                throw bad(.subEventType, "unknown sub-event type '\(sub)'")
            }
            inc.subEventType = canonical
        }
        if let et = field(.eventType) {
            guard let canonical = ACLEDTaxonomy.canonicalEventType(et) else {
                throw bad(.eventType, "unknown event type '\(et)' (ACLED's: \(ACLEDTaxonomy.eventTypes.joined(separator: "; ")))")
            }
            inc.eventType = canonical
            if let sub = inc.subEventType, ACLEDTaxonomy.eventTypeOfSubEvent[sub] != canonical {
                throw bad(.subEventType, "'\(sub)' is not a sub-event type of '\(canonical)'")
            }
        } else if let sub = inc.subEventType {
            inc.eventType = ACLEDTaxonomy.eventTypeOfSubEvent[sub]
        }
        inc.actor1 = field(.actor1); inc.assocActor1 = field(.assocActor1); inc.inter1 = try int(.inter1)
        inc.actor2 = field(.actor2); inc.assocActor2 = field(.assocActor2); inc.inter2 = try int(.inter2)
        inc.interaction = try int(.interaction)
        inc.civilianTargeting = field(.civilianTargeting)
        inc.iso = try int(.iso); inc.region = field(.region); inc.country = field(.country)
        inc.admin1 = field(.admin1); inc.admin2 = field(.admin2); inc.admin3 = field(.admin3); inc.location = field(.location)
        inc.latitude = try double(.latitude); inc.longitude = try double(.longitude)
        if (inc.latitude == nil) != (inc.longitude == nil) {
            throw bad(inc.latitude == nil ? .latitude : .longitude, "one coordinate is missing")
        }
        if let lat = inc.latitude, let lon = inc.longitude {
            guard (-90...90).contains(lat) else { throw bad(.latitude, "\(lat) is outside -90…90") }
            guard (-180...180).contains(lon) else { throw bad(.longitude, "\(lon) is outside -180…180") }
        }
        inc.geoPrecision = try int(.geoPrecision)
        inc.source = field(.source); inc.sourceScale = field(.sourceScale); inc.notes = field(.notes)
        inc.fatalities = try int(.fatalities)
        if let f = inc.fatalities, f < 0 { throw bad(.fatalities, "\(f) is negative") }
        inc.tags = field(.tags); inc.timestamp = try int(.timestamp)
        inc.sourceURL = field(.sourceURL)
        inc.zoneChain = field(.zoneChain)?.split(separator: " ").map(String.init) ?? []
        inc.geocoded = field(.geocoded)?.lowercased() == "true"
        if let k = try int(.killed) { inc.killed = ReportedCount(k) }
        if let k = try int(.injured) { inc.injured = ReportedCount(k) }
        if let k = try int(.abducted) { inc.abducted = ReportedCount(k) }
        if let k = try int(.displaced) { inc.displaced = ReportedCount(k) }
        if let k = try int(.freed) { inc.freed = ReportedCount(k) }
        if let c = try double(.confidence) { inc.confidence = c }
        return inc
    }
}
