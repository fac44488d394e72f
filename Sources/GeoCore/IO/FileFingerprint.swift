import Foundation

/// What a watcher compares to see that its inputs changed: for each path, its size and modification time, and for a
/// folder those of every entry in it (not below), so a new article dropped in a folder counts as a change. A path
/// that does not exist is noted as missing (its appearing is a change too).
public struct FileFingerprint: Equatable, Sendable {
    private let entries: [String]

    public init(_ paths: [String]) {
        var out: [String] = []
        let fm = FileManager.default
        func note(_ path: String) {
            var st = stat()
            guard stat(path, &st) == 0 else { out.append("\(path) missing"); return }
            out.append("\(path) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) \(st.st_ino)")
        }
        for path in paths {
            var folder: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &folder), folder.boolValue {
                let names = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
                out.append("\(path)/ \(names.count)")
                for n in names { note((path as NSString).appendingPathComponent(n)) }
            } else {
                note(path)
            }
        }
        entries = out
    }
}
