import GeoCore
import LayerIO

/// The columns `locate` appends to each row, precomputed per zone so the
/// per-row cost is one copy.
///
/// For a zone of level L with ancestors A1…An: `A1_pcode, A1_name, …,
/// L_pcode, L_name, snapped, snap_km, outside, locate_status`. Level names are
/// made column-safe (`grid:5km` → `grid_5km`).
struct ZoneColumns {
    let header: [String]
    /// Per zone: the chain columns, already CSV-encoded, with a leading delimiter.
    let encoded: [[UInt8]]
    let emptyChain: [UInt8]
    let levelCount: Int

    init(set: ZoneSet, layer: ZoneLayer, delimiter: UInt8) {
        let levels: [ZoneLevel] = layer.zones.first.map { set.chain(of: $0).map(\.level) } ?? [layer.level]
        levelCount = levels.count
        header = levels.flatMap { l -> [String] in
            let safe = String(l.rawValue.map { $0.isLetter || $0.isNumber ? $0 : "_" })
            return ["\(safe)_pcode", "\(safe)_name"]
        } + ["snapped", "snap_km", "outside", "locate_status"]
        func encode(_ fields: [String]) -> [UInt8] {
            let sink = MemorySink()
            let w = CSVWriter(sink: sink, delimiter: Character(Unicode.Scalar(delimiter)))
            for f in fields { w.appendSeparator(); w.appendField(f) }
            try? w.finish()
            return sink.bytes
        }
        encoded = layer.zones.map { z in
            let chain = set.chain(of: z)
            var fields: [String] = []
            for l in levels {
                if let a = chain.first(where: { $0.level == l }) { fields += [a.id, a.name] } else { fields += ["", ""] }
            }
            return encode(fields)
        }
        emptyChain = encode(Array(repeating: "", count: levels.count * 2))
    }
}

/// Collects bytes in memory.
final class MemorySink: ByteSink {
    var bytes: [UInt8] = []
    func write(_ b: [UInt8]) throws { bytes.append(contentsOf: b) }
    func finish() throws {}
}
