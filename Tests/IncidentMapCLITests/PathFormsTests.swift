import Foundation
import Testing
import TestSupport

/// Every subcommand's output path through the forms people type (issue 36): one character, relative with a missing
/// parent, `./`, absolute, a trailing slash, through a symlinked folder, under a folder that does not exist. Each
/// either writes or says what is wrong — never a crash (`map --out k` died with "Illegal instruction", exit 132).
@Suite("output paths in every form")
struct PathFormsTests {
    static func check(_ r: ProcessResult, _ what: String, writes path: String?, in folder: String) {
        #expect(r.status != 132 && !r.stderr.contains("crashed"), "\(what): crashed: \(r.stderr.prefix(300))")
        if let path {
            #expect(r.status == 0, "\(what): \(r.stderr.prefix(300))")
            let full = path.hasPrefix("/") ? path : folder + "/" + path
            #expect(FileManager.default.fileExists(atPath: full), "\(what): \(full) not written")
        } else {
            #expect(r.status != 0 && !r.stderr.isEmpty, "\(what): expected a refusal, got \(r.status) \(r.stderr.prefix(200))")
        }
    }

    @Test("zones, summary, extract, locate and map: short, relative, ./, absolute, trailing slash, symlinked, missing")
    func forms() throws {
        let dir = try SharedData.temporaryDirectory("path-forms").path
        try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir + "/real")
        // A folder cannot be made under a file (not even by root, who may make /nonexistent-folder).
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/afile"))
        let points = CLI.fixture("points-mixed.csv")
        // (file argument, the file it writes or nil for a refusal)
        let files: [(String, String?)] = [("j", "j"), ("./j2.csv", "j2.csv"), (dir + "/abs.csv", dir + "/abs.csv"), ("link/l.csv", "real/l.csv"),
                                          ("nope/x.csv", nil), ("afile/x.csv", nil), ("real/", nil)]
        for (path, writes) in files {
            Self.check(try CLI.run(["zones", "-o", path], in: dir), "zones -o \(path)", writes: writes, in: dir)
            // The same path again: replacing it takes --overwrite (issue 37).
            Self.check(try CLI.run(["summary", "--demo", "--bootstrap", "0", "-o", path, "--overwrite"], in: dir), "summary -o \(path)", writes: writes, in: dir)
        }
        for (path, writes) in [("e", "e"), ("link/e.json", "real/e.json"), ("nope/e.json", nil)] {
            Self.check(try CLI.run(["extract", SharedData.seedBriefing, "-o", path], in: dir), "extract -o \(path)", writes: writes, in: dir)
            Self.check(try CLI.run(["locate", points, "-o", path, "--overwrite"], in: dir), "locate -o \(path)", writes: writes, in: dir)
        }
        // map makes the folder with its parents.
        for (path, writes) in [("k", "k/zones.csv"), ("q/Exports", "q/Exports/zones.csv"), ("link/m/", "real/m/zones.csv"), (dir + "/abs-map", dir + "/abs-map/zones.csv"),
                               ("afile/m", nil)] {
            Self.check(try CLI.run(["map", "--demo", "--bootstrap", "0", "--formats", "csv", "--out", path, "-q"], in: dir), "map --out \(path)", writes: writes, in: dir)
        }
    }
}

extension PathFormsTests {
    @Test("map refuses a folder of someone else's files, the home folder and a dangling link, and with --force leaves the others' files exactly as they were")
    func outputFolders() throws {
        let dir = try SharedData.temporaryDirectory("out-folders").path
        let user = dir + "/mine"
        try FileManager.default.createDirectory(atPath: user + "/photos", withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: user + "/notes.txt"))
        chmod(user + "/photos", 0o1777)
        var before = stat(), after = stat()
        _ = lstat(user + "/photos", &before)
        let base = ["map", "--demo", "--bootstrap", "0", "--formats", "csv", "-q", "--out"]
        let refused = try CLI.run(base + [user])
        #expect(refused.status != 0 && refused.stderr.contains("no IncidentMap output") && refused.stderr.contains("--force"), "\(refused.stderr)")
        try FileManager.default.createSymbolicLink(atPath: dir + "/dangling", withDestinationPath: dir + "/gone")
        let dangling = try CLI.run(base + [dir + "/dangling"])
        #expect(dangling.status != 0 && dangling.stderr.contains("which does not exist"), "\(dangling.stderr)")
        let home = try CLI.run(base + ["."], environment: ["HOME": dir + "/mine"], in: dir + "/mine")
        #expect(home.status != 0 && home.stderr.contains("home folder"), "\(home.stderr)")
        let forced = try CLI.run(base + [user, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(FileManager.default.fileExists(atPath: user + "/zones.csv"))
        _ = lstat(user + "/photos", &after)
        #expect(after.st_mode == before.st_mode && after.st_ino == before.st_ino && after.st_mtim.tv_sec == before.st_mtim.tv_sec
                && after.st_uid == before.st_uid, "the user's folder was recreated")
        #expect(try String(contentsOfFile: user + "/notes.txt", encoding: .utf8) == "notes")
        // Its own folder again: no --force needed.
        #expect(try CLI.run(base + [user]).status == 0)
    }
}

extension PathFormsTests {
    @Test("help is printed (exit 0) and says what no input does; a folder holding only a README (the repository's Exports/) is written")
    func helpAndReadme() throws {
        for args in [["--help"], ["map", "--help"], ["summary", "--help"], ["serve", "--help"], ["help", "map"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0 && r.stdout.contains("OVERVIEW:"), "\(args): \(r.status) \(r.stderr.prefix(200))")
        }
        #expect(try CLI.run(["map", "--help"]).stdout.contains("with neither it stops (exit 64)"))
        let none = try CLI.run(["map"])
        #expect(none.status == 64 && none.stderr.contains("no incident file given"), "\(none.stderr)")
        let dir = try SharedData.temporaryDirectory("readme-exports").path
        try Data("# Exports\n".utf8).write(to: URL(fileURLWithPath: dir + "/README.md"))
        let r = try CLI.run(["map", "--demo", "--bootstrap", "0", "--formats", "csv", "-q", "--out", dir])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: dir + "/README.md", encoding: .utf8) == "# Exports\n")
    }
}
