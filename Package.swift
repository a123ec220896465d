// swift-tools-version:6.0
import PackageDescription

// Hot loops (depthwise convolution, distances) need real FMA/AVX2 instead of
// the software fallbacks of the baseline x86-64 target.
let fastMath: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-target-cpu", "haswell"], .when(configuration: .release)),
    .unsafeFlags(["-target-cpu", "haswell"], .when(configuration: .debug)),
]

let package = Package(
    name: "Speck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "speck", targets: ["speck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // The team store (issue 16): a workspace in PostgreSQL.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        // C bridges: nothing above their Swift wrappers sees these types.
        .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW"),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas"),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG"),
        .target(name: "CSpeckJPEG", path: "Sources/CSpeckJPEG",
                cSettings: [.unsafeFlags(["-O2"])],
                linkerSettings: [.linkedLibrary("jpeg")]),
        .target(name: "CSpeckJPEGEncoder", path: "Sources/CSpeckJPEGEncoder",
                cSettings: [.unsafeFlags(["-O2"])],
                linkerSettings: [.linkedLibrary("jpeg")]),

        .target(name: "SpeckImaging", dependencies: ["CPNG", "CSpeckJPEG", "CSpeckJPEGEncoder"], swiftSettings: fastMath),
        .target(name: "SpeckTensor", dependencies: ["SpeckImaging", "COpenBLAS"], swiftSettings: fastMath),
        // The training engine: autodiff, layers, optimisers (see SpeckLearning.swift).
        .target(name: "SpeckLearning", dependencies: ["SpeckTensor", "COpenBLAS"], swiftSettings: fastMath),
        .target(name: "SpeckBackbones", dependencies: ["SpeckTensor", "SpeckImaging"], swiftSettings: fastMath),
        .target(name: "SpeckDetectors", dependencies: ["SpeckBackbones", "SpeckLearning", "SpeckTensor", "SpeckImaging", "COpenBLAS"], swiftSettings: fastMath),
        .target(name: "SpeckEvaluation", dependencies: ["SpeckDetectors", "SpeckImaging", "SpeckTensor"], swiftSettings: fastMath),
        .target(name: "SpeckWorkspace", dependencies: ["SpeckEvaluation", "SpeckDetectors", "SpeckImaging",
                                                       .product(name: "GRDB", package: "GRDB.swift"),
                                                       .product(name: "GRDBSQLite", package: "GRDB.swift"),
                                                       .product(name: "PostgresNIO", package: "postgres-nio"),
                                                       .product(name: "NIOPosix", package: "swift-nio"),
                                                       .product(name: "NIOSSL", package: "swift-nio-ssl"),
                                                       .product(name: "Logging", package: "swift-log")], swiftSettings: fastMath),
        .target(name: "SpeckTUI", dependencies: ["SpeckWorkspace", "SpeckEvaluation", "SpeckDetectors", "SpeckImaging", "CNCursesW",
                                                 .product(name: "TOMLKit", package: "TOMLKit")], swiftSettings: fastMath),
        .executableTarget(name: "speck", dependencies: [
            "SpeckTUI", "SpeckWorkspace", "SpeckEvaluation", "SpeckDetectors", "SpeckLearning", "SpeckBackbones", "SpeckImaging", "COpenBLAS",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: fastMath),

        // Where tests find their data: Tests/Fixtures, and ../shared for what the repository cannot hold.
        .target(name: "SpeckTestSupport", path: "Tests/SpeckTestSupport"),
        .testTarget(name: "SpeckImagingTests", dependencies: ["SpeckImaging", "SpeckTestSupport"]),
        .testTarget(name: "SpeckTensorTests", dependencies: ["SpeckTensor"]),
        .testTarget(name: "SpeckLearningTests", dependencies: ["SpeckLearning", "SpeckTensor"]),
        .testTarget(name: "SpeckBackbonesTests", dependencies: ["SpeckBackbones", "SpeckTestSupport"]),
        .testTarget(name: "SpeckDetectorsTests", dependencies: ["SpeckDetectors", "SpeckTensor", "SpeckTestSupport"]),
        .testTarget(name: "SpeckEvaluationTests", dependencies: ["SpeckEvaluation", "SpeckTensor", "SpeckTestSupport"]),
        .testTarget(name: "SpeckWorkspaceTests", dependencies: ["SpeckWorkspace", "SpeckTestSupport"]),
        .testTarget(name: "SpeckTUITests", dependencies: ["SpeckTUI", "SpeckDetectors", "SpeckTestSupport"]),
    ]
)
