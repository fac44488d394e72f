import CShapelib
import GeoCore

/// The `.shp`/`.shx` half of a shapefile being written (``ShapefileStreamWriter``): its handle, the records written
/// and the bytes they take. One thread owns it; the `.dbf` half (``ShapefileAttributeWriter``) may be written by
/// another at the same time, since the two share nothing.
final class ShapefileShapeWriter {
    let basePath: String
    private let shp: SHPHandle
    private let family: Int32
    /// Records written.
    private(set) var rows: Int32 = 0
    private var bytes = 100
    private var closed = false

    init(basePath: String, family: ShapeFamily, hooks: inout SAHooks) throws {
        self.basePath = basePath
        self.family = family.rawValue
        guard let shp = SHPCreateLL(basePath, family.rawValue, &hooks) else {
            throw ShapefileWriteError.shapelib(path: basePath + ".shp", operation: "create the .shp/.shx")
        }
        self.shp = shp
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        SHPClose(shp)
    }

    /// Writes one record (a null shape for nil), polygons' rings oriented by `SHPRewindObject`.
    func write(_ geometry: Geometry?) throws {
        let obj = try ShapefileWriter.makeObject(geometry, family: family, path: basePath)
        defer { SHPDestroyObject(obj) }
        if geometry != nil, family == SHPT_POLYGON { SHPRewindObject(shp, obj) }
        // The 2 GiB limit: checked as records are added (the .dbf grows linearly and is checked with it).
        bytes += 8 + 44 + 4 * Int(obj.pointee.nParts) + 16 * Int(obj.pointee.nVertices)
        if bytes > Int(Int32.max) { throw ShapefileWriteError.tooLarge(path: basePath + ".shp", bytes: bytes) }
        guard SHPWriteObject(shp, -1, obj) >= 0 else { throw ShapefileWriteError.shapelib(path: basePath + ".shp", operation: "write record \(rows)") }
        rows += 1
    }
}
