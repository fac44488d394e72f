import Foundation
import GeoCore
import LayerIO

/// Renders geocoding results as the `geocode` command prints them.
///
/// JSON (one array, an object per query):
/// ```json
/// {"query": "Mibalè", "match": {"name": "Mirebalais", "id": "geonames:3720811", "source": "geonames-cities500",
///   "kind": "populated_place", "latitude": 18.83455, "longitude": -72.1048, "population": 9082,
///   "zones": [{"level": "adm1", "pcode": "HT06", "name": "Centre"}, …], "method": "exact", "matched_name": "Mibalè"},
///  "score": 1, "ambiguous": false, "alternatives": [ … same shape as match, plus "score" … ]}
/// ```
public enum GeocodeOutput {
    public static func json(_ results: [GeocodeResult]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, r) in results.enumerated() {
            out.append(contentsOf: (i == 0 ? "\n" : ",\n").utf8)
            appendResult(r, to: &out)
        }
        out.append(contentsOf: "\n]\n".utf8)
        return out
    }

    static func appendResult(_ r: GeocodeResult, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"query":"#.utf8)
        JSONText.appendString(r.query, to: &out)
        out.append(contentsOf: #","match":"#.utf8)
        if let m = r.match { appendCandidate(m, score: nil, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(contentsOf: #","score":"#.utf8)
        JSONText.appendFixed(r.score, precision: 4, to: &out)
        out.append(contentsOf: #","ambiguous":"#.utf8)
        out.append(contentsOf: (r.ambiguous ? "true" : "false").utf8)
        out.append(contentsOf: #","alternatives":["#.utf8)
        for (k, a) in r.alternatives.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            appendCandidate(a, score: min(1, max(0, a.rank)), to: &out)
        }
        out.append(contentsOf: "]}".utf8)
    }

    static func appendCandidate(_ c: Candidate, score: Double?, to out: inout [UInt8]) {
        func key(_ k: String) { out.append(contentsOf: ",\"\(k)\":".utf8) }
        out.append(contentsOf: #"{"name":"#.utf8)
        JSONText.appendString(c.place.name, to: &out)
        key("id"); JSONText.appendString(c.place.id, to: &out)
        key("source"); JSONText.appendString(c.place.source, to: &out)
        key("kind"); JSONText.appendString(c.place.kind.rawValue, to: &out)
        key("latitude"); JSONText.appendFixed(c.place.coordinate.latitude, precision: 7, to: &out)
        key("longitude"); JSONText.appendFixed(c.place.coordinate.longitude, precision: 7, to: &out)
        key("population")
        if let p = c.place.population { JSONText.appendInteger(p, to: &out) } else { out.append(contentsOf: "null".utf8) }
        key("zones")
        out.append(UInt8(ascii: "["))
        for (k, z) in c.zones.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"level":"#.utf8)
            JSONText.appendString(z.level.rawValue, to: &out)
            out.append(contentsOf: #","pcode":"#.utf8)
            JSONText.appendString(z.pcode, to: &out)
            out.append(contentsOf: #","name":"#.utf8)
            JSONText.appendString(z.name, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        key("method"); JSONText.appendString(c.method.rawValue, to: &out)
        key("matched_name"); JSONText.appendString(c.matchedName, to: &out)
        if let acc = c.place.accuracy { key("accuracy"); JSONText.appendInteger(acc, to: &out) }
        if let score { key("score"); JSONText.appendFixed(score, precision: 4, to: &out) }
        out.append(UInt8(ascii: "}"))
    }

    /// CSV, one row per query (RFC 4180, UTF-8): `query,id,name,kind,latitude,longitude,zones,score,method,ambiguous`;
    /// `zones` holds the match's zone p-codes, coarsest first, space-separated; a query without a match has only its
    /// query and score 0.
    ///
    /// With `rows` (a ``QueryBatch``'s), `results` are the batch's distinct names' and a row is written for each entry
    /// of `rows`; each distinct row is encoded once, on up to `threads` threads.
    public static func csv(_ results: [GeocodeResult], rows: [Int32]? = nil, to w: CSVWriter, threads: Int = 1) throws {
        try w.writeRow(["query", "id", "name", "kind", "latitude", "longitude", "zones", "score", "method", "ambiguous"])
        let parts = encodeRows(results, delimiter: w.delimiter, threads: threads)
        // The rows copied into blocks of about 1 MiB, each handed whole to the writer on another thread (with more
        // than one thread), so that copying the next block and writing this one overlap.
        let writer = BlockWriter(w, background: threads > 1)
        var block: [UInt8] = []
        block.reserveCapacity(1 << 20 + 4096)
        func row(_ i: Int) throws {
            let part = parts[i / rowsPerPart], k = i % rowsPerPart
            block.append(contentsOf: part.bytes[(k == 0 ? 0 : part.ends[k - 1])..<part.ends[k]])
            if block.count >= 1 << 20 {
                try writer.write(block)
                block = []
                block.reserveCapacity(1 << 20 + 4096)
            }
        }
        if let rows {
            for i in rows { try row(Int(i)) }
        } else {
            for i in results.indices { try row(i) }
        }
        try writer.write(block)
        try writer.finish()
    }

    /// Hands blocks of whole rows to a ``CSVWriter``, in order, on a serial queue of its own when `background`;
    /// the first error is thrown by the next call.
    private final class BlockWriter: @unchecked Sendable {
        private let writer: CSVWriter
        private let queue: DispatchQueue?
        private let lock = NSLock()
        private var failure: (any Error)?

        init(_ writer: CSVWriter, background: Bool) {
            self.writer = writer
            queue = background ? DispatchQueue(label: "incidentmap.geocode.csv") : nil
        }

        func write(_ block: [UInt8]) throws {
            try check()
            guard let queue else { return try writer.writeRows(block) }
            queue.async {
                guard self.failed == nil else { return }
                do { try self.writer.writeRows(block) } catch { self.failed = error }
            }
        }

        /// Waits for the blocks handed over so far.
        func finish() throws {
            queue?.sync {}
            try check()
        }

        private var failed: (any Error)? {
            get { lock.lock(); defer { lock.unlock() }; return failure }
            set { lock.lock(); defer { lock.unlock() }; failure = newValue }
        }

        private func check() throws { if let e = failed { throw e } }
    }

    private static let rowsPerPart = 4096

    /// The rows of `results` (each with its line end) in parts of ``rowsPerPart`` rows: each part's bytes and
    /// where each of its rows ends. Parts are encoded on up to `threads` threads.
    private static func encodeRows(_ results: [GeocodeResult], delimiter: UInt8, threads: Int) -> [(bytes: [UInt8], ends: [Int])] {
        let starts = Array(stride(from: 0, to: results.count, by: rowsPerPart))
        return starts.parallelMap(chunk: 1, threads: threads) { start in
            var out: [UInt8] = [], ends: [Int] = []
            out.reserveCapacity(rowsPerPart * 128)
            ends.reserveCapacity(rowsPerPart)
            var places = PlaceFields()
            for r in results[start..<min(results.count, start + rowsPerPart)] {
                appendCSVRow(r, places: &places, delimiter: delimiter, to: &out)
                out.append(0x0A)
                ends.append(out.count)
            }
            return (out, ends)
        }
    }

    private static func appendCSVRow(_ r: GeocodeResult, places: inout PlaceFields, delimiter: UInt8, to out: inout [UInt8]) {
        func field(_ s: String) { CSVWriter.appendField(s, delimiter: delimiter, to: &out) }
        field(r.query)
        guard let m = r.match else {
            out.append(contentsOf: Array(",,,,,,,0,,false".utf8).map { $0 == 0x2C ? delimiter : $0 })
            return
        }
        out.append(delimiter)
        places.append(m, delimiter: delimiter, to: &out)
        out.append(delimiter); JSONText.appendFixed(r.score, precision: 4, to: &out)
        out.append(delimiter); field(m.method.rawValue)
        out.append(delimiter); field(r.ambiguous ? "true" : "false")
    }

    /// The fields of a matched place (`id,name,kind,latitude,longitude,zones`), encoded once per place.
    private struct PlaceFields {
        private var bytes: [UInt8] = []
        private var encoded: [Int: (range: Range<Int>, id: String, coordinate: Coordinate, zones: [ZoneRef])] = [:]

        mutating func append(_ m: Candidate, delimiter: UInt8, to out: inout [UInt8]) {
            // Known by the place's index in its gazetteer, checked against what the fields hold.
            if m.placeIndex >= 0, let e = encoded[m.placeIndex], e.id == m.place.id, e.coordinate == m.place.coordinate, e.zones == m.zones {
                out.append(contentsOf: bytes[e.range])
                return
            }
            let start = bytes.count
            func field(_ s: String) { CSVWriter.appendField(s, delimiter: delimiter, to: &bytes) }
            field(m.place.id)
            bytes.append(delimiter); field(m.place.name)
            bytes.append(delimiter); field(m.place.kind.rawValue)
            bytes.append(delimiter); JSONText.appendFixed(m.place.coordinate.latitude, precision: 7, to: &bytes)
            bytes.append(delimiter); JSONText.appendFixed(m.place.coordinate.longitude, precision: 7, to: &bytes)
            bytes.append(delimiter)
            for (k, z) in m.zones.enumerated() {
                if k > 0 { bytes.append(0x20) }
                field(z.pcode)
            }
            if m.placeIndex >= 0 { encoded[m.placeIndex] = (start..<bytes.count, m.place.id, m.place.coordinate, m.zones) }
            out.append(contentsOf: bytes[start...])
        }
    }

    /// An aligned table: query, match, kind, commune, department, score, flags.
    public static func table(_ results: [GeocodeResult]) -> String {
        var t = TextTable(headers: ["query", "match", "id", "kind", "lat", "lon", "zones", "score", "note"],
                          alignments: [.left, .left, .left, .left, .right, .right, .left, .right, .left])
        for r in results {
            guard let m = r.match else {
                let misses = r.alternatives.prefix(3).map(\.place.name).joined(separator: ", ")
                t.append([r.query, "—", "", "", "", "", "", "0", misses.isEmpty ? "no match" : "no match; near: \(misses)"])
                continue
            }
            var note = m.method == .exact ? "" : m.method.rawValue
            if r.ambiguous { note += (note.isEmpty ? "" : ", ") + "ambiguous: also " + r.alternatives.prefix(2).map { "\($0.place.name) (\($0.zones.last?.pcode ?? $0.place.id))" }.joined(separator: ", ") }
            t.append([r.query, m.place.name, m.place.id, m.place.kind.rawValue,
                      String(format: "%.5f", m.place.coordinate.latitude), String(format: "%.5f", m.place.coordinate.longitude),
                      m.zones.map(\.pcode).joined(separator: " › "), String(format: "%.2f", r.score), note])
        }
        return t.render(maxCellWidth: 60)
    }

    /// The matches as a FeatureCollection of points (queries without a match are left out).
    public static func featureCollection(_ results: [GeocodeResult]) -> FeatureCollection {
        FeatureCollection(results.compactMap { r in
            guard let m = r.match else { return nil }
            var props: [Property] = [
                Property("query", .string(r.query)), Property("name", .string(m.place.name)), Property("id", .string(m.place.id)),
                Property("source", .string(m.place.source)), Property("kind", .string(m.place.kind.rawValue)),
                Property("population", m.place.population.map { .int($0) } ?? .null), Property("score", .double((r.score * 1e4).rounded() / 1e4)),
                Property("ambiguous", .bool(r.ambiguous)), Property("method", .string(m.method.rawValue)),
            ]
            for z in m.zones { props.append(Property("\(z.level)_pcode", .string(z.pcode))); props.append(Property("\(z.level)_name", .string(z.name))) }
            return Feature(geometry: .point(Point(m.place.coordinate)), properties: props)
        })
    }
}
