import ArgumentParser
import Incidents
import LayerIO
import MapJob

/// `--where EXPRESSION` and `--select FIELDS` over incident points (`export`, `map`), as ogr2ogr's `-where` and
/// `-select`: the fields are the incidents layer's (docs/cli.md lists them) and any column the inputs add, checked
/// before the work with a suggestion for a misspelt one.
struct IncidentShapingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Keep only the incidents this expression passes (SQL-like over the incidents layer's fields: = <> < <= > >= IN LIKE BETWEEN IS NULL AND OR NOT), e.g. \"event_type = 'Battles' AND fatalities > 0\".", valueName: "expression"))
    var `where`: String?

    @Option(help: ArgumentHelp("Keep only these columns of the incident points, in this order (comma-separated).", valueName: "fields"))
    var select: String?

    /// The options parsed, their fields checked against the incident fields and the columns of the inputs' first rows.
    func shaping(inputs: [String], mapping: [String: String]) throws -> IncidentExport.Shaping {
        guard `where` != nil || select != nil else { return IncidentExport.Shaping() }
        var fields = IncidentExport.incidentFields
        for input in inputs {
            var seen = 0
            _ = try? IncidentSource.read(path: input, columnMapping: mapping, onError: .skip) { inc in
                seen += 1
                for p in inc.extra where !fields.contains(p.name) { fields.append(p.name) }
                if seen >= 20 { throw StopReading() }
            }
        }
        do {
            return IncidentExport.Shaping(filter: try `where`.map { try FieldExpression($0, fields: fields) },
                                          selection: try select.map { try FieldSelection($0, fields: fields) })
        } catch let e as FieldExpression.ParseError {
            throw ValidationError(e.description)
        } catch let e as FieldSelection.UnknownField {
            throw ValidationError(e.description)
        }
    }

    private struct StopReading: Error {}
}
