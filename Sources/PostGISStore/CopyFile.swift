import Foundation
import GeoCore

/// One layer's `COPY` text rows in a temporary file: written in one pass
/// over the layer's source, then streamed to the server in 1 MiB chunks, so
/// that memory does not grow with the layer.
final class CopyFile {
    let path: String
    private(set) var count = 0

    init(plan: LayerTable, source: PostGISLayerWriter.LayerSource) throws {
        path = NSTemporaryDirectory() + "/incidentmap-copy-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tsv"
        let sink = try AtomicFile(destination: path)
        var ids = LayerTable.IDs()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var n = 0
        try source.forEach { f in
            plan.appendRow(f, position: n, ids: &ids, to: &buffer)
            n += 1
            if buffer.count >= 1 << 20 { try sink.write(buffer); buffer.removeAll(keepingCapacity: true) }
        }
        if !buffer.isEmpty { try sink.write(buffer) }
        try sink.commit()
        count = n
    }

    func stream(_ body: (Data) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PostGISError.server(target: "", during: "reading \(path)", message: "cannot open the load file")
        }
        defer { try? handle.close() }
        while true {
            let data = handle.readData(ofLength: 1 << 20)
            if data.isEmpty { break }
            try body(data)
        }
    }

    func remove() { unlink(path) }
}
