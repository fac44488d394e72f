import Foundation
import GeoCore
import LayerIO
import Zones

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
    /// How all-numeric dates (03/04/2025) are read; by default as the file's unambiguous dates show.
    public var dateOrder: NumericDateOrder

    public init(columnMapping: [String: String] = [:], onError: OnError = .skip, dateOrder: NumericDateOrder = .unambiguousOnly) {
        self.columnMapping = columnMapping
        self.onError = onError
        self.dateOrder = dateOrder
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

    /// The delimiter given with `--delimiter` (the process's choice, set once by the command line), or nil: found
    /// from the header line (``delimiter(of:)``).
    nonisolated(unsafe) public static var delimiterOverride: Character?

    /// `path`'s delimiter: the override, else from its header line — a comma when it has one, else a semicolon
    /// (French Excel) or a tab when it has one of them, else a comma.
    public static func delimiter(of path: String) -> Character {
        if let delimiterOverride { return delimiterOverride }
        guard path != "-", let handle = FileHandle(forReadingAtPath: path) else { return "," }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 65_536)) ?? Data()
        let line = head.prefix { $0 != 0x0A }
        if line.contains(0x2C) { return "," }
        if line.contains(0x3B) { return ";" }
        if line.contains(0x09) { return "\t" }
        return ","
    }

    /// Reads every row of `path`, calling `body` with each incident kept.
    public func read(path: String, _ body: (Incident) throws -> Void) throws -> ReadReport {
        var report = ReadReport()
        let reader = try CSVReader(path: path, delimiter: Self.delimiter(of: path))
        guard try reader.next() else {
            report.warn("\(reader.path): empty file")
            return report
        }
        let layout = try Layout(header: reader, columnMapping: columnMapping)
        report.headers[path] = layout.header
        if layout.columnAt[IncidentColumn.eventDate.rawValue] < 0 {
            report.warn("\(path): no date column (event_date or date; columns: \(layout.header.prefix(8).joined(separator: ", "))\(layout.header.count > 8 ? ", …" : "")): its rows are undated and count at every date; name the column with --columns event_date=COL")
        }
        var state = RowState(dateOrder: dateOrder)
        try readRows(reader, path: path, layout: layout, state: &state, report: &report, cancelled: nil, body)
        return report
    }

    /// Where each field is in a table, from its header row.
    struct Layout {
        let header: [String]
        /// IncidentColumn → column position (-1: absent).
        let columnAt: [Int]
        /// Columns kept as extra properties.
        let extras: [Int]

        init(header reader: CSVReader, columnMapping: [String: String]) throws {
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
            // ACLED's version-5 names of the associated actors.
            for (old, field) in [("ally_actor_1", IncidentColumn.assocActor1), ("ally_actor_2", .assocActor2)] where position[field.rawValue] < 0 {
                if let i = index[old] { position[field.rawValue] = i }
            }
            // ACLED's aggregated data (events per area and week or month) are counts, not events: refused, saying so.
            if AggregatedCountTable.isAggregated(index), position[IncidentColumn.latitude.rawValue] < 0 {
                throw IncidentRowError(file: reader.path, line: 1, column: nil, reason: """
                    this is ACLED's aggregated data (an "Events" count per area and period; columns: \(header.prefix(8).joined(separator: ", "))…), \
                    not one row per event: there is no event to write as a point — `summary` and `map` count it by zone (joined by \
                    p-code), or download ACLED's event data for the same query
                    """)
            }
            // A plain `date` column is the event date when there is no `event_date`.
            if position[IncidentColumn.eventDate.rawValue] < 0, let i = index["date"] { position[IncidentColumn.eventDate.rawValue] = i }
            // The coordinate headers `locate` accepts (latitude/lat/y, longitude/lon/lng/long/x, any case).
            if position[IncidentColumn.latitude.rawValue] < 0, let i = PointTableLocator.latitudeNames.lazy.compactMap({ index[$0] }).first {
                position[IncidentColumn.latitude.rawValue] = i
            }
            if position[IncidentColumn.longitude.rawValue] < 0, let i = PointTableLocator.longitudeNames.lazy.compactMap({ index[$0] }).first {
                position[IncidentColumn.longitude.rawValue] = i
            }
            // Every other column is kept as an extra property, except known
            // ACLED/IncidentMap columns no field reads (year, extracted_from).
            var used = Set(position.filter { $0 >= 0 })
            for (field, column) in columnMapping where IncidentColumn.names.firstIndex(of: field) == nil { used.insert(index[column.lowercased()]!) }
            // ACLED's `year` is kept (as an extra) for the layers: analysts filter on it.
            for (h, i) in index where ACLEDTaxonomy.knownColumns.contains(h) && h != "year" && !mapped.contains(h) && IncidentColumn.names.firstIndex(of: h) == nil { used.insert(i) }
            // An unnamed first column (a spreadsheet's or pandas' row index: "", "Unnamed: 0") is no property.
            extras = header.indices.filter { i in
                !used.contains(i) && !header[i].isEmpty && !header[i].lowercased().hasPrefix("unnamed:")
            }
            self.header = header
            columnAt = position
        }
    }

    /// What reading learns as it goes, row after row: the order of all-numeric dates, whether the text was found
    /// not to be UTF-8 (and where those one-off warnings stand in the report, for joining the reports of parts).
    struct RowState {
        var dateOrder: NumericDateOrder
        var dateOrderSettled: Bool
        var latin1Reported = false
        var dateOrderWarning: Int?
        var latin1Warning: Int?

        init(dateOrder: NumericDateOrder) {
            self.dateOrder = dateOrder
            dateOrderSettled = dateOrder != .unambiguousOnly
        }
    }

    /// Reads the records `reader` gives (after the header) into incidents. `cancelled`, when given, is asked every
    /// 1,024 rows whether to stop (by throwing ``Cancelled``).
    func readRows(_ reader: CSVReader, path: String, layout: Layout, state: inout RowState, report: inout ReadReport,
                  cancelled: (() -> Bool)?, _ body: (Incident) throws -> Void) throws {
        let header = layout.header, extras = layout.extras
        let onError = self.onError
        var dateOrder = state.dateOrder
        var dateOrderSettled = state.dateOrderSettled
        var latin1Reported = state.latin1Reported
        defer {
            state.dateOrder = dateOrder
            state.dateOrderSettled = dateOrderSettled
            state.latin1Reported = latin1Reported
        }
        let columnAt = layout.columnAt  // read for every field: a constant, not a captured variable (checked at run time)
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var sinceAsked = 0
        while try reader.next() {
            if reader.count == 1 && reader.isBlank { continue }
            if let cancelled {
                sinceAsked += 1
                if sinceAsked == 1_024 {
                    sinceAsked = 0
                    if cancelled() { throw Cancelled() }
                }
            }
            report.read += 1
            // The record's fields are read through one view of it (no access to the reader object per field).
            try reader.withFields { rec in
                let line = rec.line
                func field(_ column: IncidentColumn) -> String? {
                    let i = columnAt[column.rawValue]
                    guard i >= 0, i < rec.count else { return nil }
                    let t: String
                    do { t = try rec.string(i, trimmingBlanks: true) } catch {
                        if !latin1Reported {
                            let before = report.warnings.count
                            report.warn("\(reader.path):\(line): text is not UTF-8; the file looks like Latin-1/Windows-1252 and is read as such (convert it with iconv -f cp1252 -t utf-8)")
                            if report.warnings.count > before { state.latin1Warning = before }
                            latin1Reported = true
                        }
                        t = rec.withField(i) { String(decoding: $0.map { UInt16($0) }, as: UTF16.self) }.trimmingBlanks()
                    }
                    return t.isEmpty ? nil : t
                }
                do {
                    // Trailing empty fields past the header (a spreadsheet's trailing commas) are harmless.
                    if rec.count > header.count, (header.count..<rec.count).allSatisfy({ rec.withField($0) { $0.isEmpty } }) {
                    } else if rec.count != header.count {
                        throw IncidentRowError(file: reader.path, line: line, column: nil,
                                               reason: "\(rec.count) fields where the header has \(header.count) (ragged row)")
                    }
                    // An all-numeric date that could be day- or month-first: the file's other dates decide (read once, lazily).
                    if !dateOrderSettled, let d = field(.eventDate), DateParsing.isAmbiguousNumeric(d) {
                        dateOrderSettled = true
                        if let proven = Self.provenDateOrder(path: path, column: columnAt[IncidentColumn.eventDate.rawValue]) {
                            dateOrder = proven
                            let before = report.warnings.count
                            report.warn("\(reader.path): dates such as '\(d)' read \(proven == .dayFirst ? "day-first (31/03/2025)" : "month-first (03/31/2025)"), as other dates in the file show (--date-format to say otherwise)")
                            if report.warnings.count > before { state.dateOrderWarning = before }
                        }
                    }
                    let file = reader.path
                    var inc = try Self.incident(line: line, file: file, stem: stem, dateOrder: dateOrder, field: field) { column, value, action in
                        report.columnIssue(file: file, column: column.name, line: line, value: value, action: action)
                    }
                    if ACLEDLocationPrecision.infer(&inc) { report.precisionInferred += 1 }
                if ACLEDLocationPrecision.dropCountryPoint(&inc) { report.countryLevel += 1 }
                    for i in extras { inc.extra.append(Property(header[i], .string((try? rec.string(i)) ?? ""))) }
                    report.kept += 1
                    try body(inc)
                } catch let e as IncidentRowError {
                    try report.reject(e, policy: onError)
                }
            }
        }
    }

    /// A part of a file read in parts stopped because its rows are not wanted any more.
    struct Cancelled: Error {}

    /// The order the all-numeric dates of a file's `column` prove (the first date with a number above 12), or nil
    /// (standard input cannot be read twice; a file whose every date is ambiguous proves nothing).
    static func provenDateOrder(path: String, column: Int) -> NumericDateOrder? {
        guard path != "-", column >= 0, let r = try? CSVReader(path: path), (try? r.next()) == true else { return nil }
        while (try? r.next()) == true {
            guard column < r.count, let d = try? r.string(column) else { continue }
            if let o = DateParsing.provenOrder(d) { return o }
        }
        return nil
    }

    /// Builds one incident from named fields, checking them.
    ///
    /// Only what the analysis needs rejects the row (throws): an event date that is
    /// not a date. Coordinates that cannot be read are dropped (the row is then
    /// placed by its location name, or rejected by the placer); every other column
    /// that does not parse goes to `issue(column, value, action)` and the event is kept.
    static func incident(line: Int, file: String, stem: String, dateOrder: NumericDateOrder = .unambiguousOnly,
                         field given: (IncidentColumn) -> String?,
                         issue: (IncidentColumn, String, String) -> Void = { _, _, _ in }) throws -> Incident {
        // R's and pandas' missing values written out ("NA", "NaN") are empty fields, not an actor named "NA".
        func field(_ c: IncidentColumn) -> String? {
            guard let v = given(c) else { return nil }
            return v == "NA" || v == "NaN" || v == "<NA>" ? nil : v
        }
        func bad(_ column: IncidentColumn, _ reason: String) -> IncidentRowError {
            IncidentRowError(file: file, line: line, column: column.name, reason: reason)
        }
        let leftEmpty = "left empty"
        func int(_ name: IncidentColumn, _ range: ClosedRange<Int>? = nil) -> Int? {
            guard let s = field(name) else { return nil }
            if let v = Int(s) ?? Double(s).flatMap({ Int(exactly: $0) }), range.map({ $0.contains(v) }) ?? true { return v }
            issue(name, s, leftEmpty)
            return nil
        }
        func double(_ name: IncidentColumn) -> Double? {
            guard let s = field(name) else { return nil }
            guard let v = NumberParsing.double(s) else { issue(name, s, leftEmpty); return nil }
            return v
        }
        let id = field(.id) ?? field(.eventIDCnty) ?? "\(stem)-\(line)"
        var inc = Incident(id: id)
        inc.sourceLine = line
        inc.eventIDCnty = field(.eventIDCnty)
        if let d = field(.eventDate) {
            guard let date = DateParsing.parse(d, order: dateOrder) else {
                if DateParsing.isAmbiguousNumeric(d) {
                    throw bad(.eventDate, "'\(d)' could be day-first or month-first and no date in the file tells which (give --date-format dmy or mdy)")
                }
                if let serial = Int(d), (20_000...80_000).contains(serial) {
                    // Excel's day count (1900 system: day 1 is 1900-01-01, counted as if 1900 were a leap year).
                    let day = CalendarDate(daysSinceEpoch: serial - 25_569)
                    throw bad(.eventDate, "'\(d)' looks like a spreadsheet's date serial number (\(day) in Excel's 1900 date system): format the column as dates (YYYY-MM-DD) before saving the file")
                }
                throw bad(.eventDate, "'\(d)' is not a date (use 2025-03-31, 31 March 2025 or 31/03/2025), or names an impossible day")
            }
            inc.eventDate = date
        }
        inc.timePrecision = int(.timePrecision, 1...3)
        inc.disorderType = field(.disorderType)
        if let sub = field(.subEventType) {
            if let canonical = ACLEDTaxonomy.canonicalSubEventType(sub) { inc.subEventType = canonical } else {
                inc.subEventType = sub
                issue(.subEventType, sub, "kept as written")
            }
        }
        if let et = field(.eventType) {
            if let canonical = ACLEDTaxonomy.canonicalEventType(et) {
                inc.eventType = canonical
                if let sub = inc.subEventType, let parent = ACLEDTaxonomy.eventTypeOfSubEvent[sub], parent != canonical {
                    issue(.subEventType, "\(sub) (under \(canonical))", "kept; its event type is \(parent)")
                }
            } else if let old = ACLEDTaxonomy.version5EventTypes[et.lowercased()] {
                // An export from before ACLED's 2019 taxonomy: its types read as today's.
                var type = old.eventType
                if type == ACLEDTaxonomy.version5Riots {
                    let rioters = [IncidentColumn.inter1, .inter2].contains { field($0).flatMap(ACLEDInteraction.interCode) == 5 }
                    type = rioters ? ACLEDTaxonomy.riots : ACLEDTaxonomy.protests
                }
                inc.eventType = type
                if inc.subEventType == nil { inc.subEventType = old.subEventType }
                issue(.eventType, et, "read as ACLED's 2019 types (an export from before 2019)")
            } else {
                inc.eventType = inc.subEventType.flatMap { ACLEDTaxonomy.eventTypeOfSubEvent[$0] } ?? et
                issue(.eventType, et, inc.eventType == et ? "kept as written" : "taken from the sub-event type")
            }
        } else if let sub = inc.subEventType {
            inc.eventType = ACLEDTaxonomy.eventTypeOfSubEvent[sub]
        }
        inc.actor1 = field(.actor1); inc.assocActor1 = field(.assocActor1)
        inc.actor2 = field(.actor2); inc.assocActor2 = field(.assocActor2)
        // inter1/inter2: numbers (older exports) or category words (current ones).
        func inter(_ column: IncidentColumn) -> Int? {
            guard let s = field(column) else { return nil }
            if let c = ACLEDInteraction.interCode(s) { return c == 0 ? nil : c }
            issue(column, s, leftEmpty)
            return nil
        }
        inc.inter1 = inter(.inter1); inc.inter2 = inter(.inter2)
        if let s = field(.interaction) {
            if let p = ACLEDInteraction.parse(s) {
                inc.interaction = p.code
                // Reduced exports carry no inter1/inter2: take them from the interaction, each side to
                // the actor it names (the words are not always in actor order).
                if inc.inter1 == nil && inc.inter2 == nil {
                    var (a, b) = (p.first, p.second)
                    if let g1 = ACLEDActorName.interGuess(inc.actor1), g1 == b, g1 != a { swap(&a, &b) }
                    else if let g2 = ACLEDActorName.interGuess(inc.actor2), g2 == a, g2 != b { swap(&a, &b) }
                    inc.inter1 = a
                    inc.inter2 = inc.actor2 == nil && b == nil ? nil : b
                }
            } else {
                issue(.interaction, s, leftEmpty)
            }
        } else if inc.inter1 != nil {
            inc.interaction = ACLEDTaxonomy.interaction(inc.inter1, inc.inter2)
        }
        inc.civilianTargeting = field(.civilianTargeting)
        if let iso = field(.iso) {
            // ISO 3166 numeric (332) in ACLED's files; some exports and tools write the alpha-3 code (HTI).
            if let n = Int(iso) { inc.iso = n } else if iso.count == 3, iso.allSatisfy(\.isLetter) { inc.isoAlpha3 = iso.uppercased() } else {
                issue(.iso, iso, leftEmpty)
            }
        }
        inc.region = field(.region); inc.country = field(.country)
        inc.admin1 = field(.admin1); inc.admin2 = field(.admin2); inc.admin3 = field(.admin3); inc.location = field(.location)
        var lat = double(.latitude), lon = double(.longitude)
        if let v = lat, !(-90...90).contains(v) { issue(.latitude, "\(v)", "outside -90…90: coordinates dropped"); lat = nil; lon = nil }
        if let v = lon, !(-180...180).contains(v) { issue(.longitude, "\(v)", "outside -180…180: coordinates dropped"); lat = nil; lon = nil }
        if (lat == nil) != (lon == nil) {
            issue(lat == nil ? .latitude : .longitude, field(lat == nil ? .longitude : .latitude) ?? "", "other coordinate missing: coordinates dropped")
            lat = nil; lon = nil
        }
        inc.latitude = lat; inc.longitude = lon
        inc.geoPrecision = int(.geoPrecision, 1...3)
        inc.source = field(.source); inc.sourceScale = field(.sourceScale); inc.notes = field(.notes)
        inc.fatalities = int(.fatalities, 0...Int.max)
        inc.tags = field(.tags); inc.timestamp = int(.timestamp)
        inc.sourceURL = field(.sourceURL)
        inc.zoneChain = field(.zoneChain)?.split(separator: " ").map(String.init) ?? []
        inc.geocoded = field(.geocoded)?.lowercased() == "true"
        if let k = int(.killed, 0...Int.max) { inc.killed = ReportedCount(k) }
        if let k = int(.injured, 0...Int.max) { inc.injured = ReportedCount(k) }
        if let k = int(.abducted, 0...Int.max) { inc.abducted = ReportedCount(k) }
        if let k = int(.displaced, 0...Int.max) { inc.displaced = ReportedCount(k) }
        if let k = int(.freed, 0...Int.max) { inc.freed = ReportedCount(k) }
        if let c = double(.confidence) { inc.confidence = c }
        return inc
    }
}
