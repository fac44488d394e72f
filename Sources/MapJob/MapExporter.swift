import Foundation
import GeoCore
import Incidents
import LayerIO
import WebMap
import ControlShare

/// Writes the map layers in every requested format into an output folder,
/// all or nothing (an ``AtomicFolder``): a failed run leaves the previous
/// exports as they were and no partial files.
public struct MapExporter: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case geojson, shp, gpkg, kml, csv, qgis
        /// A static web map: `web/index.html` with Leaflet (copied from the system install) and the layers as GeoJSON.
        case web
    }

    public let formats: [Format]
    /// Credits of the data the layers derive from ("Administrative boundaries: OCHA / CNIGS …"), one per source:
    /// written to `ATTRIBUTION.txt`, into the GeoPackage's layer descriptions and the web map's corner.
    public var attribution: [String] = []
    /// Told of the writing stage, one unit per file (nil: nothing reported).
    public var progress: ProgressMeter?
    public init(formats: [Format], attribution: [String] = []) {
        self.formats = formats
        self.attribution = attribution
    }

    public struct Result: Sendable {
        public var files: [String] = []
        public var warnings: [String] = []
        public init() {}
    }

    /// A control timeline to write beside the layers: `control_timeline.csv` (the long table), `control_timeline.svg`
    /// (small multiples of `chartZones`) and, with the web map, `web/timeline.json` for its period slider.
    public struct Timeline: Sendable {
        public let timeline: ControlTimeline
        public let chartZones: [String]
        public let reported: [String: [(CalendarDate, Double)]]
        public init(timeline: ControlTimeline, chartZones: [String], reported: [String: [(CalendarDate, Double)]]) {
            self.timeline = timeline
            self.chartZones = chartZones
            self.reported = reported
        }
    }

    public func write(_ layers: MapLayers, to folder: String, extent: BoundingBox?, timeline: Timeline? = nil) throws -> Result {
        let out = try AtomicFolder(target: folder)
        var result = Result()
        let names = MapLayer.allCases
        try out.writing {
        if !attribution.isEmpty {
            try Self.writeText("The layers in this folder derive from:\n" + attribution.map { "- " + $0 + "\n" }.joined(), to: out.path("ATTRIBUTION.txt"))
        }
        let credits = attribution.isEmpty ? "" : " — data: " + attribution.joined(separator: "; ")
        if let t = timeline {
            let r = TimelineRenderer(t.timeline)
            try Data(r.csv()).write(to: URL(fileURLWithPath: out.path("control_timeline.csv")))
            try Self.writeText(r.svg(show: t.chartZones, reported: t.reported, title: "IncidentMap: control over time"), to: out.path("control_timeline.svg"))
        }
        let files = formats.reduce(0) { n, f in n + (f == .gpkg || f == .web ? 1 : names.count) }
        progress?.begin("writing \(formats.count) formats", unit: "files", total: files)
        // Formats side by side on every core: each writes its own files, replaying the layers (a spooled layer is
        // read at each writer's own offset). Warnings and errors come back in the formats' order.
        let staging = out.path("")
        let outcomes = [Format](formats).parallelMap(chunk: 1) { f -> Swift.Result<[String], Error> in
            defer { progress?.advance(by: f == .gpkg || f == .web ? 1 : names.count) }
            return Swift.Result { try writeFormat(f, layers, at: { staging + $0 }, extent: extent, timeline: timeline, credits: credits) }
        }
        for o in outcomes { result.warnings += try o.get() }
        }
        result.files = try out.commit().map { folder + "/" + $0 }
        return result
    }

    /// Writes one format's files (paths from `path`); returns its warnings.
    private func writeFormat(_ f: Format, _ layers: MapLayers, at path: (String) -> String, extent: BoundingBox?, timeline: Timeline?,
                             credits: String) throws -> [String] {
        let names = MapLayer.allCases
        var warnings: [String] = []
        switch f {
        case .geojson:
            for n in names { try Self.writeGeoJSON(layers.layer(n), to: path("\(n.rawValue).geojson")) }
        case .shp:
            for n in names {
                let r = try ShapefileWriter.write(layers.layer(n), to: path(n.rawValue))
                if r.truncatedValues > 0 { warnings.append("\(n).shp: \(r.truncatedValues) text values cut to 254 bytes (at a character boundary); GeoPackage and GeoJSON keep them whole") }
            }
        case .gpkg:
            let w = try GeoPackageWriter(path: path("incidentmap.gpkg"))
            for n in names {
                try w.addLayer(name: n.rawValue, layer: layers.layer(n), description: n.summary + credits, qml: MapStyles.style(for: n).qml())
            }
            try w.finish()
        case .kml:
            for n in names {
                let file = try AtomicFile(destination: path("\(n.rawValue).kml"))
                try KMLWriter.write(name: n.rawValue, layer: layers.layer(n), styles: Self.kmlStyles,
                                    nameField: n == .incidents ? "location" : "name",
                                    styleOf: { Self.kmlStyle(layer: n, feature: $0) }, to: { try file.write($0) })
                try file.commit()
            }
        case .csv:
            for n in names { try Self.writeCSV(layers.layer(n), to: path("\(n.rawValue).csv")) }
        case .qgis:
            for n in names { try Self.writeText(MapStyles.style(for: n).qml(), to: path("\(n.rawValue).qml")) }
            // The project points at files this run writes: the GeoPackage, else the Shapefiles, else the GeoJSON
            // (which it then writes too, rather than pointing at an earlier run's).
            let source: (String) -> String
            if formats.contains(.gpkg) { source = { "./incidentmap.gpkg|layername=\($0)" } }
            else if formats.contains(.shp) { source = { "./\($0).shp" } }
            else {
                if !formats.contains(.geojson) {
                    for n in names { try Self.writeGeoJSON(layers.layer(n), to: path("\(n.rawValue).geojson")) }
                    warnings.append("--formats has qgis without gpkg, shp or geojson: the GeoJSON layers the project reads were written too")
                }
                source = { "./\($0).geojson" }
            }
            let project = QGISProject(title: "IncidentMap", layers: MapLayer.drawingOrder.map { layer in
                let n = layer.rawValue
                return QGISProject.Layer(id: "\(n)_layer", name: n, source: source(n), style: MapStyles.style(for: layer))
            }, extent: extent.map { ($0.minLongitude, $0.minLatitude, $0.maxLongitude, $0.maxLatitude) } ?? (-180, -90, 180, 90))
            try Self.writeText(project.qgs(), to: path("incidentmap.qgs"))
        case .web:
            try Self.writeWeb(layers, to: path("web"), credits: attribution.isEmpty ? nil : attribution.joined(separator: "; "))
            if let t = timeline {
                try Self.writeText(TimelineRenderer(t.timeline).svg(show: t.chartZones, reported: t.reported, title: "IncidentMap: control over time"),
                                   to: path("web/control_timeline.svg"))
                try Data(Self.sliderJSON(t.timeline)).write(to: URL(fileURLWithPath: path("web/timeline.json")))
            }
            try Self.writeWebData(dir: path("web"))
        }
        return warnings
    }

    /// `{"every", "period_ends": [...], "gang": {"<pcode>": [share | null, …]}}`: what the web map's period slider reads.
    public static func sliderJSON(_ t: ControlTimeline) -> [UInt8] {
        let gang: [(String, JSONValue)] = t.zones.indices.map { z in
            (t.zones[z].id, .array(t.estimates.map { e in
                let h = IncidentSurface.headline(e[z])   // by people where the population surface gives them
                return h.noInformation >= 0.999 ? .null : .double(((h.shares[.gang] ?? 0) * 1e4).rounded() / 1e4)
            }))
        }
        var out: [UInt8] = []
        JSONText.append(.object([("every", .string(t.every.rawValue)), ("period_ends", .array(t.periodEnds.map { .string($0.description) })),
                                 (ControlClass.gang.rawValue, .object(gang))]), to: &out)
        return out
    }

    static let kmlStyles: [KMLWriter.Style] = [
        .init(id: "battles", color: "ff1c1ae4", fill: false), .init(id: "vac", color: "ffa34e98", fill: false),
        .init(id: "explosions", color: "ff007fff", fill: false), .init(id: "riots", color: "ff33ddff", fill: false),
        .init(id: "protests", color: "ffb87e37", fill: false), .init(id: "strategic", color: "ff4aaf4d", fill: false),
        .init(id: "other", color: "ff969696", fill: false),
        .init(id: "share0", color: "99f0f5ff", fill: true), .init(id: "share1", color: "99a1bbfc", fill: true),
        .init(id: "share2", color: "994a6afb", fill: true), .init(id: "share3", color: "991d18cb", fill: true),
        .init(id: "share4", color: "990d0067", fill: true), .init(id: "noinfo", color: "66cccccc", fill: true),
    ]

    static func kmlStyle(layer: MapLayer, feature f: Feature) -> String? {
        switch layer {
        case .incidents:
            switch ACLEDEventType(f["event_type"]?.stringValue ?? "") {
            case .battles: return "battles"
            case .violenceAgainstCivilians: return "vac"
            case .explosions: return "explosions"
            case .riots: return "riots"
            case .protests: return "protests"
            case .strategicDevelopments: return "strategic"
            case .other: return "other"
            }
        case .zones, .control:
            guard let share = f["gang_share"]?.doubleValue ?? (f["class"]?.stringValue == ControlClass.gang.rawValue ? 1 : nil) else { return "noinfo" }
            return "share\(min(4, Int(share * 5)))"
        case .places, .reported: return "other"
        }
    }

    /// The static web map: the page, its script and style, the layers, and
    /// Leaflet copied from where `libjs-leaflet` installed it.
    static func writeWeb(_ layers: MapLayers, to dir: String, credits: String? = nil) throws {
        try LeafletInstall.check()
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/leaflet/images", withIntermediateDirectories: true)
        try writeText(MapPage.html(title: "IncidentMap", source: .files, credits: credits), to: dir + "/index.html")
        try writeText(MapPage.script, to: dir + "/map.js")
        try writeText(MapPage.css, to: dir + "/map.css")
        for n in MapLayer.allCases { try writeGeoJSON(layers.layer(n), to: dir + "/\(n.rawValue).geojson") }
        for name in LeafletInstall.files {
            let source = LeafletInstall.directory + "/" + name
            guard let data = fm.contents(atPath: source) else { throw FileOutputErrorDescription(path: source, reason: "cannot read Leaflet's file") }
            try data.write(to: URL(fileURLWithPath: dir + "/leaflet/" + name))
        }
    }

    /// Layers up to this size in all are embedded in the static map's `data.js` (a page opened from disk reads
    /// them there); larger ones are served (`incidentmap serve --layers`), which the page says.
    static let embeddedWebDataLimit = 64 << 20

    /// `web/data.js`: `window.IM_DATA = {"zones": <zones.geojson>, …, "timeline": <timeline.json>};` — the files
    /// as written, so a page opened from disk has its layers (browsers refuse `fetch()` of local files).
    static func writeWebData(dir: String) throws {
        var parts: [(String, String)] = MapLayer.allCases.map { ($0.rawValue, dir + "/\($0.rawValue).geojson") }
        if FileManager.default.fileExists(atPath: dir + "/timeline.json") { parts.append(("timeline", dir + "/timeline.json")) }
        let size = parts.reduce(0) { n, p in n + ((try? FileManager.default.attributesOfItem(atPath: p.1)[.size] as? Int) ?? 0) }
        guard size <= embeddedWebDataLimit else { return }
        let f = try AtomicFile(destination: dir + "/data.js")
        try f.write("// The layers of this map, for a page opened from disk (written by incidentmap map --formats web).\nwindow.IM_DATA = {")
        for (k, (name, path)) in parts.enumerated() {
            guard let data = FileManager.default.contents(atPath: path) else { throw FileOutputErrorDescription(path: path, reason: "cannot read it back") }
            try f.write((k > 0 ? ",\n" : "\n") + "\"\(name)\": ")
            try f.write([UInt8](data))
        }
        try f.write("\n};\n")
        try f.commit()
    }

    static func writeText(_ text: String, to path: String) throws {
        let f = try AtomicFile(destination: path)
        try f.write(text)
        try f.commit()
    }

    static func writeGeoJSON(_ layer: LayerFeatures, to path: String) throws {
        let w = try GeoJSONWriter(path: path)
        try layer.forEach { try w.write($0) }
        try w.finish()
    }

    /// Points as longitude/latitude columns, other geometries as WKT.
    static func writeCSV(_ layer: LayerFeatures, to path: String) throws {
        let schema = layer.schema
        let w = try CSVWriter(path: path)
        var points = layer.isSpooled
        if !points {
            points = true
            try layer.forEach { if case .point? = $0.geometry {} else if $0.geometry != nil { points = false } }
        }
        try w.writeRow(schema.fields.map(\.name) + (points ? ["longitude", "latitude"] : ["wkt"]))
        let names = schema.fields.map(\.name)
        try layer.forEach { f in
            for (k, name) in names.enumerated() {
                if k > 0 { w.appendSeparator() }
                // Features carry their properties in the schema's order: looked for there first.
                let v = k < f.properties.count && f.properties[k].name == name ? f.properties[k].value : f[name]
                if let v { w.appendValue(v) }
            }
            if !names.isEmpty { w.appendSeparator() }
            if points {
                if case .point(let p)? = f.geometry {
                    w.appendFixed(p.coordinate.longitude, decimals: 7)
                    w.appendSeparator()
                    w.appendFixed(p.coordinate.latitude, decimals: 7)
                } else {
                    w.appendSeparator()
                }
            } else if let g = f.geometry {
                w.appendField(WKTWriter.encode(g))
            }
            try w.endRow()
        }
        try w.finish()
    }
}
