// swift-tools-version:6.0
import PackageDescription

// Module graph (arrows point down only):
//
//   incidentmap (CLI)
//        │
//   MapJob
//        │
//   ControlShare
//        │
//   Incidents
//        │
//   Gazetteer
//        │
//   Zones
//        │
//   LayerIO ──► CShapelib, CSQLite
//        │
//   GeoCore ──► CProj, CGEOS
let package = Package(
    name: "IncidentMap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "incidentmap", targets: ["incidentmap"]),
        .library(name: "GeoCore", targets: ["GeoCore"]),
        .library(name: "LayerIO", targets: ["LayerIO"]),
        .library(name: "Zones", targets: ["Zones"]),
        .library(name: "Gazetteer", targets: ["Gazetteer"]),
        .library(name: "Incidents", targets: ["Incidents"]),
        .library(name: "ControlShare", targets: ["ControlShare"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CShapelib", pkgConfig: "shapelib", providers: [.apt(["libshp-dev"])]),
        .systemLibrary(name: "CProj", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        .target(name: "GeoCore", dependencies: ["CProj", "CGEOS"]),
        .target(name: "LayerIO", dependencies: ["GeoCore", "CShapelib", "CSQLite"]),
        .target(name: "Zones", dependencies: ["GeoCore", "LayerIO"]),
        .target(name: "Gazetteer", dependencies: ["GeoCore", "LayerIO", "Zones"]),
        .target(name: "Incidents", dependencies: ["GeoCore", "LayerIO", "Zones", "Gazetteer"]),
        .target(name: "ControlShare", dependencies: ["GeoCore", "LayerIO", "Zones", "Gazetteer", "Incidents"]),
        .target(name: "MapJob", dependencies: ["GeoCore", "LayerIO", "Zones", "Gazetteer", "Incidents", "ControlShare"]),
        .executableTarget(
            name: "incidentmap",
            dependencies: [
                "GeoCore", "LayerIO", "Zones", "Gazetteer", "Incidents", "ControlShare", "MapJob",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore", "LayerIO", "TestSupport"]),
        .testTarget(name: "LayerIOTests", dependencies: ["LayerIO", "GeoCore", "TestSupport"]),
        .testTarget(name: "ZonesTests", dependencies: ["Zones", "LayerIO", "GeoCore", "TestSupport"]),
        .testTarget(name: "IncidentsTests", dependencies: ["Incidents", "Gazetteer", "Zones", "GeoCore", "LayerIO", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ControlShareTests", dependencies: ["ControlShare", "Incidents", "Zones", "GeoCore", "TestSupport"]),
        .testTarget(name: "GazetteerTests", dependencies: ["Gazetteer", "Zones", "GeoCore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "IncidentMapCLITests",
            dependencies: ["incidentmap", "GeoCore", "LayerIO", "TestSupport"],
            exclude: ["Fixtures"]
        ),
    ]
)
