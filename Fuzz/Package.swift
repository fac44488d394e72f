// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for every reader of IncidentMap (issue 11), in a package of
// their own so that the fuzzing build (-sanitize=fuzzer,address) never touches
// the product. Build and run with `make fuzz` (scripts/fuzz) from the repository.
//
// One executable holds every target; the FUZZ_TARGET environment variable picks
// which one libFuzzer drives (see Sources/IncidentMapFuzz/FuzzTarget.swift).
let package = Package(
    name: "IncidentMapFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "IncidentMap", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "IncidentMapFuzz",
            dependencies: [
                "CFuzzerDriver",
                .product(name: "GeoCore", package: "IncidentMap"),
                .product(name: "LayerIO", package: "IncidentMap"),
                .product(name: "Zones", package: "IncidentMap"),
                .product(name: "Gazetteer", package: "IncidentMap"),
                .product(name: "Incidents", package: "IncidentMap"),
                .product(name: "ControlShare", package: "IncidentMap"),
                .product(name: "FeatureServer", package: "IncidentMap"),
            ]
        ),
    ]
)
