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
}
