import Foundation
import GeoCore

extension FieldExpression {
    /// Recursive descent over the expression's characters: OR binds loosest, then AND, NOT, then one comparison.
    struct Parser {
        let text: String
        let chars: [Character]
        let fields: [String]?
        var at = 0

        init(text: String, fields: [String]?) {
            self.text = text
            chars = Array(text)
            self.fields = fields
        }

        func fail(_ reason: String, at offset: Int? = nil) -> ParseError {
            ParseError(expression: text, offset: min(offset ?? at, max(0, chars.count - 1)), reason: reason)
        }

        mutating func skipSpace() { while at < chars.count, chars[at].isWhitespace { at += 1 } }

        /// The next word (letters, digits, `_`) without consuming it, upper-cased.
        func peekWord() -> String? {
            var i = at
            while i < chars.count, chars[i].isWhitespace { i += 1 }
            var j = i
            while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
            return j > i ? String(chars[i..<j]).uppercased() : nil
        }

        mutating func keyword(_ k: String) -> Bool {
            guard peekWord() == k else { return false }
            skipSpace()
            at += k.count
            return true
        }

        mutating func symbol(_ s: String) -> Bool {
            skipSpace()
            let cs = Array(s)
            guard at + cs.count <= chars.count, Array(chars[at..<(at + cs.count)]) == cs else { return false }
            at += cs.count
            return true
        }

        mutating func expectEnd() throws {
            skipSpace()
            if at < chars.count { throw fail("unexpected '\(chars[at])' (expected AND, OR or the end)") }
        }

        mutating func parseExpression() throws -> Node {
            var left = try parseAnd()
            while keyword("OR") { left = .or(left, try parseAnd()) }
            return left
        }

        mutating func parseAnd() throws -> Node {
            var left = try parseNot()
            while keyword("AND") { left = .and(left, try parseNot()) }
            return left
        }

        mutating func parseNot() throws -> Node {
            if keyword("NOT") { return .not(try parseNot()) }
            return try parseComparison()
        }

        mutating func parseComparison() throws -> Node {
            let left = try parseOperand()
            skipSpace()
            for (s, op) in [("<=", Comparison.le), (">=", .ge), ("<>", .ne), ("!=", .ne), ("==", .eq), ("=", .eq), ("<", .lt), (">", .gt)] {
                if symbol(s) { return .compare(left, op, try parseOperand()) }
            }
            if keyword("IS") {
                let negated = keyword("NOT")
                guard keyword("NULL") else { throw fail("expected NULL after IS") }
                return .isNull(left, negated: negated)
            }
            let negated = keyword("NOT")
            if keyword("IN") {
                guard symbol("(") else { throw fail("expected '(' after IN") }
                var list: [Node] = [try parseOperand()]
                while symbol(",") { list.append(try parseOperand()) }
                guard symbol(")") else { throw fail("expected ')' to close the IN list") }
                return .inList(left, list, negated: negated)
            }
            if keyword("LIKE") {
                guard case .text(let pattern) = try parseOperand() else { throw fail("LIKE takes a 'quoted pattern'") }
                return .like(left, pattern, negated: negated)
            }
            if keyword("BETWEEN") {
                let lo = try parseOperand()
                guard keyword("AND") else { throw fail("expected AND in BETWEEN … AND …") }
                let hi = try parseOperand()
                let inside = Node.and(.compare(left, .ge, lo), .compare(left, .le, hi))
                return negated ? .not(inside) : inside
            }
            if negated { throw fail("expected IN, LIKE or BETWEEN after NOT") }
            return left
        }

        mutating func parseOperand() throws -> Node {
            skipSpace()
            guard at < chars.count else { throw fail("the expression ends too early") }
            let c = chars[at]
            if c == "(" {
                at += 1
                let inner = try parseExpression()
                guard symbol(")") else { throw fail("expected ')'") }
                return inner
            }
            if c == "'" || c == "\"" {
                let start = at
                at += 1
                var s = ""
                while true {
                    guard at < chars.count else { throw fail("unclosed \(c == "'" ? "text" : "field name")", at: start) }
                    if chars[at] == c {
                        if at + 1 < chars.count, chars[at + 1] == c { s.append(c); at += 2; continue }
                        at += 1
                        break
                    }
                    s.append(chars[at])
                    at += 1
                }
                return c == "'" ? .text(s) : try field(s, at: start)
            }
            if c.isNumber || c == "-" || c == "+" || c == "." {
                let start = at
                at += 1
                while at < chars.count, chars[at].isNumber || chars[at] == "." || chars[at] == "e" || chars[at] == "E"
                        || ((chars[at] == "-" || chars[at] == "+") && (chars[at - 1] == "e" || chars[at - 1] == "E")) { at += 1 }
                guard let d = Double(String(chars[start..<at])) else { throw fail("'\(String(chars[start..<at]))' is not a number", at: start) }
                return .number(d)
            }
            if c.isLetter || c == "_" {
                let start = at
                while at < chars.count, chars[at].isLetter || chars[at].isNumber || chars[at] == "_" { at += 1 }
                let word = String(chars[start..<at])
                if word.uppercased() == "NULL" { return .null }
                if ["AND", "OR", "NOT", "IN", "LIKE", "IS", "BETWEEN"].contains(word.uppercased()) {
                    throw fail("expected a field, a 'text' or a number, found \(word.uppercased())", at: start)
                }
                return try field(word, at: start)
            }
            throw fail("unexpected '\(c)'")
        }

        func field(_ name: String, at offset: Int) throws -> Node {
            guard let fields else { return .field(name) }
            if let known = FieldName.resolve(name, among: fields) { return .field(known) }
            let hint = EditDistance.suggestion(for: name, among: fields).map { "; did you mean \($0)?" } ?? ""
            throw fail("no field '\(name)'\(hint) (fields: \(fields.joined(separator: ", ")))", at: offset)
        }
    }
}
