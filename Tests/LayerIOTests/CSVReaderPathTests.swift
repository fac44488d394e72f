import Foundation
import Testing
import TestSupport
@testable import LayerIO

@Suite("CSVReader: a path that is not a readable file is named in plain words")
struct CSVReaderPathTests {
    @Test("a folder, a missing file: the path and what is wrong, no Foundation domain or code")
    func badPaths() throws {
        let dir = try SharedData.temporaryDirectory("csv-paths")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: CSVError(path: dir.path, line: 0, reason: "is a folder, not a CSV file")) { try CSVReader(path: dir.path) }
        let missing = dir.appendingPathComponent("nope.csv").path
        do {
            _ = try CSVReader(path: missing)
            Issue.record("no error for a missing file")
        } catch let e as CSVError {
            #expect(e.path == missing && e.reason.contains("cannot open"))
            #expect(!e.description.contains("NSCocoaErrorDomain"))
        }
    }

    @Test("the ASCII test behind the fast decoding finds a high byte at any position, in any length")
    func asciiTest() {
        for length in 0..<40 {
            let plain = [UInt8](repeating: 0x61, count: length)
            #expect(plain.withUnsafeBufferPointer { CSVReader.isASCII($0) })
            for k in 0..<length {
                var b = plain
                b[k] = 0xC3
                #expect(!b.withUnsafeBufferPointer { CSVReader.isASCII($0) }, "length \(length), byte \(k)")
            }
        }
    }
}
