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

    // Extended attributes through dlsym: Swift's Glibc module does not declare setxattr/getxattr.
    private typealias SetXattr = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeRawPointer, Int, Int32) -> Int32
    private typealias GetXattr = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeMutableRawPointer, Int) -> Int
    private static func setAttribute(_ path: String, _ name: String, _ value: String) -> Bool {
        guard let f = dlsym(dlopen(nil, RTLD_NOW), "setxattr") else { return false }
        return Array(value.utf8).withUnsafeBytes { unsafeBitCast(f, to: SetXattr.self)(path, name, $0.baseAddress!, $0.count, 0) == 0 }
    }
    private static func attribute(_ path: String, _ name: String) -> String? {
        guard let f = dlsym(dlopen(nil, RTLD_NOW), "getxattr") else { return nil }
        var buf = [UInt8](repeating: 0, count: 64)
        let n = buf.withUnsafeMutableBytes { unsafeBitCast(f, to: GetXattr.self)(path, name, $0.baseAddress!, 64) }
        return n < 0 ? nil : String(decoding: buf.prefix(n), as: UTF8.self)
    }

    /// What `stat` says of a path that must not change: owner, group, mode, inode, modification time.
    private func identity(_ path: String) -> [Int] {
        var st = stat()
        guard lstat(path, &st) == 0 else { return [] }
        return [Int(st.st_uid), Int(st.st_gid), Int(st.st_mode), Int(st.st_ino), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec)]
    }

    @Test("a folder holding the user's own files and subfolders: only IncidentMap's files are replaced, the user's left exactly as they were (owner, mode, times, attributes)")
    func userEntriesLeftInPlace() throws {
        let root = try SharedData.temporaryDirectory("atomic-exchange")
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("Exports").path
        try FileManager.default.createDirectory(atPath: target + "/notes/2025", withIntermediateDirectories: true)
        try "readme".write(toFile: target + "/README.md", atomically: true, encoding: .utf8)
        try "mine".write(toFile: target + "/notes/2025/april.txt", atomically: true, encoding: .utf8)
        try "old".write(toFile: target + "/zones.geojson", atomically: true, encoding: .utf8)
        // A shared, sticky subfolder and an extended attribute: what recreating a folder loses.
        chmod(target + "/notes", 0o1777)
        let xattrSet = Self.setAttribute(target + "/notes", "user.incidentmap-test", "kept")
        if getuid() == 0 { _ = chown(target + "/notes", 65534, 65534); _ = chown(target, 65534, 65534) }
        let before = [target, target + "/notes", target + "/notes/2025", target + "/notes/2025/april.txt", target + "/README.md"].map(identity)
        let out = try AtomicFolder(target: target)
        try "new".write(toFile: out.path("zones.geojson"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: out.path("web"), withIntermediateDirectories: true)
        try "page".write(toFile: out.path("web/index.html"), atomically: true, encoding: .utf8)
        #expect(try out.commit() == ["web", "zones.geojson"])
        #expect(try names(target) == [AtomicFolder.manifest, "README.md", "notes", "web", "zones.geojson"])
        #expect(try String(contentsOfFile: target + "/zones.geojson", encoding: .utf8) == "new")
        #expect(try String(contentsOfFile: target + "/notes/2025/april.txt", encoding: .utf8) == "mine")
        let after = [target, target + "/notes", target + "/notes/2025", target + "/notes/2025/april.txt", target + "/README.md"].map(identity)
        // The folder itself gained files (its times change); its owner, group, mode and inode do not.
        #expect(Array(after[0].prefix(4)) == Array(before[0].prefix(4)), "the folder: \(before[0]) → \(after[0])")
        #expect(Array(after.dropFirst()) == Array(before.dropFirst()), "the user's entries: \(before) → \(after)")
        if xattrSet {
            #expect(Self.attribute(target + "/notes", "user.incidentmap-test") == "kept")
        }
        #expect(try names(root.path) == ["Exports"], "no staging folder left")
        #expect(AtomicFolder.ownNames(in: target) == ["web", "zones.geojson"])

        // Again, replacing the web folder, file by file this time.
        let again = try AtomicFolder(target: target, wholeFolder: false)
        try FileManager.default.createDirectory(atPath: again.path("web"), withIntermediateDirectories: true)
        try "page 2".write(toFile: again.path("web/index.html"), atomically: true, encoding: .utf8)
        try again.commit()
        #expect(try String(contentsOfFile: target + "/web/index.html", encoding: .utf8) == "page 2")
        #expect(try names(root.path) == ["Exports"])
    }

    @Test("a user's own file (a README) is carried as a hard link: the folder is still exchanged whole, the file keeps its inode, owner, mode and times")
    func userFileCarried() throws {
        let root = try SharedData.temporaryDirectory("atomic-readme")
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("Exports").path
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try "kept by the user".write(toFile: target + "/README.md", atomically: true, encoding: .utf8)
        chmod(target + "/README.md", 0o640)
        if getuid() == 0 { _ = chown(target + "/README.md", 65534, 65534) }
        let before = identity(target + "/README.md"), folderBefore = identity(target)
        let out = try AtomicFolder(target: target)
        try "new".write(toFile: out.path("zones.geojson"), atomically: true, encoding: .utf8)
        try out.commit()
        #expect(identity(target)[3] != folderBefore[3], "exchanged whole")
        #expect(identity(target + "/README.md") == before, "\(before) → \(identity(target + "/README.md"))")
        #expect(try String(contentsOfFile: target + "/README.md", encoding: .utf8) == "kept by the user")
    }

    @Test("a folder holding only IncidentMap's files (its manifest says so) is exchanged whole, in one step, keeping its owner and mode")
    func ownFolderExchangedWhole() throws {
        let root = try SharedData.temporaryDirectory("atomic-own")
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("Exports").path
        let first = try AtomicFolder(target: target)
        try "one".write(toFile: first.path("zones.geojson"), atomically: true, encoding: .utf8)
        try "one".write(toFile: first.path("incidents.geojson"), atomically: true, encoding: .utf8)
        try first.commit()
        chmod(target, 0o750)
        if getuid() == 0 { _ = chown(target, 65534, 65534) }
        let before = identity(target)
        let out = try AtomicFolder(target: target)
        try "two".write(toFile: out.path("zones.geojson"), atomically: true, encoding: .utf8)
        try out.commit()
        let after = identity(target)
        #expect(after[3] != before[3], "exchanged whole (renameat2): a new inode")
        #expect(Array(after.prefix(3)) == Array(before.prefix(3)), "owner, group and mode kept: \(before) → \(after)")
        #expect(try String(contentsOfFile: target + "/incidents.geojson", encoding: .utf8) == "one", "the earlier run's file carried")
        #expect(AtomicFolder.ownNames(in: target) == ["incidents.geojson", "zones.geojson"])
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
        #expect(try names(target) == [AtomicFolder.manifest, "x.csv"])
    }
}
