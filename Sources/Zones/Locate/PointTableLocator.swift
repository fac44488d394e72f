import Foundation
import GeoCore
import LayerIO

/// Streams a table of points through a ``PointLocator``: each input row is
/// written out unchanged with the zone columns appended (see `ZoneColumns`).
///
/// Rows are never dropped: rows without usable coordinates are written with
/// empty zone columns and `locate_status = rejected: …`, and reported.
public struct PointTableLocator {
    public let set: ZoneSet
    public let layer: ZoneLayer
    public let locator: PointLocator
    /// Snapping distance for points outside every zone (km, geodesic).
    public var snapKm: Double
    /// Called with each problem (file:line: reason).
    public var report: (String) -> Void

    public init(set: ZoneSet, layer: ZoneLayer, snapKm: Double = 2, report: @escaping (String) -> Void = { _ in }) {
        self.set = set
        self.layer = layer
        self.locator = PointLocator(layer: layer)
        self.snapKm = snapKm
        self.report = report
    }

    public static let latitudeNames = ["latitude", "lat", "y"]
    public static let longitudeNames = ["longitude", "lon", "lng", "long", "x"]

    /// Reads CSV from `input` (`-` for standard input), writes CSV to `output`.
    public func locateCSV(input: String, output: any ByteSink, latitudeColumn: String? = nil, longitudeColumn: String? = nil) throws -> LocateCounts {
        let reader = try CSVReader(path: input)
        guard try reader.next() else { throw CSVError(path: reader.path, line: 1, reason: "empty file: expected a header row") }
        let header = try reader.strings()
        let lower = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func find(_ explicit: String?, _ names: [String], _ what: String) throws -> Int {
            if let explicit {
                guard let i = lower.firstIndex(of: explicit.lowercased()) else {
                    throw CSVError(path: reader.path, line: 1, reason: "no column '\(explicit)' (columns: \(header.joined(separator: ", ")))")
                }
                return i
            }
            guard let i = names.lazy.compactMap({ lower.firstIndex(of: $0) }).first else {
                throw CSVError(path: reader.path, line: 1, reason: "no \(what) column (looked for \(names.joined(separator: ", ")); columns: \(header.joined(separator: ", "))); name it with --\(what == "latitude" ? "lat" : "lon")-column")
            }
            return i
        }
        let latIndex = try find(latitudeColumn, Self.latitudeNames, "latitude")
        let lonIndex = try find(longitudeColumn, Self.longitudeNames, "longitude")
        let columns = ZoneColumns(set: set, layer: layer, delimiter: reader.delimiter)
        let writer = CSVWriter(sink: output, delimiter: Character(UnicodeScalar(reader.delimiter)))
        Self.passThrough(reader, to: writer)
        var taken = Set(lower)
        for name in columns.header {
            var n = name
            while taken.contains(n.lowercased()) { n += "_located" }
            taken.insert(n.lowercased())
            writer.appendSeparator()
            writer.appendField(n)
        }
        try writer.endRow()

        var counts = LocateCounts()
        let comma = [reader.delimiter]
        let fourCommas = comma + comma + comma + comma
        let insideTail = Array(",false,0,false,ok".utf8), snappedHead = Array(",true,".utf8), snappedTail = Array(",false,snapped".utf8)
        let outsideHead = Array(",false,,true,".utf8)
        while try reader.next() {
            if reader.count == 1 && reader.isBlank { continue }  // blank line
            counts.read += 1
            Self.passThrough(reader, to: writer)
            let lat = reader.double(latIndex), lon = reader.double(lonIndex)
            var status = ""
            if reader.count != header.count {
                report("\(reader.path):\(reader.line): \(reader.count) fields where the header has \(header.count)")
            }
            // A row that cannot be placed is kept, with empty zone columns and the reason.
            func reject(_ reason: String) throws {
                status = "rejected: " + reason
                counts.rejected += 1
                report("\(reader.path):\(reader.line): \(status)")
                writer.appendRaw(columns.emptyChain)
                writer.appendRaw(fourCommas)
                writer.appendField(status)
                try writer.endRow()
            }
            guard let lat, let lon else {
                try reject(reader.count <= max(latIndex, lonIndex) ? "row too short" : "latitude/longitude missing or not a number")
                continue
            }
            let c = Coordinate(longitude: lon, latitude: lat)
            guard c.isValid else {
                try reject("coordinate out of range (latitude \(lat), longitude \(lon))")
                continue
            }
            let p = locator.place(c, snapKm: snapKm)
            if let z = p.zoneIndex {
                writer.appendRaw(columns.encoded[z])
                if p.snapped {
                    counts.snapped += 1
                    writer.appendRaw(snappedHead)
                    writer.appendField(String(format: "%.3f", p.distanceKm))
                    writer.appendRaw(snappedTail)
                } else {
                    counts.assigned += 1
                    writer.appendRaw(insideTail)
                }
            } else {
                counts.outside += 1
                // A swapped pair is worth saying: (lat, lon) given as (lon, lat).
                let swapped = Coordinate(longitude: lat, latitude: lon)
                if swapped.isValid, locator.zoneIndex(containing: swapped) != nil {
                    status = "outside: latitude and longitude look swapped"
                    report("\(reader.path):\(reader.line): \(status) (\(lat), \(lon))")
                } else {
                    status = "outside"
                }
                writer.appendRaw(columns.emptyChain)
                writer.appendRaw(outsideHead)
                writer.appendField(status)
            }
            try writer.endRow()
        }
        try writer.finish()
        return counts
    }

    /// Reads point features from GeoJSON, writes CSV: the properties, then
    /// `longitude,latitude`, then the zone columns.
    public func locateGeoJSON(input: String, output: any ByteSink) throws -> LocateCounts {
        let fc = try GeoJSONReader.read(path: input)
        var names: [String] = []
        var seen = Set<String>()
        for f in fc.features { for p in f.properties where seen.insert(p.name).inserted { names.append(p.name) } }
        let columns = ZoneColumns(set: set, layer: layer, delimiter: UInt8(ascii: ","))
        let writer = CSVWriter(sink: output)
        try writer.writeRow(names + ["longitude", "latitude"] + columns.header)
        var counts = LocateCounts()
        for (i, f) in fc.features.enumerated() {
            counts.read += 1
            var fields = names.map { n -> String in
                guard let v = f[n] else { return "" }
                return v.isNull ? "" : v.description
            }
            guard case .point(let pt)? = f.geometry else {
                counts.rejected += 1
                let status = "rejected: feature \(i) has \(f.geometry?.typeName ?? "no geometry"), not a Point"
                report("\(input): \(status)")
                fields += ["", ""]
                for (k, x) in fields.enumerated() { if k > 0 { writer.appendSeparator() }; writer.appendField(x) }
                writer.appendRaw(columns.emptyChain)
                writer.appendRaw(Array(",,,,".utf8))
                writer.appendField(status)
                try writer.endRow()
                continue
            }
            fields += [String(pt.coordinate.longitude), String(pt.coordinate.latitude)]
            for (k, x) in fields.enumerated() { if k > 0 { writer.appendSeparator() }; writer.appendField(x) }
            let p = locator.place(pt.coordinate, snapKm: snapKm)
            if let z = p.zoneIndex {
                writer.appendRaw(columns.encoded[z])
                if p.snapped {
                    counts.snapped += 1
                    writer.appendRaw(Array(",true,\(String(format: "%.3f", p.distanceKm)),false,snapped".utf8))
                } else {
                    counts.assigned += 1
                    writer.appendRaw(Array(",false,0,false,ok".utf8))
                }
            } else {
                counts.outside += 1
                writer.appendRaw(columns.emptyChain)
                writer.appendRaw(Array(",false,,true,outside".utf8))
            }
            try writer.endRow()
        }
        try writer.finish()
        return counts
    }

    /// The input record as it was, unless a field would run as a spreadsheet formula (``CSVWriter/guardsFormulas``):
    /// then field by field, guarded.
    static func passThrough(_ reader: CSVReader, to writer: CSVWriter) {
        let guarded = CSVWriter.guardsFormulas && (0..<reader.count).contains { k in reader.withField(k) { CSVWriter.needsFormulaGuard($0) } }
        guard guarded else { reader.withRaw { writer.appendRaw($0) }; return }
        for k in 0..<reader.count {
            if k > 0 { writer.appendSeparator() }
            writer.appendField((try? reader.string(k)) ?? "")
        }
    }
}
