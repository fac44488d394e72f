import Foundation
import GeoCore
import Gazetteer
import Incidents
import Testing
import TestSupport

@Suite("Place mentions in news texts written from real reports")
struct NewsPlaceMentionTests {
    struct Annotated { let file: String; let date: CalendarDate?; let places: [(String, String)]; let outside: [String]; let text: String }

    static func texts() throws -> [Annotated] {
        let dir = ExtractorFixture.fixture("news")
        return try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".txt") }.sorted().map { name in
            let raw = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
            var places: [(String, String)] = [], outside: [String] = [], date: CalendarDate?
            var body: [Substring] = []
            for line in raw.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("# places:") {
                    places = line.dropFirst(9).split(separator: "|").map {
                        let kv = $0.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                        return (kv[0], kv[1])
                    }
                } else if line.hasPrefix("# outside:") {
                    outside = line.dropFirst(10).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                } else if line.hasPrefix("# date:") {
                    date = CalendarDate(iso8601: line.dropFirst(7).trimmingCharacters(in: .whitespaces))
                } else if !line.hasPrefix("#") {
                    body.append(line)
                }
            }
            return Annotated(file: name, date: date, places: places, outside: outside, text: body.joined(separator: "\n"))
        }
    }

    @Test("10 texts written from real reports: place-mention precision and recall ≥ 90%, each in the right commune")
    func precisionRecall() throws {
        let extractor = try ExtractorFixture.extractor.get()
        let texts = try Self.texts()
        #expect(texts.count >= 10)
        var truePositives = 0, found = 0, expected = 0
        var report: [String] = []
        for t in texts {
            let e = extractor.extract(text: t.text, file: t.file, reportDate: t.date)
            expected += t.places.count
            found += e.mentions.count
            // Match each found mention to an unused annotation with the same words and zone.
            var unused = t.places
            for m in e.mentions {
                let key = NameNormalizer.key(m.text)
                if let k = unused.firstIndex(where: { a in NameNormalizer.key(a.0) == key && (m.commune == a.1 || m.zones.contains { $0.pcode == a.1 }) }) {
                    truePositives += 1
                    unused.remove(at: k)
                } else {
                    report.append("\(t.file): extra or wrong: \(m.text) → \(m.name) \(m.zones.map(\.pcode))")
                }
            }
            for (name, zone) in unused { report.append("\(t.file): missed: \(name) (\(zone))") }
            for o in t.outside { #expect(e.outside.contains { $0.name == o }, "\(t.file): \(o) not listed outside Haiti") }
        }
        let precision = Double(truePositives) / Double(max(1, found))
        let recall = Double(truePositives) / Double(max(1, expected))
        print("place mentions: precision \(String(format: "%.3f", precision)) (\(truePositives)/\(found)), recall \(String(format: "%.3f", recall)) (\(truePositives)/\(expected))")
        for r in report { print("  \(r)") }
        #expect(precision >= 0.9)
        #expect(recall >= 0.9)
    }

    @Test("control statements in news: '85% of the capital' resolves to Port-au-Prince")
    func controlInNews() throws {
        let t = try #require(try Self.texts().first { $0.file.hasPrefix("05-") })
        let e = try ExtractorFixture.extractor.get().extract(text: t.text, file: t.file, reportDate: t.date)
        let c = try #require(e.control.first)
        #expect(c.share == 0.85 && c.zone == "HT0111")
        let attack = try #require(e.incidents.first { $0.location == "Kenscoff" })
        #expect(attack.killed == ReportedCount(40, qualifier: "at least"))
        // The attack's toll of displaced people, told four paragraphs later, is the attack's, not a statistic.
        #expect(attack.displaced == ReportedCount(1660, qualifier: "over"))
        #expect(!e.incidents.contains { $0.isAggregate || $0.isBackground })
    }
}
