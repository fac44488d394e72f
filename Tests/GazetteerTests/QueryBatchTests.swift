import Foundation
import GeoCore
import Gazetteer
import LayerIO
import Testing

/// Bytes written to memory (a `CSVWriter`'s sink in these tests).
private final class BytesSink: ByteSink {
    var bytes: [UInt8] = []
    func write(_ b: [UInt8]) throws { bytes += b }
    func finish() throws {}
}

@Suite("Query batches: distinct names once, every row answered")
struct QueryBatchTests {
    @Test("lines: BOM, CRLF and empty lines dropped; repeats share an entry; rows keep the input's order")
    func lines() {
        let text = Array("\u{FEFF}Okap\r\nMibalè\n\nOkap\nMibalè\r\nOkap".utf8)
        let b = QueryBatch(lines: text)
        #expect(b.names == ["Okap", "Mibalè"])
        #expect(b.rows == [0, 1, 0, 1, 0])
        #expect(b.invalidLines.isEmpty)
        #expect(QueryBatch(lines: []).rows.isEmpty)
        #expect(QueryBatch(lines: Array("\n\r\n\n".utf8)).names.isEmpty)
    }

    @Test("lines: a name is echoed as written (a decomposed é is its own entry); invalid UTF-8 reported on every line")
    func asWritten() {
        let composed = Array("Mibalè".utf8), decomposed = Array("Mibale\u{300}".utf8)
        let b = QueryBatch(lines: composed + [0x0A] + decomposed + [0x0A] + [0xC3, 0x28, 0x0A] + composed + [0x0A, 0xC3, 0x28])
        #expect(b.names.count == 3)
        #expect(Array(b.names[1].utf8) == decomposed)
        #expect(b.rows == [0, 1, 2, 0, 2])
        #expect(b.invalidLines == [3, 5])
        // From strings, equal means equal as Swift strings (canonical equivalence), as before.
        #expect(QueryBatch(["Mibalè", "Mibale\u{300}"]).names.count == 1)
    }

    @Test("lines: many distinct names (the table grows) map to the same rows as by strings")
    func growth() {
        var queries: [String] = []
        for i in 0..<30_000 { queries.append("name \(i % 9_001) \(i % 7 == 0 ? "x" : "")") }
        let b = QueryBatch(lines: Array(queries.joined(separator: "\n").utf8))
        let s = QueryBatch(queries)
        #expect(b.names == s.names && b.rows == s.rows)
        #expect(b.expand(b.names.map { GeocodeResult(query: $0, match: nil, score: 0, ambiguous: false, alternatives: []) }).map(\.query) == queries)
    }

    @Test("a CSV column: quoted fields, empty fields kept as rows, blank lines skipped, line numbers of invalid text")
    func column() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("incidentmap-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.csv").path
        let bytes = Array("id,place\n1,Okap\n2,\"Delmas, 30\"\n\n3,\n4,Okap\n5,".utf8) + [0xC3, 0x28] + Array("\n6,\"Delmas, 30\"\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path)
        #expect(try reader.next())
        let b = try QueryBatch(column: 1, of: reader)
        #expect(b.names.count == 4 && b.names[0] == "Okap" && b.names[1] == "Delmas, 30" && b.names[2] == "")
        #expect(b.rows == [0, 1, 2, 0, 3, 1])
        #expect(b.invalidLines == [7])
    }

    @Test("CSV from a batch: the rows of the expanded results, the same bytes on one thread or several")
    func csvRows() throws {
        let g = try GazetteerFixture.withBoundaries.get()
        // Every place's name, less its last or first letter, in capitals, and with a number or a comma after it,
        // twice over in two orders: over 4,096 distinct names, so the rows are encoded in several parts.
        var queries = g.places.flatMap { p in
            [p.name, String(p.name.dropLast()), String(p.name.dropFirst()), p.name.uppercased(), p.name + " 30", p.name + ", Haïti"]
        }
        queries += queries.reversed()
        let batch = QueryBatch(queries)
        #expect(batch.names.count > 4_096)
        let results = g.lookup(batch, threads: 2)
        func csv(_ body: (CSVWriter) throws -> Void) throws -> [UInt8] {
            let sink = BytesSink()
            let w = CSVWriter(sink: sink)
            try body(w)
            try w.finish()
            return sink.bytes
        }
        let expanded = try csv { try GeocodeOutput.csv(batch.expand(results), to: $0) }
        let one = try csv { try GeocodeOutput.csv(results, rows: batch.rows, to: $0, threads: 1) }
        let many = try csv { try GeocodeOutput.csv(results, rows: batch.rows, to: $0, threads: 4) }
        #expect(one == expanded && many == expanded)
        let lines = String(decoding: many, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == queries.count + 2 && lines.last == "")
        // Row k answers query k.
        for k in stride(from: 0, to: queries.count, by: 997) {
            var f: [UInt8] = []
            CSVWriter.appendField(queries[k], to: &f)
            #expect(lines[k + 1].utf8.starts(with: f + [0x2C]), "row \(k): \(lines[k + 1])")
        }
    }
}
