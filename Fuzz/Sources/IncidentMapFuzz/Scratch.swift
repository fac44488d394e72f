import Foundation

/// A per-process scratch folder (in /dev/shm when there is one) where inputs
/// are written for the readers that take a path.
enum Scratch {
    static let folder: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let dir = "\(base)/incidentmap-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: Scratch.folder) }
        return dir
    }()

    /// Writes `bytes` to `name` in the scratch folder and returns its path.
    @discardableResult
    static func write(_ bytes: some Collection<UInt8>, as name: String) -> String {
        let path = folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    static func remove(_ name: String) {
        unlink(folder + "/" + name)
    }
}
