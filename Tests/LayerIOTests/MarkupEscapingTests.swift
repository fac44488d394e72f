import LayerIO
import Testing

@Suite("Markup escaping (KML, QGIS styles, web pages)")
struct MarkupEscapingTests {
    @Test("the five markup characters escaped, forbidden controls dropped, tab and line breaks kept, other text as it is")
    func escaping() {
        #expect(MarkupEscaping.escape(#"Gangs & "Viv Ansanm" <G9> l'alliance"#) == "Gangs &amp; &quot;Viv Ansanm&quot; &lt;G9&gt; l&apos;alliance")
        #expect(MarkupEscaping.escape("a\u{0}b\u{1F}c\td\ne\rf") == "abc\td\ne\rf")
        for plain in ["Cité Soleil", "Mibalè", "2025-03-31", "", "Pétion-Ville 18.51,-72.28", "Дельмас 33 🇭🇹"] {
            #expect(MarkupEscaping.escape(plain) == plain)
        }
    }

    @Test("appending escaped bytes gives escape's text, for plain and marked-up strings alike")
    func appending() {
        for s in [#"Gangs & "Viv Ansanm" <G9> l'alliance"#, "a\u{0}b\u{1F}c\td\ne\rf", "Cité Soleil", "", "Дельмас 33 🇭🇹", "x>"] {
            var out: [UInt8] = Array("head:".utf8)
            MarkupEscaping.append(s, to: &out)
            #expect(out == Array(("head:" + MarkupEscaping.escape(s)).utf8))
        }
    }
}
