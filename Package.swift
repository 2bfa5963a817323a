// swift-tools-version: 6.0
// modescope — an interactive shell for diagnosing mode collapse in generative models.
// The module graph (arrows point down only) is drawn in docs/architecture.md.
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "modescope",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "modescope", targets: ["modescope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // Layer 0: system libraries.
        .systemLibrary(
            name: "COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(
            name: "CEditLine", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "SystemZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Layer 1: foundations.
        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS"], swiftSettings: strictSettings),
        .target(name: "LineEditing", dependencies: ["CEditLine"], swiftSettings: strictSettings),
        // AVX-512/AVX2 distance kernel picked at run time (target_clones), for HNSW's graph search.
        .target(name: "CDistanceKernels"),

        // Layer 2: building blocks.
        .target(
            name: "DataFiles",
            dependencies: ["LinearAlgebra", "SystemZlib", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strictSettings),
        .target(name: "SVGPlot", swiftSettings: strictSettings),
        .target(
            name: "Neighbors", dependencies: ["LinearAlgebra", "COpenBLAS", "CDistanceKernels"], swiftSettings: strictSettings),

        // Layer 3: domain.
        .target(name: "Metrics", dependencies: ["LinearAlgebra", "Neighbors"], swiftSettings: strictSettings),

        // Layer 5: the application.
        .target(
            name: "Shell", dependencies: ["LinearAlgebra", "DataFiles", "SVGPlot", "Neighbors", "Metrics"],
            swiftSettings: strictSettings),

        // Layer 6: the executable.
        .executableTarget(
            name: "modescope",
            dependencies: [
                "Shell", "LineEditing", "LinearAlgebra",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings),

        // Side: benchmarks against the peers (never imported; run by scripts/bench*).
        .executableTarget(
            name: "Benchmarks", dependencies: ["LinearAlgebra", "DataFiles", "SVGPlot", "Neighbors", "Metrics"],
            swiftSettings: strictSettings),

        // Side: libFuzzer harnesses for the DataFiles parsers (run by scripts/fuzz.sh; docs/fuzzing.md).
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "DataFilesFuzzer", dependencies: ["DataFiles", "CFuzzerDriver"], swiftSettings: strictSettings),

        // Side: test helpers.
        .target(name: "TestSupport", dependencies: ["LinearAlgebra"], path: "Tests/TestSupport",
                swiftSettings: strictSettings),

        .testTarget(
            name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"],
            resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "LineEditingTests", dependencies: ["LineEditing"], swiftSettings: strictSettings),
        .testTarget(
            name: "DataFilesTests", dependencies: ["DataFiles", "LinearAlgebra", "TestSupport"],
            resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "SVGPlotTests", dependencies: ["SVGPlot"], swiftSettings: strictSettings),
        .testTarget(
            name: "NeighborsTests", dependencies: ["Neighbors", "LinearAlgebra", "TestSupport"],
            resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(
            name: "MetricsTests", dependencies: ["Metrics", "Neighbors", "LinearAlgebra", "TestSupport"],
            resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(
            name: "ShellTests", dependencies: ["Shell", "LinearAlgebra", "DataFiles", "TestSupport"],
            swiftSettings: strictSettings),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"], swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
