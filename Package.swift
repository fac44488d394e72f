// swift-tools-version:6.0
import PackageDescription

// Module graph (arrows point down only):
//
//   incidentmap (CLI)
//        │
//   LayerIO ──► CShapelib
//        │
//   GeoCore ──► CProj, CGEOS
let package = Package(
    name: "IncidentMap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "incidentmap", targets: ["incidentmap"]),
        .library(name: "GeoCore", targets: ["GeoCore"]),
        .library(name: "LayerIO", targets: ["LayerIO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CShapelib", pkgConfig: "shapelib", providers: [.apt(["libshp-dev"])]),
        .systemLibrary(name: "CProj", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),

        .target(name: "GeoCore", dependencies: ["CProj", "CGEOS"]),
        .target(name: "LayerIO", dependencies: ["GeoCore", "CShapelib"]),
        .executableTarget(
            name: "incidentmap",
            dependencies: [
                "GeoCore", "LayerIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore", "LayerIO", "TestSupport"]),
        .testTarget(name: "LayerIOTests", dependencies: ["LayerIO", "GeoCore", "TestSupport"]),
    ]
)
