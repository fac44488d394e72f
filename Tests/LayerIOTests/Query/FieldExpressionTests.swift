import GeoCore
import LayerIO
import Testing

@Suite("--where expressions and --select over feature fields")
struct FieldExpressionTests {
    static let fields = ["event_type", "fatalities", "admin2", "event_date", "notes", "confidence", "geocoded"]

    static func incident(_ type: String, _ deaths: Int?, _ admin2: String, _ date: String, notes: String? = nil) -> Feature {
        Feature(id: .string("x"), geometry: .point(Point(Coordinate(longitude: -72.3, latitude: 18.5))), properties: [
            Property("event_type", .string(type)), Property("fatalities", deaths.map { .int($0) } ?? .null),
            Property("admin2", .string(admin2)), Property("event_date", .date(CalendarDate(iso8601: date)!)),
            Property("notes", notes.map { .string($0) } ?? .null), Property("confidence", .double(0.75)), Property("geocoded", .bool(false)),
        ])
    }

    static let battle = incident("Battles", 3, "Delmas", "2025-03-31", notes: "Police clashed with gang members")
    static let quiet = incident("Protests", 0, "Cabaret", "2024-12-01")
    static let unknown = incident("Battles", nil, "Port-au-Prince", "2025-01-15")

    func passes(_ e: String) throws -> [Bool] {
        let x = try FieldExpression(e, fields: Self.fields)
        return [Self.battle, Self.quiet, Self.unknown].map(x.matches)
    }

    @Test("comparisons, AND/OR/NOT, parentheses and precedence")
    func logic() throws {
        #expect(try passes("event_type = 'Battles' AND fatalities > 0") == [true, false, false])
        #expect(try passes("event_type = 'Battles' OR fatalities = 0") == [true, true, true])
        #expect(try passes("NOT event_type = 'Battles'") == [false, true, false])
        #expect(try passes("fatalities >= 0 and (admin2 = 'Delmas' or admin2 = 'Cabaret')") == [true, true, false])
        #expect(try passes("event_type <> 'Battles'") == [false, true, false])
        #expect(try passes("event_type != 'Battles'") == [false, true, false])
        #expect(try passes("confidence > 0.5 AND geocoded = 0") == [true, true, true])
        // AND binds tighter than OR: a OR (b AND c).
        #expect(try passes("admin2 = 'Cabaret' OR event_type = 'Battles' AND fatalities > 1") == [true, true, false])
    }

    @Test("a comparison with a null is neither true nor false (SQL): NOT does not make it pass; IS NULL does")
    func nulls() throws {
        #expect(try passes("fatalities < 5") == [true, true, false])
        #expect(try passes("NOT fatalities < 5") == [false, false, false])
        #expect(try passes("fatalities IS NULL") == [false, false, true])
        #expect(try passes("notes IS NOT NULL") == [true, false, false])
    }

    @Test("IN, LIKE (case-insensitive, % and _), BETWEEN over dates as ISO text")
    func setsAndPatterns() throws {
        #expect(try passes("admin2 IN ('Delmas', 'Port-au-Prince')") == [true, false, true])
        #expect(try passes("admin2 NOT IN ('Delmas')") == [false, true, true])
        #expect(try passes("notes LIKE '%GANG%'") == [true, false, false])
        #expect(try passes("admin2 LIKE 'D_lmas'") == [true, false, false])
        #expect(try passes("admin2 NOT LIKE 'port%'") == [true, true, false])
        #expect(try passes("event_date BETWEEN '2025-01-01' AND '2025-03-31'") == [true, false, true])
        #expect(try passes("event_date >= '2025-02-01'") == [true, false, false])
        #expect(try passes("admin2 = 'Port-au-Prince' OR notes LIKE 'it''s%'") == [false, false, true])
    }

    @Test("field names: any case accepted, a misspelt one refused with the nearest; syntax errors say where")
    func errors() throws {
        #expect(try passes("EVENT_TYPE = 'Battles'") == [true, false, true])
        #expect(try passes("\"event_type\" = 'Battles'") == [true, false, true])
        do {
            _ = try FieldExpression("fatalites > 0", fields: Self.fields)
            Issue.record("a misspelt field was accepted")
        } catch let e as FieldExpression.ParseError {
            #expect(e.description.contains("no field 'fatalites'") && e.description.contains("did you mean fatalities?"))
            #expect(e.offset == 0)
        }
        for bad in ["fatalities >", "event_type = 'Battles", "(fatalities > 0", "fatalities > 0 extra", "admin2 IN 'Delmas'", "notes LIKE 3", "AND"] {
            #expect(throws: FieldExpression.ParseError.self, "\(bad)") { try FieldExpression(bad, fields: Self.fields) }
        }
    }

    @Test("--select keeps the named columns in its order; a misspelt one is refused with the nearest")
    func selection() throws {
        let s = try FieldSelection(" fatalities, EVENT_TYPE ", fields: Self.fields)
        #expect(s.names == ["fatalities", "event_type"])
        let f = s.apply(Self.battle)
        #expect(f.properties.map(\.name) == ["fatalities", "event_type"] && f["fatalities"] == .int(3) && f.geometry == Self.battle.geometry)
        #expect(throws: FieldSelection.UnknownField(field: "admin", suggestion: "admin2", fields: Self.fields)) {
            try FieldSelection("admin", fields: Self.fields)
        }
    }
}
