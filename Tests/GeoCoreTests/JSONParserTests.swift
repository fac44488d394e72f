import GeoCore
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    @Test("values keep their kinds and member order")
    func kinds() throws {
        let v = try JSONParser.parse(#"{"b":1,"a":1.5,"t":true,"n":null,"s":"é\u00e9\ud83d\ude00","x":[],"big":12345678901234567890}"#)
        let members = try #require(v.objectValue)
        #expect(members.map(\.0) == ["b", "a", "t", "n", "s", "x", "big"])
        #expect(v["b"] == .int(1))
        #expect(v["a"] == .double(1.5))
        #expect(v["t"] == .bool(true))
        #expect(v["n"] == .null)
        #expect(v["s"] == .string("éé😀"))
        #expect(v["big"] == .double(1.2345678901234567e19))
    }

    @Test("syntax errors give line and column", arguments: [
        ("{\n  \"a\": 1,\n  \"b\" 2\n}", 3), ("[1, 2,]", 1), ("\"abc", 1), ("01", 1), ("[1] x", 1), ("{\"a\":\"\u{1}\"}", 1),
    ])
    func errors(text: String, line: Int) throws {
        let e = try #require(throws: JSONSyntaxError.self, "accepted \(text)") { try JSONParser.parse(text) }
        #expect(e.line == line, "\(e)")
    }

    @Test("deep nesting is an error, not a crash")
    func deepNesting() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
    }

    @Test("invalid UTF-8 in a string is an error")
    func invalidUTF8() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test("serialisation round-trips")
    func roundTrip() throws {
        let v = try JSONParser.parse(#"{"a":[1,2.5,"x\"y",null,true,{"b":-3}],"c":"Pétion-Ville"}"#)
        #expect(try JSONParser.parse(JSONText.string(v)) == v)
    }
}
