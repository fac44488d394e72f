import Foundation
import LayerIO
import Testing
import TestSupport

@Suite("All-or-nothing output folders")
struct AtomicFolderTests {
    @Test("an aborted run leaves the previous files and no staging folder; a committed run replaces them")
    func abortAndCommit() throws {
        let root = try SharedData.temporaryDirectory("atomic-folder")
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("Exports").path
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try "old".write(toFile: target + "/zones.geojson", atomically: true, encoding: .utf8)
        do {
            let out = try AtomicFolder(target: target)
            try "new".write(toFile: out.path("zones.geojson"), atomically: true, encoding: .utf8)
            try "half".write(toFile: out.path("incidents.geojson"), atomically: true, encoding: .utf8)
            // Dropped without commit: the run failed.
        }
        #expect(try String(contentsOfFile: target + "/zones.geojson", encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target) == ["zones.geojson"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["Exports"], "no staging folder left")

        let out = try AtomicFolder(target: target)
        try "new".write(toFile: out.path("zones.geojson"), atomically: true, encoding: .utf8)
        let moved = try out.commit()
        #expect(moved == ["zones.geojson"])
        #expect(try String(contentsOfFile: target + "/zones.geojson", encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["Exports"])
    }

    @Test("an output folder that cannot be created is a clear error")
    func unwritable() {
        do {
            _ = try AtomicFolder(target: "/proc/incidentmap-exports")
            Issue.record("created a folder in /proc")
        } catch {
            #expect(String(describing: error).contains("/proc/incidentmap-exports"))
        }
    }
}
