// swift-tools-version:6.1
import PackageDescription

// A separate package so that benchmark-only dependencies stay out of
// IncidentMap's library graph. Run: `swift package benchmark` here, or
// `Benchmarks/run` for the side-by-side comparisons with GeoPandas/GDAL.
let package = Package(
    name: "IncidentMapBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "IncidentMap", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ZoneBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "GeoCore", package: "IncidentMap"),
                .product(name: "Zones", package: "IncidentMap"),
            ],
            path: "Benchmarks/ZoneBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "GazetteerBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "GeoCore", package: "IncidentMap"),
                .product(name: "Gazetteer", package: "IncidentMap"),
            ],
            path: "Benchmarks/GazetteerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
