import CShapelib
import GeoCore

/// The `.dbf` half of a shapefile being written (``ShapefileStreamWriter``): its handle and fields, the record being
/// built, the records written and the text values cut to fit. One thread owns it; the `.shp` half
/// (``ShapefileShapeWriter``) may be written by another at the same time, since the two share nothing.
final class ShapefileAttributeWriter {
    let basePath: String
    let schema: LayerSchema
    private let dbf: DBFHandle
    /// No field in the schema: each record gets an `id` so that every reader opens the table.
    private let placeholder: Bool
    /// Records written.
    private(set) var rows: Int32 = 0
    /// Text values cut to fit 254 bytes (at a character boundary).
    private(set) var truncatedValues = 0
    /// The DBF record being built.
    private var record: DBFRecordFormat
    private var closed = false

    /// Creates the `.dbf` (UTF-8, `.cpg`) with a field per schema field under its short name.
    init(basePath: String, schema: LayerSchema, shortNames: [String], hooks: inout SAHooks) throws {
        self.basePath = basePath
        self.schema = schema
        guard let dbf = DBFCreateLL(basePath, "UTF-8", &hooks) else {
            throw ShapefileWriteError.shapelib(path: basePath + ".dbf", operation: "create the .dbf")
        }
        for (f, short) in zip(schema.fields, shortNames) {
            let rc: Int32
            switch f.kind {
            case .string: rc = DBFAddField(dbf, short, FTString, Int32(min(254, max(1, f.width))), 0)
            case .integer: rc = DBFAddNativeFieldType(dbf, short, CChar(UInt8(ascii: "N")), Int32(min(18, max(1, f.width))), 0)
            case .double:
                let decimals = min(15, f.decimals)
                rc = DBFAddNativeFieldType(dbf, short, CChar(UInt8(ascii: "N")), Int32(min(24, max(3, f.width + decimals + 1))), Int32(decimals))
            case .boolean: rc = DBFAddNativeFieldType(dbf, short, CChar(UInt8(ascii: "L")), 1, 0)
            case .date: rc = DBFAddNativeFieldType(dbf, short, CChar(UInt8(ascii: "D")), 8, 0)
            }
            guard rc >= 0 else {
                DBFClose(dbf)
                throw ShapefileWriteError.shapelib(path: basePath + ".dbf", operation: "add field \(short)")
            }
        }
        // Some consumers refuse a DBF without fields: give empty schemas one id column.
        placeholder = schema.fields.isEmpty
        if placeholder { _ = DBFAddNativeFieldType(dbf, "id", CChar(UInt8(ascii: "N")), 10, 0) }
        self.dbf = dbf
        record = DBFRecordFormat(dbf: dbf)
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        DBFClose(dbf)
    }

    /// Writes one feature's attributes, by the schema's field names.
    func write(_ feature: Feature) throws {
        let r = rows
        rows += 1
        if placeholder { try writeRecord { try $0.setInteger(0, Int(r)) }; return }
        let props = feature.properties
        try writeRecord { record in
            for (k, field) in schema.fields.enumerated() {
                // Features usually carry their properties in schema order: look there first.
                let value = (k < props.count && props[k].name == field.name ? props[k].value : nil)
                    ?? props.first { $0.name == field.name }?.value ?? .null
                try set(value, field: k, kind: field.kind, in: &record)
            }
        }
    }

    /// Writes the attributes of every feature of `spools`, in order, formatted from the spools' bytes. Returns how
    /// many were written.
    func write(spools: [FeatureSpoolReader]) throws -> Int {
        var n = 0
        let kinds = schema.fields.map(\.kind)
        let placeholder = self.placeholder
        for spool in spools {
            // Spool name index → field (-1: a property the schema does not hold).
            let fieldOf = spool.propertyNames.map { name in schema.fields.firstIndex { $0.name == name } ?? -1 }
            try spool.forEachProperties { props in
                rows += 1
                n += 1
                if placeholder { try writeRecord { try $0.setInteger(0, Int(rows - 1)) }; return }
                try writeRecord { record in
                    try props.forEach { name, value in
                        let k = fieldOf[name]
                        if k >= 0 { try set(value, field: k, kind: kinds[k], in: &record) }
                    }
                }
            }
        }
        return n
    }

    /// Writes the DBF record `rows - 1` as `fill` builds it (from a record whose every field is null).
    private func writeRecord(_ fill: (inout DBFRecordFormat) throws -> Void) throws {
        let r = rows - 1
        record.clear()
        do { try fill(&record) } catch let e as DBFRecordFormat.Overflow {
            throw ShapefileWriteError.shapelib(path: basePath + ".dbf", operation: "write field \(schema.fields[e.field].name) of record \(r) (the value does not fit the field)")
        }
        guard record.write(to: dbf, row: r) else { throw ShapefileWriteError.shapelib(path: basePath + ".dbf", operation: "write record \(r)") }
    }

    /// Sets one field as shapelib's functions for the value's type would (see ``DBFRecordFormat``).
    private func set(_ value: PropertyValue, field k: Int, kind: LayerSchema.Kind, in record: inout DBFRecordFormat) throws {
        switch (value, kind) {
        case (.null, _): record.setNull(k)
        case (.string(let s), _): setText(s, field: k, in: &record)
        case (.int(let v), .integer), (.int(let v), .double): try record.setInteger(k, v)
        case (.double(let v), .integer), (.double(let v), .double):
            if v.isFinite { try record.setDouble(k, v) } else { record.setNull(k) }
        case (.bool(let b), .boolean): record.setBool(k, b)
        case (.date(let d), .date): record.setDate(k, d)
        default: setText(value.description, field: k, in: &record)
        }
    }

    /// Text cut at a character boundary to fit its field (counted), as written by `DBFWriteStringAttribute`.
    private func setText(_ s: String, field k: Int, in record: inout DBFRecordFormat) {
        let (text, cut) = UTF8Truncation.truncate(s, maxBytes: min(254, max(1, schema.fields[k].width)))
        if cut { truncatedValues += 1 }
        record.setText(k, text)
    }

    /// Sets one field from a spooled value, read in place: the same bytes as ``set(_:field:kind:in:)`` for the
    /// value the spool decodes to.
    private func set(_ value: FeatureSpoolReader.RawValue, field k: Int, kind: LayerSchema.Kind, in record: inout DBFRecordFormat) throws {
        switch (value, kind) {
        case (.null, _): record.setNull(k)
        case (.text(let bytes), _):
            let limit = min(254, max(1, schema.fields[k].width))
            // Text that fits is copied as it is; longer text is cut at a character boundary as a String.
            if bytes.count <= limit { record.setText(k, bytes) } else { setText(String(decoding: bytes, as: UTF8.self), field: k, in: &record) }
        case (.int(let v), .integer), (.int(let v), .double): try record.setInteger(k, v)
        case (.double(let v), .integer), (.double(let v), .double):
            if v.isFinite { try record.setDouble(k, v) } else { record.setNull(k) }
        case (.bool(let b), .boolean): record.setBool(k, b)
        case (.date(let d), .date): record.setDate(k, CalendarDate(daysSinceEpoch: d))
        case (.int(let v), _): try set(PropertyValue.int(v), field: k, kind: kind, in: &record)
        case (.double(let v), _): try set(PropertyValue.double(v), field: k, kind: kind, in: &record)
        case (.bool(let b), _): try set(PropertyValue.bool(b), field: k, kind: kind, in: &record)
        case (.date(let d), _): try set(PropertyValue.date(CalendarDate(daysSinceEpoch: d)), field: k, kind: kind, in: &record)
        }
    }
}
