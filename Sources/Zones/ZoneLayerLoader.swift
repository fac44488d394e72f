import Foundation
import GeoCore
import LayerIO

/// Builds zone layers from boundary files: a Shapefile, a GeoJSON file, or
/// a folder of them (one layer per file).
///
/// COD-AB layers are recognised by their fields: the deepest `ADMn_PCODE`
/// gives the level (`admN`) and id, `ADMn_FR`/`ADMn_EN`/`ADMn_HT` the names,
/// `ADMnALT1FR`… alternative names and `ADM(n-1)_PCODE` the parent. Other
/// layers need ``Options/idField`` (and optionally the name and parent
/// fields); the level is then the file's stem.
public enum ZoneLayerLoader {
    /// The languages of COD-AB's name fields (`ADM2_FR`, `ADM2_EN`, …), in the order a name is preferred.
    static let nameLanguages = ["fr", "en", "ht", "es", "pt", "ar"]

    public struct Options: Sendable {
        public var idField: String?
        public var nameField: String?
        public var parentField: String?
        /// A numeric attribute holding each zone's population.
        public var populationField: String?
        /// Populations by zone id, e.g. from ``PopulationTable``.
        public var populations: [String: Double] = [:]
        /// Fix invalid polygons with GEOS make-valid instead of failing.
        public var repair = false
        /// Where files found valid are remembered, so that their check is skipped next time (nil: check every time).
        public var validityCache: ValidityCache?

        public init(idField: String? = nil, nameField: String? = nil, parentField: String? = nil,
                    populationField: String? = nil, populations: [String: Double] = [:], repair: Bool = false) {
            self.idField = idField
            self.nameField = nameField
            self.parentField = parentField
            self.populationField = populationField
            self.populations = populations
            self.repair = repair
        }
    }

    /// Loads every layer at `path` (a file or a folder), finest level last.
    public static func load(path: String, options: Options = Options()) throws -> [ZoneLayer] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: GeoPackageReader.split(path).path, isDirectory: &isDir) else {
            throw LayerReader.Error.notFound(path: path)
        }
        var files: [String] = [path]
        if isDir.boolValue {
            files = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                .filter { LayerReader.canRead($0) }
                .map { (path as NSString).appendingPathComponent($0) }
        }
        // A GeoPackage holding several feature layers (COD-AB's adm0…adm3 in one file) is read as a folder would be:
        // one zone layer per feature layer.
        files = try files.flatMap { file -> [String] in
            guard (file as NSString).pathExtension.lowercased() == "gpkg", GeoPackageReader.split(file).layer == nil else { return [file] }
            let layers = try GeoPackageReader.layers(path: file)
            return layers.count > 1 ? layers.map { "\(file)|layername=\($0.name)" } : [file]
        }
        guard !files.isEmpty else { throw ZoneError.noLayers(path: path) }
        // The files are read side by side (COD-AB's three levels: most of a command's start); the first
        // file's error, in name order, is the one thrown, as if they had been read one by one.
        let results = UnsafeMutableBufferPointer<Result<ZoneLayer, Error>?>.allocate(capacity: files.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize().deallocate() }
        nonisolated(unsafe) let slots = results
        let paths = files
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            slots[i] = Result { try loadFile(paths[i], options: options) }
        }
        return try results.map { try $0!.get() }.sorted { $0.rank < $1.rank }
    }

    /// Loads one file as one layer.
    public static func loadFile(_ path: String, options: Options = Options()) throws -> ZoneLayer {
        // The file's identity is taken before reading: a change made while it is read is not remembered as valid.
        let identity = options.validityCache != nil ? ValidityCache.identity(of: path) : nil
        let knownValid = identity.map { options.validityCache!.isKnownValid($0) } ?? false
        var allValid = true
        let fc = try LayerReader.read(path: path)
        let fieldNames = fc.features.first?.properties.map(\.name) ?? []
        let fields = Set(fieldNames)
        // A GeoPackage layer's level is named after the layer; a file's after the file.
        let stem = GeoPackageReader.split(path).layer ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension

        // COD-AB: the deepest ADMn_PCODE present, in any case (OCHA's GeoPackages and some exports spell the fields
        // in lower case: adm2_pcode, adm2_en).
        var byUpper: [String: String] = [:]
        for f in fieldNames where byUpper[f.uppercased()] == nil { byUpper[f.uppercased()] = f }
        let codLevel = (0...5).reversed().first { byUpper["ADM\($0)_PCODE"] != nil }
        let level: ZoneLevel
        let idField: String
        var nameFields: [(String, String)] = []  // (language, field)
        var altFields: [String] = []
        var parentField = options.parentField
        if options.idField == nil, let n = codLevel {
            level = ZoneLevel("adm\(n)")
            idField = byUpper["ADM\(n)_PCODE"]!
            nameFields = Self.nameLanguages
                .compactMap { language in byUpper["ADM\(n)_\(language.uppercased())"].map { (language, $0) } }
            altFields = fieldNames.filter { $0.uppercased().hasPrefix("ADM\(n)ALT") }
            if parentField == nil, n > 0, let p = byUpper["ADM\(n - 1)_PCODE"] { parentField = p }
        } else {
            guard let id = options.idField else {
                throw ZoneError.missingField(path: path, field: "ADMn_PCODE (or pass --id-field)", available: fieldNames)
            }
            level = ZoneLevel(stem)
            idField = id
        }
        if let nf = options.nameField { nameFields.insert(("name", nf), at: 0) }
        for f in [idField] + nameFields.map(\.1) + [parentField, options.populationField].compactMap({ $0 }) where !fields.contains(f) && !fc.features.isEmpty {
            throw ZoneError.missingField(path: path, field: f, available: fieldNames)
        }

        var zones: [Zone] = []
        var seen = Set<String>()
        for (i, f) in fc.features.enumerated() {
            guard var geometry = f.geometry else { continue }
            guard geometry.isAreal else { throw ZoneError.notAreal(path: path, feature: i, type: geometry.typeName) }
            guard let id = text(f[idField]), !id.isEmpty else { throw ZoneError.missingID(path: path, feature: i, field: idField) }
            guard seen.insert(id).inserted else { throw ZoneError.duplicateID(path: path, id: id) }
            if !knownValid, case let .invalid(reason, location) = try geometry.validity() {
                allValid = false
                guard options.repair else {
                    throw ZoneError.invalidGeometry(path: path, feature: i, id: id, reason: reason + (location.map { " at \($0)" } ?? ""))
                }
                geometry = try geometry.makeValid()
                let polys = geometry.polygons
                geometry = polys.count == 1 ? .polygon(polys[0]) : .multiPolygon(MultiPolygon(polys))
            }
            var names: [String: String] = [:]
            for (lang, field) in nameFields { if let n = text(f[field]), !n.isEmpty { names[lang] = n } }
            let name = names["name"] ?? names["fr"] ?? names["en"] ?? names["ht"] ?? id
            let alts = altFields.compactMap { text(f[$0]) }.filter { !$0.isEmpty }
            var population = options.populations[id]
            if population == nil, let pf = options.populationField { population = f[pf]?.doubleValue }
            zones.append(try Zone(id: id, name: name, names: names, alternateNames: alts, level: level,
                                  parentID: parentField.flatMap { text(f[$0]) }.flatMap { $0.isEmpty ? nil : $0 },
                                  geometry: geometry, population: population, properties: f.properties))
        }
        if !knownValid, allValid, let identity { options.validityCache?.rememberValid(identity) }
        return ZoneLayer(level: level, source: path, zones: zones)
    }

    private static func text(_ v: PropertyValue?) -> String? {
        switch v {
        case .string(let s)?: s.trimmingWhitespace
        case .int(let i)?: String(i)
        case .double(let d)?: Int(exactly: d).map { String($0) } ?? String(d)
        default: nil
        }
    }
}
