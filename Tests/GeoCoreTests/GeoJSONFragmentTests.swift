import Foundation
import GeoCore
import Testing
import TestSupport

/// A collection written in parts — the first part by the writer, the later ones encoded apart and appended — must be
/// the bytes of the same features written one after the other.
@Suite("GeoJSON fragments appended to a writer")
struct GeoJSONFragmentTests {
    static func features(_ n: Int) -> [Feature] {
        let names = ["Cité Soleil", "Mibalè", "Grand'Anse \"quoted\""]
        return (0..<n).map { (i: Int) -> Feature in
            let id: FeatureID = i % 3 == 0 ? .string("HTI\(i)") : .int(i)
            let lon: Double = -74.4 + Double(i % 97) * 0.031
            let lat: Double = 18.0 + Double(i % 89) * 0.023
            let geometry: Geometry? = i % 11 == 5 ? nil : .point(Point(longitude: lon, latitude: lat))
            return Feature(id: id, geometry: geometry, properties: [Property("name", .string(names[i % 3])), Property("n", .int(i))])
        }
    }

    /// `features` written with the writer taking `cuts[0]` of them and fragments the rest, cut at `cuts`.
    static func inParts(_ features: [Feature], cuts: [Int], options: GeoJSONWriter.Options, dir: URL) throws -> [UInt8] {
        let w = GeoJSONWriter(options: options)
        let bounds = [0] + cuts + [features.count]
        var fragments: [GeoJSONFragment] = []
        for k in 0..<(bounds.count - 1) {
            let slice = features[bounds[k]..<bounds[k + 1]]
            if k == 0 { try w.write(contentsOf: slice); continue }
            let f = try GeoJSONFragment(path: dir.appendingPathComponent("part\(k)").path, options: options)
            for x in slice { try f.write(x) }
            fragments.append(f)
        }
        for f in fragments { try w.append(f); f.remove() }
        #expect(w.featureCount == features.count)
        try w.finish()
        return w.bytes
    }

    @Test("any cuts, empty parts included, collection or text sequence: the same bytes, bbox and all")
    func sameBytes() throws {
        let dir = try SharedData.temporaryDirectory("geojson-fragment")
        defer { try? FileManager.default.removeItem(at: dir) }
        let features = Self.features(20_000)  // several blocks of the fragment's file
        for options in [GeoJSONWriter.Options(), GeoJSONWriter.Options(precision: 5, textSequence: true)] {
            let whole = GeoJSONWriter(options: options)
            try whole.write(contentsOf: features)
            try whole.finish()
            for cuts in [[0], [20_000], [7_777], [0, 10_000], [3, 3, 19_999], [5_000, 10_000, 15_000]] {
                let parts = try Self.inParts(features, cuts: cuts, options: options, dir: dir)
                #expect(parts == whole.bytes, "cuts \(cuts), text sequence \(options.textSequence)")
            }
        }
        // The bbox follows the features of the fragments too.
        let far = [Feature(id: .int(1), geometry: .point(Point(longitude: 1, latitude: 2)), properties: [])]
        let mixed = try Self.inParts(Self.features(10) + far, cuts: [10], options: .init(), dir: dir)
        #expect(String(decoding: mixed, as: UTF8.self).contains(#""bbox":[-74.4,2,1,18.207]"#))
    }
}
