import Foundation
import GeoCore
import LayerIO

/// Where people live: population as weighted points (longitude, latitude — WGS 84, longitude first — and a number of
/// people), from which the incident surface spreads events known only to their zone and weights its shares by people
/// (docs/population.md).
///
/// Read from a table (`.tsv`, `.csv`: columns `longitude`/`lon`/`x`, `latitude`/`lat`/`y` and
/// `population`/`pop`/`value`, any order, header required) or from GeoJSON (points, or polygons such as WorldPop or
/// Kontur hexagons, each counted at its representative point; the field `population`, or `--population-field`'s).
/// A raster exported as points (`gdal2xyz`) is a table of the first kind. The default profile's is `Geo/population/`,
/// made by `Geo/scripts/make-population`.
public struct PopulationSurface: Sendable {
    public struct Weighted: Sendable, Equatable {
        public let coordinate: Coordinate
        public let people: Double
        public init(coordinate: Coordinate, people: Double) {
            self.coordinate = coordinate
            self.people = people
        }
    }

    public let points: [Weighted]
    /// Where it was read from (echoed in summaries).
    public let source: String

    public init(points: [Weighted], source: String) {
        self.points = points
        self.source = source
    }

    public var total: Double { points.reduce(0) { $0 + $1.people } }

    /// Reads a population surface file (see the type's documentation for the accepted shapes).
    public static func read(path: String, field: String? = nil) throws -> PopulationSurface {
        let lower = path.lowercased()
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") { return try readGeoJSON(path: path, field: field ?? "population") }
        return try readTable(path: path, field: field)
    }

    private static func readTable(path: String, field: String?) throws -> PopulationSurface {
        // The delimiter from the header line: tab, semicolon (without commas) or comma.
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ZoneError.populationFile(path: path, line: 0, reason: "cannot open the file")
        }
        let head = (try? handle.read(upToCount: 4096)) ?? nil
        try? handle.close()
        let firstLine = (head ?? Data()).prefix { $0 != 0x0A }
        let delimiter: Character = firstLine.contains(0x09) ? "\t" : (firstLine.contains(0x3B) && !firstLine.contains(0x2C) ? ";" : ",")
        let reader = try CSVReader(path: path, delimiter: delimiter)
        guard try reader.next() else { throw ZoneError.populationFile(path: path, line: 1, reason: "empty file") }
        let header = try reader.strings().map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ names: [String]) -> Int? { header.firstIndex { names.contains($0) } }
        guard let lon = column(["longitude", "lon", "lng", "x"]), let lat = column(["latitude", "lat", "y"]) else {
            throw ZoneError.populationFile(path: path, line: 1, reason: "no longitude and latitude columns (found: \(header.joined(separator: ", ")))")
        }
        let names = field.map { [$0.lowercased()] } ?? ["population", "pop", "people", "value", "z"]
        guard let pop = column(names) else {
            throw ZoneError.populationFile(path: path, line: 1, reason: "no population column (\(names.joined(separator: ", "))) (found: \(header.joined(separator: ", ")))")
        }
        var points: [Weighted] = []
        while try reader.next() {
            if reader.isBlank { continue }
            guard reader.count > max(lon, lat, pop) else {
                throw ZoneError.populationFile(path: path, line: reader.line, reason: "expected \(header.count) columns, found \(reader.count)")
            }
            func number(_ k: Int) throws -> Double {
                guard let v = reader.double(k), v.isFinite else {
                    throw ZoneError.populationFile(path: path, line: reader.line, reason: "'\((try? reader.string(k)) ?? "")' in column '\(header[k])' is not a number")
                }
                return v
            }
            let x = try number(lon), y = try number(lat), p = try number(pop)
            guard (-180...180).contains(x), (-90...90).contains(y) else {
                throw ZoneError.populationFile(path: path, line: reader.line, reason: "(\(x), \(y)) is not a longitude, latitude in degrees")
            }
            guard p >= 0 else { throw ZoneError.populationFile(path: path, line: reader.line, reason: "population must be ≥ 0, got \(p)") }
            if p > 0 { points.append(Weighted(coordinate: Coordinate(longitude: x, latitude: y), people: p)) }
        }
        return PopulationSurface(points: points, source: path)
    }

    private static func readGeoJSON(path: String, field: String) throws -> PopulationSurface {
        let fc = try GeoJSONReader.read(path: path)
        var points: [Weighted] = []
        for (i, f) in fc.features.enumerated() {
            guard let g = f.geometry else { continue }
            guard let v = f[field] else {
                throw ZoneError.populationFile(path: path, line: 0, reason: "feature \(i + 1) has no field '\(field)' (give the field with --population-field)")
            }
            guard let p = v.doubleValue, p.isFinite, p >= 0 else {
                throw ZoneError.populationFile(path: path, line: 0, reason: "feature \(i + 1): '\(field)' is not a population ≥ 0")
            }
            guard p > 0 else { continue }
            let c: Coordinate
            switch g {
            case .point(let pt): c = pt.coordinate
            default: c = try g.representativePoint()
            }
            points.append(Weighted(coordinate: c, people: p))
        }
        return PopulationSurface(points: points, source: path)
    }

    /// Each zone's population: the people of the points inside it (a point in several zones counts in each).
    public func zonePopulations(_ layer: ZoneLayer) -> [Double] {
        let locator = PointLocator(layer: layer)
        var out = [Double](repeating: 0, count: layer.zones.count)
        for p in points { for z in locator.zoneIndexes(containing: p.coordinate) { out[z] += p.people } }
        return out
    }
}
