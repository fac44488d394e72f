@testable import Gazetteer
import Testing

@Suite("Posting tables: a key's values, in the order they were added")
struct PostingTableTests {
    @Test("agrees with a dictionary of arrays over 50,000 pairs (few and many values per key, keys that share buckets)")
    func agreesWithDictionary() {
        var generator = SystemRandomNumberGenerator()
        var pairs: [(key: UInt64, value: Int32)] = []
        var reference: [UInt64: [Int32]] = [:]
        for i in 0..<50_000 {
            // Small keys (trigram-like, many values each) and large random ones (deletion hashes, one or two each).
            let key = i % 3 == 0 ? UInt64.random(in: 0..<300, using: &generator) : UInt64.random(in: 0...UInt64.max, using: &generator)
            let value = Int32(i)
            pairs.append((key, value))
            reference[key, default: []].append(value)
        }
        let table = PostingTable(pairs)
        for (key, values) in reference {
            var got: [Int32] = []
            table.forEach(key) { got.append($0) }
            #expect(got == values, "key \(key)")
        }
        var none: [Int32] = []
        for missing: UInt64 in [300, 301, 1 << 40] where reference[missing] == nil { table.forEach(missing) { none.append($0) } }
        #expect(none.isEmpty)
    }

    @Test("an empty table finds nothing")
    func empty() {
        var found = 0
        PostingTable([]).forEach(42) { _ in found += 1 }
        #expect(found == 0)
    }
}
