import Foundation
import Incidents
import Testing
import TestSupport

/// Text with no sentence ends (scraped pages, PDFs turned into text, OCR): cut into pieces of at most 200 words, so
/// extraction stays linear; no place name is cut in two.
@Suite("Extraction: long unpunctuated text")
struct LongTextTests {
    @Test("one line of 3,000 names: every mention found, none cut, each piece at most 200 words")
    func oneLine() throws {
        let x = try ExtractorFixture.extractor.get()
        let text = String(repeating: "Port-au-Prince ", count: 3_000)
        let e = x.extract(text: text, file: "line.txt", reportDate: nil)
        #expect(e.mentions.count == 3_000)
        #expect(e.mentions.allSatisfy { $0.text == "Port-au-Prince" && $0.commune == "HT0111" })
        // Spans are character offsets into the text, in order, 15 apart.
        #expect(zip(e.mentions, e.mentions.dropFirst()).allSatisfy { $1.span.start - $0.span.start == 15 })
        // 9,000 words in pieces of at most 200: at least 45 sentences.
        #expect(Set(e.mentions.map(\.sentence)).count >= 45)
    }

    @Test("a long list cut at commas: the names on either side of a cut are whole")
    func commaCuts() throws {
        let x = try ExtractorFixture.extractor.get()
        let names = ["Mirebalais", "Saint-Marc", "Cité Soleil", "Croix-des-Bouquets", "Pétion-Ville"]
        let text = (0..<400).map { "residents of \(names[$0 % names.count]) and others" }.joined(separator: ", ")
        let e = x.extract(text: text, file: "list.txt", reportDate: nil)
        #expect(e.mentions.count == 400)
        for (k, m) in e.mentions.enumerated() { #expect(m.text == names[k % names.count]) }
    }

    @Test("one word of 200,000 letters and 100,000 dots: no mention, no hang")
    func degenerate() throws {
        let x = try ExtractorFixture.extractor.get()
        #expect(x.extract(text: String(repeating: "a", count: 200_000), file: "w.txt", reportDate: nil).mentions.isEmpty)
        #expect(x.extract(text: String(repeating: "a.", count: 100_000), file: "d.txt", reportDate: nil).mentions.isEmpty)
    }

    @Test("a place beside a 100,000-letter word or 100,000 commas: the places and the control statement still found")
    func longRunsBesidePlaces() throws {
        let x = try ExtractorFixture.extractor.get()
        // A run of letters with no space after a sentence that names a place: one "sentence" of 100,000 characters,
        // which the control-statement patterns once scanned in quadratic time (check-growth's "one huge word").
        let word = x.extract(text: "Gang attack in Mirebalais. " + String(repeating: "a", count: 100_000) + ". Gangs now control Cité Soleil.",
                             file: "w.txt", reportDate: nil)
        #expect(word.mentions.map(\.text) == ["Mirebalais", "Cité Soleil"])
        #expect(word.control.map(\.zone) == ["HT0117"])  // Cité Soleil
        let commas = x.extract(text: "Mirebalais" + String(repeating: ",", count: 100_000) + " Saint-Marc", file: "c.txt", reportDate: nil)
        #expect(commas.mentions.map(\.text) == ["Mirebalais", "Saint-Marc"])
        // No sentence holds the commas' run whole: the two names are in different pieces.
        #expect(Set(commas.mentions.map(\.sentence)).count == 2)
    }

    @Test("an article over 16 MiB is refused before it is read, with its size")
    func tooLarge() throws {
        let dir = try SharedData.temporaryDirectory("long-text")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("big.txt").path
        // A sparse file: the size is checked, not the bytes.
        try SharedData.sparseFile(at: path, size: TextExtractor.maxTextBytes + 1)
        let problem = try #require(TextExtractor.sizeProblem(path: path))
        #expect(problem.contains("16 MiB"))
        let small = dir.appendingPathComponent("small.txt").path
        try "Gangs attacked Mirebalais.".write(toFile: small, atomically: true, encoding: .utf8)
        #expect(TextExtractor.sizeProblem(path: small) == nil)
    }
}
