import Foundation
import GeoCore

/// An output folder filled all at once, so that a run that fails — or is
/// killed with SIGKILL, or runs out of disk — leaves the previous exports
/// exactly as they were and never a mix of two runs.
///
/// Files are written into a hidden staging folder beside the target
/// (`.NAME.partial-PID-RANDOM`, same file system). ``commit()`` then:
/// - **whole-folder mode** (the default; for folders this program owns, such
///   as `map --out Exports`): hard-links every entry of the target that the run
///   does not replace into the staging folder, then exchanges the two folders
///   in one `renameat2(RENAME_EXCHANGE)`. Readers see the old folder or the
///   new one, nothing in between. A user's own regular files are carried
///   as hard links (the same inode: owner, mode, times, attributes kept);
///   a user's subfolder or symbolic link would have to be made anew, losing
///   them (issue 36), so a folder holding one that is not IncidentMap's own
///   (listed in its manifest ``manifest`` by an earlier run) — and a file
///   system that cannot exchange or link — falls back to the per-file mode. The staging folder
///   takes the target's owner, group and mode before the exchange.
/// - **per-file mode** (`wholeFolder: false`; for folders shared with other
///   files, such as `export --out ~/data/x.shp`): writes a `.commit` journal
///   into the staging folder, then renames each file into place. A run killed
///   between two renames is rolled forward by the next one.
///
/// Leftovers of killed runs (staging folders and temporary files of processes
/// that no longer exist) are cleaned up, or rolled forward, when the next
/// `AtomicFolder` for the same target is made. A run that fails before
/// ``commit()`` removes its staging folder itself.
public final class AtomicFolder {
    public let target: String
    public let staging: String
    public let wholeFolder: Bool
    /// The target with symbolic links resolved: what is exchanged.
    private let realTarget: String
    private var committed = false

    /// Name of the journal written before per-file renames start.
    static let journal = ".commit"
    /// The list of what IncidentMap wrote in a folder (one name a line), written with every commit.
    public static let manifest = ".incidentmap-files"

    public init(target: String, wholeFolder: Bool = true) throws {
        self.target = target
        self.wholeFolder = wholeFolder
        let fm = FileManager.default
        try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
        // The real path: the staging folder must be a sibling, never inside the target ("." or "x/..").
        realTarget = URL(fileURLWithPath: target).resolvingSymlinksInPath().standardizedFileURL.path
        let (parent, name) = Self.split(realTarget)
        Self.recoverAbandoned(parent: parent, name: name, target: realTarget)
        staging = "\(parent)/.\(name).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(staging, 0o755) == 0 else {
            throw FileOutputErrorDescription(path: target, reason: "cannot create a working folder beside it (\(parent)): \(String(cString: strerror(errno)))")
        }
        // The target must be writable: find out now, not after the work.
        guard access(target, W_OK) == 0, access(parent, W_OK) == 0 else {
            try? fm.removeItem(atPath: staging)
            throw FileOutputErrorDescription(path: target, reason: "folder is not writable")
        }
    }

    deinit { if !committed { try? FileManager.default.removeItem(atPath: staging) } }

    /// Path of `name` in the staging folder.
    public func path(_ name: String) -> String { staging + "/" + name }

    /// Puts every staged file into the target (see the type's documentation),
    /// then removes the staging folder. Returns the names put in place.
    @discardableResult
    public func commit() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: staging).filter { $0 != Self.journal && $0 != Self.manifest }.sorted()
        var moving = names
        if wholeFolder {
            // The manifest of a folder IncidentMap owns: this run's names and the earlier runs' that stay (what a
            // later run may replace or carry). A folder shared with other files (per-file mode) gets none.
            let earlier = Self.ownNames(in: realTarget).subtracting(names).filter { FileManager.default.fileExists(atPath: realTarget + "/" + $0) }
            let listed = (names + earlier).sorted()
            guard FileManager.default.createFile(atPath: staging + "/" + Self.manifest, contents: Data((listed.joined(separator: "\n") + "\n").utf8)) else {
                throw FileOutputErrorDescription(path: target, reason: "cannot write \(Self.manifest) in \(staging)")
            }
            moving.append(Self.manifest)
        }
        CrashPoint.reached("staged")
        if wholeFolder, try exchangeWholeFolder(replacing: Set(moving)) {
            committed = true
            return names
        }
        try commitFileByFile(moving)
        committed = true
        return names
    }

    /// Runs `body` (the writing), and names the files in its errors by where
    /// they were going (`Exports/zones.shp`), not by the staging folder.
    public func writing<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            let text = String(describing: error)
            guard text.contains(staging) else { throw error }
            throw FileOutputErrorDescription(path: nil, reason: text.replacingOccurrences(of: staging, with: target))
        }
    }

    /// Gives up: removes the staging folder.
    public func abort() {
        try? FileManager.default.removeItem(atPath: staging)
        committed = true
    }

    // MARK: Whole-folder exchange

    /// The names an earlier run listed in `folder`'s manifest (empty: none).
    public static func ownNames(in folder: String) -> Set<String> {
        guard let data = FileManager.default.contents(atPath: folder + "/" + manifest) else { return [] }
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.contains("/") })
    }

    /// `false` (staging folder as it was) when this file system cannot link or exchange, or the target holds
    /// entries that are not IncidentMap's own (the user's files and folders are never carried, always left in place).
    private func exchangeWholeFolder(replacing names: Set<String>) throws -> Bool {
        let fm = FileManager.default
        let others = try fm.contentsOfDirectory(atPath: realTarget).filter { !names.contains($0) }
        let own = Self.ownNames(in: realTarget)
        // A user's regular file is carried as a hard link: the same inode, so its owner, mode, times and attributes
        // stay. A user's folder or symbolic link would be made anew (losing them): then the files go in one by one.
        func regularFile(_ name: String) -> Bool {
            var st = stat()
            return lstat(realTarget + "/" + name, &st) == 0 && st.st_mode & S_IFMT == S_IFREG
        }
        guard others.allSatisfy({ own.contains($0) || regularFile($0) }) else { return false }
        var carried: [String] = []
        func undo() { for c in carried { try? fm.removeItem(atPath: staging + "/" + c) } }
        for entry in others {
            guard Self.linkTree(realTarget + "/" + entry, staging + "/" + entry) else { undo(); return false }
            carried.append(entry)
        }
        var st = stat()
        if stat(realTarget, &st) == 0 {
            // The folder keeps its owner (when root writes a user's folder) and its mode.
            if st.st_uid != getuid() || st.st_gid != getgid() { _ = chown(staging, st.st_uid, st.st_gid) }
            chmod(staging, st.st_mode & 0o7777)
        }
        CrashPoint.reached("carried")
        guard DirectoryExchange.exchange(staging, realTarget) else { undo(); return false }
        CrashPoint.reached("exchanged")
        // `staging` now holds the previous folder.
        try? fm.removeItem(atPath: staging)
        return true
    }

    /// Recreates `source` at `destination` with hard links (folders are made anew, symbolic links copied).
    private static func linkTree(_ source: String, _ destination: String) -> Bool {
        var st = stat()
        guard lstat(source, &st) == 0 else { return errno == ENOENT }  // vanished meanwhile: nothing to carry
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            guard mkdir(destination, st.st_mode & 0o7777) == 0,
                  let entries = try? FileManager.default.contentsOfDirectory(atPath: source) else { return false }
            return entries.allSatisfy { linkTree(source + "/" + $0, destination + "/" + $0) }
        case S_IFLNK:
            guard let dest = try? FileManager.default.destinationOfSymbolicLink(atPath: source) else { return false }
            return symlink(dest, destination) == 0
        default:
            return link(source, destination) == 0
        }
    }

    // MARK: File-by-file with a journal

    private func commitFileByFile(_ names: [String]) throws {
        let journal = staging + "/" + Self.journal
        guard FileManager.default.createFile(atPath: journal, contents: Data(names.joined(separator: "\n").utf8)) else {
            throw FileOutputErrorDescription(path: target, reason: "cannot write the commit journal in \(staging)")
        }
        Self.syncFolder(staging)
        CrashPoint.reached("journal")
        try Self.moveEntries(names, from: staging, to: realTarget)
        try FileManager.default.removeItem(atPath: staging)
    }

    /// Renames each entry into `target`; a folder (the web map) replaces the previous one.
    private static func moveEntries(_ names: [String], from staging: String, to target: String) throws {
        let fm = FileManager.default
        for (k, n) in names.enumerated() {
            let source = staging + "/" + n, dest = target + "/" + n
            guard fm.fileExists(atPath: source) else { continue }  // already moved (rolling forward)
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: dest, isDirectory: &isDir), isDir.boolValue {
                // rename(2) cannot replace a non-empty folder: set the old one aside
                // in the staging folder (removed with it), then rename the new one in.
                let aside = staging + "/.\(n).previous-\(k)"
                guard rename(dest, aside) == 0 else { throw FileOutputErrorDescription(path: dest, reason: String(cString: strerror(errno))) }
            }
            if rename(source, dest) != 0 {
                throw FileOutputErrorDescription(path: dest, reason: String(cString: strerror(errno)))
            }
            if k == 0 { CrashPoint.reached("first-rename") }
        }
    }

    // MARK: Leftovers of killed runs

    /// Staging folders beside `target` whose process is gone: rolled forward
    /// when their journal says the commit had started, removed otherwise.
    static func recoverAbandoned(parent: String, name: String, target: String) {
        let fm = FileManager.default
        let prefix = ".\(name).partial-"
        guard let entries = try? fm.contentsOfDirectory(atPath: parent) else { return }
        for e in entries where e.hasPrefix(prefix) {
            guard let pid = Int32(e.dropFirst(prefix.count).prefix { $0 != "-" }), !ProcessLiveness.isAlive(pid) else { continue }
            let folder = parent + "/" + e
            if let text = fm.contents(atPath: folder + "/" + journal).map({ String(decoding: $0, as: UTF8.self) }) {
                let names = text.split(separator: "\n").map(String.init)
                try? moveEntries(names, from: folder, to: target)
            }
            try? fm.removeItem(atPath: folder)
        }
    }

    private static func split(_ target: String) -> (parent: String, name: String) {
        let t = target.count > 1 && target.hasSuffix("/") ? String(target.dropLast()) : target
        let parent = PathName.parent(of: t)
        return (parent.isEmpty ? "." : parent, (t as NSString).lastPathComponent)
    }

    private static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}

public struct FileOutputErrorDescription: Error, CustomStringConvertible {
    /// The file or folder concerned; `nil` when `reason` names it itself.
    public let path: String?
    public let reason: String
    public init(path: String?, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { path.map { "\($0): \(reason)" } ?? reason }
}
