import Foundation
import GeoCore
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

    /// The PID of a process that has exited (so no process has it now).
    private func deadPID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    private func names(_ path: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }

    @Test("whole-folder commit keeps the files it does not replace (README, a user's subfolder) and swaps in one step")
    func wholeFolderKeepsOthers() throws {
        let root = try SharedData.temporaryDirectory("atomic-exchange")
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("Exports").path
        try FileManager.default.createDirectory(atPath: target + "/notes/2025", withIntermediateDirectories: true)
        try "readme".write(toFile: target + "/README.md", atomically: true, encoding: .utf8)
        try "mine".write(toFile: target + "/notes/2025/april.txt", atomically: true, encoding: .utf8)
        try "old".write(toFile: target + "/zones.geojson", atomically: true, encoding: .utf8)
        let inodeBefore = try #require(FileManager.default.attributesOfItem(atPath: target)[.systemFileNumber] as? Int)
        let out = try AtomicFolder(target: target)
        try "new".write(toFile: out.path("zones.geojson"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: out.path("web"), withIntermediateDirectories: true)
        try "page".write(toFile: out.path("web/index.html"), atomically: true, encoding: .utf8)
        #expect(try out.commit() == ["web", "zones.geojson"])
        #expect(try names(target) == ["README.md", "notes", "web", "zones.geojson"])
        #expect(try String(contentsOfFile: target + "/zones.geojson", encoding: .utf8) == "new")
        #expect(try String(contentsOfFile: target + "/README.md", encoding: .utf8) == "readme")
        #expect(try String(contentsOfFile: target + "/notes/2025/april.txt", encoding: .utf8) == "mine")
        #expect(try names(root.path) == ["Exports"], "the previous folder is removed after the exchange")
        let inodeAfter = try #require(FileManager.default.attributesOfItem(atPath: target)[.systemFileNumber] as? Int)
        #expect(inodeAfter != inodeBefore, "the folder was exchanged whole (renameat2), not filled file by file")

        // Again, replacing the web folder, file by file this time.
        let again = try AtomicFolder(target: target, wholeFolder: false)
        try FileManager.default.createDirectory(atPath: again.path("web"), withIntermediateDirectories: true)
        try "page 2".write(toFile: again.path("web/index.html"), atomically: true, encoding: .utf8)
        try again.commit()
        #expect(try String(contentsOfFile: target + "/web/index.html", encoding: .utf8) == "page 2")
        #expect(try names(target) == ["README.md", "notes", "web", "zones.geojson"])
        #expect(try names(root.path) == ["Exports"])
    }

    @Test("a killed run's staging folder is removed by the next run; one killed mid-commit is rolled forward")
    func abandonedStaging() throws {
        let root = try SharedData.temporaryDirectory("atomic-abandoned")
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("Exports").path
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try "old a".write(toFile: target + "/a.csv", atomically: true, encoding: .utf8)
        try "old b".write(toFile: target + "/b.csv", atomically: true, encoding: .utf8)
        let pid = try deadPID()
        // Killed while writing: no journal → thrown away.
        let writing = root.appendingPathComponent(".Exports.partial-\(pid)-1").path
        try FileManager.default.createDirectory(atPath: writing, withIntermediateDirectories: true)
        try "half".write(toFile: writing + "/a.csv", atomically: true, encoding: .utf8)
        // Killed between two renames: journal lists a and b; a is already in place.
        let committing = root.appendingPathComponent(".Exports.partial-\(pid)-2").path
        try FileManager.default.createDirectory(atPath: committing, withIntermediateDirectories: true)
        try "new b".write(toFile: committing + "/b.csv", atomically: true, encoding: .utf8)
        try "a.csv\nb.csv".write(toFile: committing + "/.commit", atomically: true, encoding: .utf8)
        // A live process's staging folder (ours) is left alone.
        let live = root.appendingPathComponent(".Exports.partial-\(getpid())-3").path
        try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)

        let out = try AtomicFolder(target: target)
        #expect(try String(contentsOfFile: target + "/b.csv", encoding: .utf8) == "new b", "rolled forward")
        #expect(try String(contentsOfFile: target + "/a.csv", encoding: .utf8) == "old a", "the unjournalled half file never lands")
        #expect(!FileManager.default.fileExists(atPath: writing))
        #expect(!FileManager.default.fileExists(atPath: committing))
        #expect(FileManager.default.fileExists(atPath: live))
        out.abort()
        try FileManager.default.removeItem(atPath: live)
        #expect(try names(root.path) == ["Exports"])
    }

    @Test("single files: a killed writer's temporary file is removed by the next writer of the same file")
    func abandonedTemporaryFile() throws {
        let root = try SharedData.temporaryDirectory("atomic-file")
        defer { try? FileManager.default.removeItem(at: root) }
        let stale = root.appendingPathComponent(".zones.csv.tmp-\(try deadPID())-7").path
        try "half".write(toFile: stale, atomically: false, encoding: .utf8)
        let f = try AtomicFile(destination: root.appendingPathComponent("zones.csv").path)
        try f.write("whole\n")
        try f.commit()
        #expect(try names(root.path) == ["zones.csv"])
    }

    @Test("the current folder as target: staging goes beside it, never inside")
    func currentFolder() throws {
        let root = try SharedData.temporaryDirectory("atomic-dot")
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("out").path
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        let out = try AtomicFolder(target: target + "/.")
        #expect(!out.staging.hasPrefix(target + "/"), "\(out.staging)")
        try "x".write(toFile: out.path("x.csv"), atomically: true, encoding: .utf8)
        try out.commit()
        #expect(try names(target) == ["x.csv"])
    }
}
