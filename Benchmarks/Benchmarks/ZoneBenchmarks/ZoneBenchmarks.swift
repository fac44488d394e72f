import Benchmark
import Foundation
import GeoCore
import Zones

/// `../shared/data/haiti/cod-ab` relative to the IncidentMap checkout.
private let codAB: String = {
    if let env = ProcessInfo.processInfo.environment["INCIDENTMAP_CODAB"] { return env }
    var dir = URL(fileURLWithPath: #filePath)
    for _ in 0..<5 { dir.deleteLastPathComponent() }
    return dir.appendingPathComponent("shared/data/haiti/cod-ab").path
}()

/// 1,000,000 seeded points over Haiti's bounding box (lon/lat).
private let points: [Coordinate] = {
    var rng = SeededGenerator(seed: 2025)
    return (0..<1_000_000).map { _ in
        Coordinate(longitude: Double.random(in: -74.48 ... -71.62, using: &rng), latitude: Double.random(in: 18.02 ... 20.09, using: &rng))
    }
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 10)

    // Assignment alone, after load: 1M points -> 570 COD-AB sections on one core.
    Benchmark("point-in-zone 1M points -> 570 sections", configuration: .init(scalingFactor: .mega)) { benchmark in
        let set = try ZoneSet(path: codAB)
        let locator = PointLocator(layer: set.layers[2])
        benchmark.startMeasurement()
        var assigned = 0
        // One point per scaled iteration: throughput reads as points per second.
        for i in benchmark.scaledIterations where locator.zoneIndex(containing: points[i % points.count]) != nil { assigned += 1 }
        blackHole(assigned)
    }

    Benchmark("load COD-AB (3 levels) + build locator") { benchmark in
        for _ in benchmark.scaledIterations {
            let set = try ZoneSet(path: codAB)
            blackHole(PointLocator(layer: set.layers[2]))
        }
    }
}
