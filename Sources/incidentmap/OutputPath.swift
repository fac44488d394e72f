import Foundation
import GeoCore
import LayerIO

/// Where a command writes, as ogr2ogr and csvkit users expect: `-o FILE` (also `--output`, and the older `--out`),
/// `-` for standard output, the format from `-f` or else the file's extension, and a refusal — not a silent other
/// format — when the two disagree. Paths are checked before any work starts, with plain messages (a folder, a
/// missing folder, no permission), so a long run never ends on a system error.
enum OutputPath {
    /// Whether `path` means standard output.
    static func isStandardOutput(_ path: String?) -> Bool { path == nil || path == "-" }

    /// The sink for `path` (standard output for nil or `-`), written atomically.
    static func sink(_ path: String?, overwrite: Bool) throws -> any ByteSink {
        guard let path, path != "-" else { return StandardOutputSink() }
        try checkFile(path, overwrite: overwrite)
        return try AtomicFile(destination: path)
    }

    /// A file may be written at `path`: not a folder, its folder exists and is writable (the file itself, when it
    /// exists, is replaced whole — only the folder's permission matters).
    /// `overwrite`: an existing file may be replaced (`--overwrite`); without it, one is refused before any work.
    static func checkFile(_ path: String, overwrite: Bool) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue { throw PlainFailure("\(path): is a folder; give a file name") }
            if !overwrite { throw PlainFailure("\(path) exists; add --overwrite to replace it (or give another -o)") }
        }
        let folder = PathName.parent(of: path)
        do { try checkFolder(folder.isEmpty ? "." : folder, creating: false) } catch let p as PlainFailure {
            throw PlainFailure("cannot write \(path): \(p.description)")
        }
    }

    /// Names `map` writes (or wrote before the folder manifest existed): a folder holding one of them is an earlier run's.
    static let outputNames: Set<String> = ["zones.geojson", "zones.shp", "zones.csv", "zones.kml", "incidentmap.gpkg", "incidents.geojson",
                                           "incidents.csv", "ATTRIBUTION.txt", "project.qgs", "web", "control_timeline.csv"]

    /// `map`'s output folder: refused when it is `/` or the home folder, or holds other files and no IncidentMap
    /// output (a typo in `--out ~/Documents` must not fill it), unless `force`; a dangling symbolic link is said
    /// plainly. IncidentMap only ever replaces its own files there (``AtomicFolder``).
    static func checkOutputFolder(_ folder: String, force: Bool) throws {
        var st = stat()
        if lstat(folder, &st) == 0, st.st_mode & S_IFMT == S_IFLNK, stat(folder, &st) != 0 {
            let dest = (try? FileManager.default.destinationOfSymbolicLink(atPath: folder)) ?? "?"
            throw PlainFailure("\(folder) is a symbolic link to \(dest), which does not exist; create it or give another --out")
        }
        guard !force else { return }
        let real = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
        let home = URL(fileURLWithPath: ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path)
            .resolvingSymlinksInPath().standardizedFileURL.path
        if real == "/" || real == home {
            throw PlainFailure("\(folder) is \(real == "/" ? "the root folder" : "your home folder"); give a folder for the exports (--out Exports), or --force")
        }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder), !entries.isEmpty else { return }
        // Hidden entries and a README (the repository's Exports/ has one) do not make a folder someone else's.
        let visible = entries.filter { ($0 == AtomicFolder.manifest || !$0.hasPrefix(".")) && !$0.lowercased().hasPrefix("readme") }
        if visible.contains(AtomicFolder.manifest) || visible.contains(where: { outputNames.contains($0) }) || visible.isEmpty { return }
        throw PlainFailure("\(folder) holds \(visible.count) files or folders and no IncidentMap output (\(visible.sorted().prefix(3).joined(separator: ", "))\(visible.count > 3 ? ", …" : "")); give a new or empty folder, or --force to write beside them (only IncidentMap's files are ever replaced)")
    }

    /// Files may be written in `folder` (created with its parents when `creating` and missing).
    static func checkFolder(_ folder: String, creating: Bool) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw PlainFailure("\(folder): is a file, not a folder") }
            guard access(folder, W_OK) == 0 else { throw PlainFailure("\(folder): cannot write there (permission denied)") }
            return
        }
        guard creating else { throw PlainFailure("\(folder): no such folder") }
        // The nearest existing ancestor must let us create the rest.
        var ancestor = PathName.parent(of: folder)
        while !ancestor.isEmpty, !FileManager.default.fileExists(atPath: ancestor) { ancestor = PathName.parent(of: ancestor) }
        let base = ancestor.isEmpty ? "." : ancestor
        var baseIsFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base, isDirectory: &baseIsFolder), baseIsFolder.boolValue else {
            throw PlainFailure("\(folder): cannot be made (\(base) is not a folder)")
        }
        guard access(base, W_OK) == 0 else { throw PlainFailure("\(folder): cannot be made in \(base) (permission denied)") }
    }

    /// The format to write: `explicit` (`-f`) when given, else the one the extension of `path` names, else
    /// `fallback`. Refused: `-f` and an extension naming another format, and an extension naming none when no `-f`
    /// is given (`info x.shp -o x.gpkg` must not write GeoJSON into x.gpkg).
    static func format<F: RawRepresentable>(explicit: F?, path: String?, extensions: [String: F], fallback: F, hasFormatOption: Bool = true) throws -> F
        where F.RawValue == String, F: Equatable {
        let ext = path.flatMap { isStandardOutput($0) ? nil : ($0 as NSString).pathExtension.lowercased() }
        let named = ext.flatMap { extensions[$0] }
        if let explicit {
            if let named, named != explicit {
                throw PlainFailure("-f \(explicit.rawValue) but \(path!) names \(named.rawValue); make them agree")
            }
            return explicit
        }
        if let named { return named }
        if let ext, !ext.isEmpty {
            let known = Set(extensions.keys).sorted().map { "." + $0 }.joined(separator: ", ")
            throw PlainFailure("\(path!): .\(ext) is not a format this command writes (\(known))"
                          + (hasFormatOption ? "; give -f to write one of them under another name" : ""))
        }
        return fallback
    }
}
