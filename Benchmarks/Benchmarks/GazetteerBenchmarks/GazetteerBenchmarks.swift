import Benchmark
import Foundation
import GeoCore
import Gazetteer

/// The IncidentMap checkout (this file is Benchmarks/Benchmarks/GazetteerBenchmarks/…).
private let repo: URL = {
    var dir = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { dir.deleteLastPathComponent() }
    return dir
}()

/// The embedded Haiti gazetteer plus the 720 COD-AB zone names.
private let gazetteer: Gazetteer = {
    let codAB = ProcessInfo.processInfo.environment["INCIDENTMAP_CODAB"]
        ?? repo.deletingLastPathComponent().appendingPathComponent("shared/data/haiti/cod-ab").path
    return try! GazetteerBuilder.build(.init(boundaries: [codAB], geoFolder: repo.appendingPathComponent("Geo").path))
}()

/// Every known name as written (exact lookups) and a misspelt copy of each
/// (fuzzy lookups: one letter dropped, or two swapped), deterministic.
private let exactNames: [String] = Array(Set(gazetteer.places.flatMap(\.allNames).filter { NameNormalizer.key($0).count >= 5 })).sorted()
/// The same names restricted to Latin script (what reports about Haiti use).
private let latinNames: [String] = exactNames.filter { $0.unicodeScalars.allSatisfy { $0.value < 0x250 || $0.value == 0x2019 } }
private let fuzzyNames: [String] = {
    var rng = SeededGenerator(seed: 7)
    return exactNames.map { n in
        var c = Array(n)
        let i = Int.random(in: 1..<(c.count - 1), using: &rng)
        if Bool.random(using: &rng) { c.remove(at: i) } else { c.swapAt(i, i - 1) }
        return String(c)
    }
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(10), maxIterations: 20)

    Benchmark("geocode exact (names as written)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let names = exactNames
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations { blackHole(gazetteer.lookup(names[i % names.count]).score) }
    }

    Benchmark("geocode exact (Latin-script names)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let names = latinNames
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations { blackHole(gazetteer.lookup(names[i % names.count]).score) }
    }

    Benchmark("geocode fuzzy (one edit away)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let names = fuzzyNames
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations { blackHole(gazetteer.lookup(names[i % names.count]).score) }
    }
}
