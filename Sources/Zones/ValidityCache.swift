import Foundation
import GeoCore

/// Remembers, between runs, the boundary files whose every polygon GEOS
/// found valid, so that reading one again skips the check (for COD-AB's three
/// levels, two thirds of the time spent reading them).
///
/// A file is known by its absolute path, what `stat(2)` says of it (device,
/// inode, size, modification and status-change times to the nanosecond; for
/// a Shapefile, of its `.shp` and `.shx`) and the GEOS version: any change to
/// the file makes it unknown again, and a file with an invalid polygon is
/// never remembered. The record of a file is a small text file holding that
/// identity, named by its hash and compared in full when read; past 512
/// records, those of files gone or changed are dropped.
///
/// The command line keeps it in ``CacheFolder/standard(environment:)``'s
/// `valid-layers`; the library uses one only when given it. A cache that
/// cannot be written is only not used.
public struct ValidityCache: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    /// What identifies `path` as it is now (nil when it cannot be examined).
    public static func identity(of path: String) -> String? {
        guard let absolute = realpath(path, nil).map({ p -> String in defer { free(p) }; return String(cString: p) }) else { return nil }
        var files = [absolute]
        if absolute.lowercased().hasSuffix(".shp") {
            let stem = String(absolute.dropLast(4))
            let candidates: [String] = [stem + ".shx", stem + ".SHX"]
            if let shx = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) { files.append(shx) }
        }
        var text = "incidentmap valid layer 1\ngeos \(GEOSLibrary.version)\n"
        for f in files {
            var s = stat()
            guard stat(f, &s) == 0 else { return nil }
            text += "\(f)\t\(s.st_dev)\t\(s.st_ino)\t\(s.st_size)\t\(s.st_mtim.tv_sec).\(s.st_mtim.tv_nsec)\t\(s.st_ctim.tv_sec).\(s.st_ctim.tv_nsec)\n"
        }
        return text
    }

    /// Whether a file with this identity was found valid before.
    public func isKnownValid(_ identity: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: record(identity)) else { return false }
        return data.elementsEqual(identity.utf8)
    }

    /// Records that the file with this identity (taken before it was read) has only valid polygons.
    public func rememberValid(_ identity: String) {
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil,
              let file = try? AtomicFile(destination: record(identity)) else { return }
        try? file.write(Array(identity.utf8))
        try? file.commit()
        prune()
    }

    /// Once there are more than `limit` records, drops those of files that are gone or have changed since.
    public func prune(limit: Int = 512) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder), entries.count > limit else { return }
        for entry in entries where !entry.hasPrefix(".") {
            let path = folder + "/" + entry
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            let lines = text.split(separator: "\n")
            guard lines.count >= 3, let file = lines[2].split(separator: "\t").first,
                  let now = Self.identity(of: String(file)), now == text else {
                unlink(path)
                continue
            }
        }
    }

    private func record(_ identity: String) -> String {
        folder + "/" + String(FNV1a.hash(identity.utf8), radix: 16)
    }
}
