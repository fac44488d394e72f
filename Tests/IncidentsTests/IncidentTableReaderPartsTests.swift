import Foundation
import GeoCore
@testable import Incidents
import LayerIO
import Testing
import TestSupport

/// A large table read in parts at once must give what reading it in one go gives: the same incidents in the same
/// order, the same report (counts, problems with their lines, one-off warnings once), the same first error.
@Suite("IncidentTableReader.readInParts: parts read at once equal one read")
struct IncidentTableReaderPartsTests {
    /// A table with what makes cutting hard: notes quoted over several lines (with commas and doubled quotes), a
    /// stray quote inside an unquoted field (which misleads counting quotes), impossible dates and ragged rows in
    /// both halves, all-numeric dates whose order the file proves, Latin-1 bytes in both halves.
    static func awkwardTable(rows: Int = 240) throws -> String {
        let text = try String(contentsOfFile: SharedData.repositoryRoot.appendingPathComponent("Tests/IncidentsTests/Fixtures/acled-haiti-sample.csv").path,
                              encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let notes = row.count - 5  // the notes column of the sample's header (…,notes,fatalities,tags,timestamp,analyst_note)
        var out = Array(lines[0].utf8) + [0x0A]
        for k in 0..<rows {
            var f = row
            f[0] = "P\(k)"
            f[1] = k % 50 == 7 ? "2024-02-30" : (k % 40 == 3 ? "03/04/2025" : (k == 5 ? "31/03/2025" : "2025-03-31"))
            switch k % 9 {
            case 1: f[notes] = "\"Gangs attacked\nMirebalais, \"\"freed\"\" inmates;\nsecond line \(k)\""
            case 4: f[notes] = "a 5\" pipe bomb \(k)"  // a quote inside an unquoted field: kept as text
            case 6: f[notes] = "\"\(k), one line\""
            default: f[notes] = "note \(k)"
            }
            var bytes = Array(f.joined(separator: ",").utf8)
            if k % 70 == 11 { bytes += [0x2C] }  // ragged
            if k % 60 == 13 { bytes = Array(bytes.prefix(9)) + [0xE9] + Array(bytes.dropFirst(9)) }  // Latin-1 é in the id
            out += bytes + (k % 2 == 0 ? [0x0D, 0x0A] : [0x0A])
        }
        let dir = try SharedData.temporaryDirectory("parts")
        let path = dir.appendingPathComponent("awkward.csv").path
        try Data(out).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Offsets where records start (after the header) and every line break inside a quoted field.
    static func offsets(_ path: String) throws -> (records: [CSVSplitPoint], insideQuotes: [CSVSplitPoint]) {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        var lineAt = [Int](repeating: 1, count: bytes.count + 1)  // the physical line of each offset
        for i in bytes.indices { lineAt[i + 1] = lineAt[i] + (bytes[i] == 0x0A ? 1 : 0) }
        func line(_ offset: Int) -> Int { lineAt[offset] }
        let r = try CSVReader(path: path)
        var starts: [Int] = []
        while true {
            let at = r.offset
            guard try r.next() else { break }
            starts.append(at)
        }
        let records = starts.dropFirst().map { CSVSplitPoint(offset: $0, line: line($0)) }
        let recordSet = Set(starts)
        let inside = bytes.indices.filter { $0 > 0 && bytes[$0 - 1] == 0x0A && !recordSet.contains($0) && $0 < bytes.count }
        return (records, inside.map { CSVSplitPoint(offset: $0, line: line($0)) })
    }

    struct Read: Equatable {
        var incidents: [Incident] = []
        var read = 0, kept = 0, rejected = 0, precisionInferred = 0
        var problems: [String] = [], warnings: [String] = []
        var columnIssues: [ColumnIssue] = []

        init(_ incidents: [Incident], _ r: ReadReport) {
            self.incidents = incidents
            (read, kept, rejected, precisionInferred) = (r.read, r.kept, r.rejected, r.precisionInferred)
            (problems, warnings, columnIssues) = (r.problems, r.warnings, r.columnIssues)
        }
    }

    static func inOneGo(_ path: String, onError: OnError = .skip) throws -> Read {
        var all: [Incident] = []
        let report = try IncidentTableReader(onError: onError).read(path: path) { all.append($0) }
        return Read(all, report)
    }

    static func inParts(_ path: String, cuts: [CSVSplitPoint], onError: OnError = .skip) throws -> (Read, parts: Int) {
        let got = Locked([[Incident]](repeating: [], count: cuts.count + 1))
        let (report, valid) = try IncidentTableReader(onError: onError).readInParts(path: path, cutAt: cuts) { k, inc in
            got.withLock { $0[k].append(inc) }
        }
        return (Read(got.withLock { Array($0[..<valid].joined()) }, report), valid)
    }

    @Test("cut at any record boundary, in two or three parts: the same incidents, counts, problems and warnings")
    func everyCut() throws {
        let path = try Self.awkwardTable()
        let whole = try Self.inOneGo(path)
        #expect(whole.incidents.count > 200 && whole.rejected >= 8 && whole.warnings.count == 2, "\(whole.warnings)")
        #expect(whole.incidents.contains { $0.notes?.contains("\n") == true } && whole.incidents.contains { $0.notes?.contains("5\" pipe") == true })
        let (records, _) = try Self.offsets(path)
        for (i, cut) in records.enumerated() {
            let (parts, valid) = try Self.inParts(path, cuts: [cut])
            #expect(valid == 2)
            #expect(parts == whole, "cut before record \(i + 1) (line \(cut.line))")
            if i % 25 == 0, i + 40 < records.count {
                let (three, n) = try Self.inParts(path, cuts: [cut, records[i + 40]])
                #expect(n == 3 && three == whole, "cuts before records \(i + 1) and \(i + 41)")
            }
        }
    }

    @Test("a cut inside a quoted field: the part before reads on past it, the parts after are thrown away, the result is the same")
    func cutInsideQuotes() throws {
        let path = try Self.awkwardTable()
        let whole = try Self.inOneGo(path)
        let (records, inside) = try Self.offsets(path)
        #expect(inside.count > 40)
        for cut in inside {
            let (parts, valid) = try Self.inParts(path, cuts: [cut])
            #expect(valid == 1 && parts == whole, "cut at line \(cut.line)")
        }
        // A good first cut and a bad second one: two parts hold.
        let (two, valid) = try Self.inParts(path, cuts: [records[30], inside.last!])
        #expect(valid == 2 && two == whole)
    }

    @Test("under --on-error fail the first bad row in file order is thrown, whichever part reads it")
    func firstErrorThrown() throws {
        let path = try Self.awkwardTable()
        let expected = try #require(throws: IncidentRowError.self) { try Self.inOneGo(path, onError: .fail) }
        let (records, _) = try Self.offsets(path)
        for cut in [records[2], records[5], records[60], records[200]] {
            let got = try #require(throws: IncidentRowError.self) { try Self.inParts(path, cuts: [cut], onError: .fail) }
            #expect(got == expected, "cut at line \(cut.line)")
        }
    }

    @Test("the cut points: after a line break outside quotes near each k/n of the file, with its physical line")
    func splitPoints() throws {
        let path = try Self.awkwardTable(rows: 30_000)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > 8 << 20)
        let (records, _) = try Self.offsets(path)
        let byOffset = Dictionary(uniqueKeysWithValues: records.map { ($0.offset, $0.line) })
        for parts in 2...4 {
            let points = CSVSplitPoint.find(path: path, parts: parts)
            #expect(points.count == parts - 1)
            for (k, p) in points.enumerated() {
                // The stray quotes make the count a guess: a cut is either a record start with its line or caught by the reader.
                if let line = byOffset[p.offset] { #expect(line == p.line) }
                #expect(p.offset >= size / parts * (k + 1) && p.offset < size / parts * (k + 1) + 4_096)
            }
            let (got, _) = try Self.inParts(path, cuts: points)
            #expect(got == (try Self.inOneGo(path)))
        }
        #expect(CSVSplitPoint.find(path: path, parts: 2, minimumBytes: size + 1).isEmpty)
        #expect(CSVSplitPoint.find(path: "-", parts: 2).isEmpty)
    }
}
