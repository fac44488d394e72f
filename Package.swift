// swift-tools-version:6.0
import PackageDescription

// Module graph: each module imports only modules listed below it (then, after ";", C libraries and packages).
//
//   incidentmap (CLI)  → MapJob, FeatureServer, ACLEDPull, PostGISStore, ControlShare, Incidents, Gazetteer, Zones, LayerIO, GeoCore; ArgumentParser
//   FeatureServer      → WebMap, PostGISStore, LayerIO, GeoCore; Hummingbird, HTTPTypes, NIOCore, Logging, CZlib
//   ACLEDPull          → LayerIO, GeoCore; CCurl
//   MapJob             → ControlShare, WebMap, PostGISStore, Incidents, Gazetteer, Zones, LayerIO, GeoCore
//   PostGISStore       → LayerIO, GeoCore; CLibpq
//   WebMap             → LayerIO
//   ControlShare       → Incidents, Gazetteer, Zones, LayerIO, GeoCore
//   Incidents          → Gazetteer, Zones, LayerIO, GeoCore
//   Gazetteer          → Zones, LayerIO, GeoCore
//   Zones              → LayerIO, GeoCore
//   LayerIO            → GeoCore; CShapelib, CSQLite
//   GeoCore            → CProj, CGEOS
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
        .library(name: "FeatureServer", targets: ["FeatureServer"]),
        // The application layer: MapRequest → MapRun (what the command line, the server and the tests call).
        .library(name: "MapJob", targets: ["MapJob"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Imported directly by FeatureServer (they come with Hummingbird anyway).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CShapelib", pkgConfig: "shapelib", providers: [.apt(["libshp-dev"])]),
        .systemLibrary(name: "CProj", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // PostgreSQL's own client (TLS, SCRAM, .pgpass, services come with it).
        .systemLibrary(name: "CLibpq", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // HTTPS for `acled pull` (TLS, proxies and certificates as the system's curl has them).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        .target(name: "GeoCore", dependencies: ["CProj", "CGEOS"]),
        .target(name: "LayerIO", dependencies: ["GeoCore", "CShapelib", "CSQLite"]),
        .target(name: "Zones", dependencies: ["GeoCore", "LayerIO"]),
        // No unsafe flags anywhere: a package that has them cannot be used as a dependency.
        .target(name: "Gazetteer", dependencies: ["GeoCore", "LayerIO", "Zones"]),
        .target(name: "Incidents", dependencies: ["GeoCore", "LayerIO", "Zones", "Gazetteer", "CZlib"]),
        .target(name: "ControlShare", dependencies: ["GeoCore", "LayerIO", "Zones", "Gazetteer", "Incidents"]),
        .target(name: "WebMap", dependencies: ["LayerIO"]),
        .target(name: "MapJob", dependencies: ["GeoCore", "LayerIO", "Zones", "Gazetteer", "Incidents", "ControlShare", "WebMap", "PostGISStore"]),
        .target(name: "FeatureServer", dependencies: [
            "GeoCore", "LayerIO", "WebMap", "CZlib", "PostGISStore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "PostGISStore", dependencies: ["GeoCore", "LayerIO", "CLibpq"]),
        .target(name: "ACLEDPull", dependencies: ["GeoCore", "LayerIO", "CCurl"]),
        .executableTarget(
            name: "incidentmap",
            dependencies: [
                "GeoCore", "LayerIO", "Zones", "Gazetteer", "Incidents", "ControlShare", "MapJob", "FeatureServer", "PostGISStore",
                "ACLEDPull",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The shared fixture (HaitiFixture: COD-AB and the gazetteers, loaded once per test process) and paths to ../shared.
        .target(name: "TestSupport", dependencies: ["Zones", "Gazetteer"], path: "Tests/TestSupport"),
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore", "LayerIO", "TestSupport"]),
        .testTarget(name: "LayerIOTests", dependencies: ["LayerIO", "GeoCore", "TestSupport"]),
        .testTarget(name: "ZonesTests", dependencies: ["Zones", "LayerIO", "GeoCore", "TestSupport"]),
        .testTarget(name: "IncidentsTests", dependencies: ["Incidents", "Gazetteer", "Zones", "GeoCore", "LayerIO", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ControlShareTests", dependencies: ["ControlShare", "Incidents", "Zones", "GeoCore", "TestSupport"]),
        .testTarget(name: "GazetteerTests", dependencies: ["Gazetteer", "Zones", "GeoCore", "LayerIO", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "PostGISStoreTests", dependencies: ["PostGISStore", "TestSupport"]),
        .testTarget(name: "MapJobTests", dependencies: ["MapJob", "ControlShare", "Incidents", "Zones", "GeoCore", "TestSupport"]),
        .testTarget(name: "ACLEDPullTests", dependencies: ["ACLEDPull", "GeoCore", "LayerIO", "TestSupport"]),
        .testTarget(name: "FeatureServerTests", dependencies: ["FeatureServer", "GeoCore", "LayerIO", "TestSupport"]),
        .testTarget(
            name: "IncidentMapCLITests",
            dependencies: ["incidentmap", "GeoCore", "LayerIO", "TestSupport"],
            exclude: ["Fixtures"]
        ),
    ]
)
