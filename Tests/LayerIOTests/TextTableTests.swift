import Testing
@testable import LayerIO

@Suite("TextTable: alignment by visible width, cuts that never leak colour")
struct TextTableTests {
    static let red = "\u{1B}[31m", reset = "\u{1B}[0m"

    @Test("a coloured cell takes its visible width: columns after it stay aligned")
    func colourAlignment() {
        var t = TextTable(headers: ["bar", "n"], alignments: [.left, .right])
        t.append([Self.red + "█████" + Self.reset, "1"])
        t.append(["██", "22"])
        let lines = t.render(maxCellWidth: 48).split(separator: "\n").map(String.init)
        #expect(lines.map { TextTable.visibleCount($0) } == [9, 9, 9, 9], "\(lines)")
        #expect(lines[2].hasPrefix(Self.red) && lines[2].contains(Self.reset + "  "))
    }

    @Test("a cell cut to fit loses its colour codes whole: no escape left open")
    func colourCut() {
        var t = TextTable(headers: ["gang"])
        t.append([Self.red + String(repeating: "█", count: 30) + Self.reset])
        let out = t.render(maxCellWidth: 16)
        #expect(!out.contains("\u{1B}"), "a cut cell is plain")
        #expect(out.contains(String(repeating: "█", count: 15) + "…"))
        // Not cut: the colour stays, opened and closed.
        let whole = t.render(maxCellWidth: 48)
        #expect(whole.contains(Self.red) && whole.contains(Self.reset))
    }

    @Test("no width: nothing is cut (a file or a pipe)")
    func uncut() {
        var t = TextTable(headers: ["actors"])
        let long = String(repeating: "Viv Ansanm, ", count: 20) + "Gran Grif"
        t.append([long])
        #expect(t.render(maxCellWidth: nil).contains(long))
        #expect(!t.render(maxCellWidth: 40).contains(long))
    }
}
