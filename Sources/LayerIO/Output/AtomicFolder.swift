import Foundation

/// An output folder filled all at once: files are written into a hidden
/// temporary folder beside the target, and ``commit()`` moves each finished
/// file into the target (replacing older versions). A run that fails before
/// ``commit()`` removes its temporary folder and leaves the target as it was.
public final class AtomicFolder {
    public let target: String
    public let staging: String
    private var committed = false

    public init(target: String) throws {
        self.target = target
        let fm = FileManager.default
        try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
        let parent = (target as NSString).deletingLastPathComponent.isEmpty ? "." : (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        staging = "\(parent)/.\(name).partial-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw FileOutputErrorDescription(path: target, reason: "cannot create a working folder beside it: \(error.localizedDescription)")
        }
        // The target must be writable: find out now, not after the work.
        guard fm.isWritableFile(atPath: target) else {
            try? fm.removeItem(atPath: staging)
            throw FileOutputErrorDescription(path: target, reason: "folder is not writable")
        }
    }

    deinit { if !committed { try? FileManager.default.removeItem(atPath: staging) } }

    /// Path of `name` in the staging folder.
    public func path(_ name: String) -> String { staging + "/" + name }

    /// Moves every staged file into the target (each by rename, so each file
    /// appears whole), then removes the staging folder.
    @discardableResult
    public func commit() throws -> [String] {
        let fm = FileManager.default
        let names = try fm.contentsOfDirectory(atPath: staging).sorted()
        for n in names {
            let dest = target + "/" + n
            // A folder (the web map) replaces the previous one: the old one is
            // set aside first (rename cannot replace a non-empty folder).
            var isDir: ObjCBool = false
            var aside: String?
            if fm.fileExists(atPath: dest, isDirectory: &isDir), isDir.boolValue {
                aside = target + "/.\(n).replaced-\(getpid())"
                if rename(dest, aside!) != 0 { throw FileOutputErrorDescription(path: dest, reason: String(cString: strerror(errno))) }
            }
            if rename(staging + "/" + n, dest) != 0 {
                let reason = String(cString: strerror(errno))
                if let aside { _ = rename(aside, dest) }
                throw FileOutputErrorDescription(path: dest, reason: reason)
            }
            if let aside { try? fm.removeItem(atPath: aside) }
        }
        try fm.removeItem(atPath: staging)
        committed = true
        return names
    }

    /// Gives up: removes the staging folder.
    public func abort() {
        try? FileManager.default.removeItem(atPath: staging)
        committed = true
    }
}

public struct FileOutputErrorDescription: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}
