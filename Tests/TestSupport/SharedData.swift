import Foundation

/// Paths to the repository and to the reference data beside it
/// (`../shared`, read in place, never copied into the repository).
public enum SharedData {
    /// The repository root (this file is Tests/TestSupport/SharedData.swift).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let sharedRoot: URL = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// `../shared/data/haiti/cod-ab`: OCHA COD-AB Haiti, 10/140/570 polygons.
    public static let codAB: URL = sharedRoot.appendingPathComponent("data/haiti/cod-ab")

    /// The COD-AB shapefile of `level` (1 departments, 2 communes, 3 sections).
    public static func codABLevel(_ level: Int) -> String {
        codAB.appendingPathComponent("hti_admbnda_adm\(level)_cnigs_20181129.shp").path
    }

    public static let geonamesPostal: String = sharedRoot.appendingPathComponent("data/haiti/geonames-postal/HT.txt").path
    public static let seedBriefing: String = sharedRoot.appendingPathComponent("seed/haiti-mss-briefing.txt").path
    public static let checkLayers: String = sharedRoot.appendingPathComponent("checks/check-layers").path

    /// A sparse file of `size` bytes at `path` (no disk used): for limits checked on a file's size before reading.
    public static func sparseFile(at path: String, size: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.truncate(atOffset: UInt64(size))
        try h.close()
    }

    /// A fresh empty temporary folder.
    public static func temporaryDirectory(_ label: String = "test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("incidentmap-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Runs a program and captures its output (for oracles such as `ogrinfo`).
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// `environment`: variables set (or replaced) in the child's environment.
public func runProcess(_ executable: String, _ arguments: [String], input: Data? = nil, environment: [String: String] = [:],
                       currentDirectory: String? = nil) throws -> ProcessResult {
    let p = Process()
    if let currentDirectory { p.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
    if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    p.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
    p.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    let inPipe = Pipe()
    p.standardInput = inPipe
    try p.run()
    if let input { inPipe.fileHandleForWriting.write(input) }
    try inPipe.fileHandleForWriting.close()
    // Read both pipes concurrently so neither fills up.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return ProcessResult(status: p.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

extension SharedData {
    /// COD-AB's departments (in UTM 18N, 3D) and communes written by GDAL into one GeoPackage with lower-case field
    /// names, as OCHA's own GeoPackages spell them: layers `hti_adm1` and `hti_adm2`.
    public static func codABGeoPackage(in dir: URL) throws -> String {
        let gpkg = dir.appendingPathComponent("hti_adm.gpkg").path
        func layer(_ level: Int) -> String { ((codABLevel(level) as NSString).lastPathComponent as NSString).deletingPathExtension }
        let one = try runProcess("/usr/bin/ogr2ogr", ["-f", "GPKG", gpkg, codABLevel(1), "-nln", "hti_adm1", "-t_srs", "EPSG:32618", "-dim", "XYZ",
                                                       "-sql", "SELECT ADM1_PCODE AS adm1_pcode, ADM1_FR AS adm1_fr, ADM0_PCODE AS adm0_pcode FROM \(layer(1))"])
        let two = try runProcess("/usr/bin/ogr2ogr", ["-f", "GPKG", "-update", gpkg, codABLevel(2), "-nln", "hti_adm2",
                                                       "-sql", "SELECT ADM2_PCODE AS adm2_pcode, ADM2_FR AS adm2_fr, ADM1_PCODE AS adm1_pcode FROM \(layer(2))"])
        guard one.status == 0, two.status == 0 else {
            throw NSError(domain: "ogr2ogr", code: Int(one.status + two.status), userInfo: [NSLocalizedDescriptionKey: one.stderr + two.stderr])
        }
        return gpkg
    }
}
