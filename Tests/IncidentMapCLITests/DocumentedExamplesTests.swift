import Foundation
import Testing
import TestSupport

/// Issue 37: every command example in README.md and docs/cli.md runs. The user's own files the README names stand
/// for are replaced by fixtures of the same kind (an ACLED export, an article); `.build/release/incidentmap` by the
/// program under test; a PostGIS example (no database here) is left to scripts/e2e-postgis; `serve` is started
/// and stopped once it serves; `acled pull` talks to a local server that speaks ACLED's API (FakeACLEDServer). Each example must exit 0.
@Suite("the documented examples run")
struct DocumentedExamplesTests {
    static let root = SharedData.repositoryRoot.path

    /// Stand-ins for the files an example names that a user would have.
    static let standIns: [String: String] = [
        "acled-haiti-2024-2025.csv": root + "/Tests/IncidentsTests/Fixtures/acled-haiti-sample.csv",
        "haiti-2024-2025.csv": root + "/Tests/IncidentsTests/Fixtures/acled-haiti-sample.csv",
        "acled.csv": root + "/Tests/IncidentsTests/Fixtures/acled-haiti-sample.csv",
        "article.txt": SharedData.seedBriefing,
        "acled-bfa.csv": root + "/Tests/MapJobTests/Fixtures/acled-burkina-faso.csv",
    ]

    /// The example command lines of a Markdown file: lines of its code blocks that start with the program's name,
    /// synopses (`[OPTIONS]`) left out, trailing `# comments` removed.
    static func examples(in file: String) throws -> [String] {
        let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
        var out: [String] = [], inBlock = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inBlock.toggle(); continue }
            guard inBlock else { continue }
            var l = line.trimmingCharacters(in: .whitespaces)
            guard l.hasPrefix("incidentmap ") || l.hasPrefix(".build/release/incidentmap ") else { continue }
            if l.contains(" [") || l.contains("|") && l.contains("...") { continue }
            if let hash = l.range(of: "  #") { l = String(l[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces) }
            out.append(l)
        }
        return out
    }

    /// Shell-like words: single and double quotes group, as the examples use them.
    static func words(_ line: String) -> [String] {
        var out: [String] = [], cur = "", quote: Character?
        var has = false
        for c in line {
            if let q = quote { if c == q { quote = nil } else { cur.append(c) }; continue }
            if c == "'" || c == "\"" { quote = c; has = true; continue }
            if c == " " { if has || !cur.isEmpty { out.append(cur) }; cur = ""; has = false; continue }
            cur.append(c)
        }
        if has || !cur.isEmpty { out.append(cur) }
        return out
    }

    @Test("README.md and docs/cli.md: every example exits 0", arguments: ["README.md", "docs/cli.md"])
    func examplesRun(_ file: String) throws {
        // One folder per file: its examples run in order there (README's serve reads the layers its map wrote).
        let work = try SharedData.temporaryDirectory("examples").path
        defer { try? FileManager.default.removeItem(atPath: work) }
        let all = try Self.examples(in: file)
        #expect(all.count >= 3, "\(all)")
        // `acled pull` examples talk to the local server that speaks ACLED's API, and write their store in the folder.
        let acled = try FakeACLEDServer()
        acled.events = (0..<3).map { FakeACLEDServer.event($0, timestamp: 1_750_000_000 + $0) }
        for line in all where !line.contains("postgresql://") {
            var args = Array(Self.words(line).dropFirst())
            if args.starts(with: ["acled", "pull"]) {
                let r = try CLI.run(args + ["--api-url", acled.base], environment: ["ACLED_USERNAME": acled.username, "ACLED_PASSWORD": acled.password],
                                    in: work)
                #expect(r.status == 0, "\(line): exit \(r.status): \(r.stderr.suffix(600))")
                continue
            }
            args = args.map { a in Self.standIns[a] ?? (a.hasPrefix("../shared/") ? SharedData.sharedRoot.path + a.dropFirst("../shared".count) : a) }
            if args.first == "serve" {
                try Self.serveStarts(args, in: work)
            } else {
                let r = try CLI.run(args, in: work)
                #expect(r.status == 0, "\(line): exit \(r.status): \(r.stderr.suffix(600))")
            }
        }
    }

    /// `serve …` from an example: started on a free port, stopped once it says it serves.
    static func serveStarts(_ args: [String], in folder: String) throws {
        let (served, _, stderr) = try CLI.serveThenInterrupt(Array(args.dropFirst()) + ["--port", "0", "--quiet"], in: folder)
        #expect(served, "serve \(args): \(stderr.suffix(400))")
    }

    @Test("the examples in --help run too")
    func helpExamples() throws {
        let work = try SharedData.temporaryDirectory("help-examples").path
        defer { try? FileManager.default.removeItem(atPath: work) }
        var ran = 0
        for command in ["map", "summary", "geocode", "zones", "locate", "extract", "export", "info", "serve"] {
            let help = try CLI.run([command, "--help"])
            #expect(help.status == 0)
            // The "Examples:" lines of the help: indented, starting with the program's name.
            for line in help.stdout.split(separator: "\n") {
                let l = line.trimmingCharacters(in: .whitespaces)
                guard line.hasPrefix("  "), l.hasPrefix("incidentmap \(command) "), !l.contains("<"), !l.contains("[") else { continue }
                let r = try CLI.run(Array(Self.words(l).dropFirst()), in: work)
                #expect(r.status == 0, "\(l): exit \(r.status): \(r.stderr.suffix(400))")
                ran += 1
            }
        }
        #expect(ran == 8, "the help's examples: \(ran)")
    }
}
