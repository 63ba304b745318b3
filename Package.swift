// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "QuantLabShell",
    // Mutex and Atomic (Synchronization) need macOS 15.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "qsh", targets: ["qsh"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Child processes of `tune run --isolate` (argument arrays, no shell).
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        // FilePath for Subprocess's paths (Apple platforms have it in the SDK's System).
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
        // Step-latency percentiles of the soak monitor (HdrHistogram: bounded memory, exact to 0.1%).
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // Layers, bottom to top: Core <- Data <- Artifacts <- Services <- Protocol <- Shell <- qsh.
        .target(name: "QSHCore", swiftSettings: strict),
        .target(name: "QSHData", dependencies: ["QSHCore"], swiftSettings: strict),
        // sync_file_range for the large tables' early writeback (Glibc does not expose it).
        .target(name: "CFileSupport"),
        .target(
            name: "QSHArtifacts",
            dependencies: ["QSHCore", "CFileSupport", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        .target(
            name: "QSHServices",
            dependencies: [
                "QSHCore", "QSHData", "QSHArtifacts", .product(name: "Yams", package: "Yams"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "SystemPackage", package: "swift-system", condition: .when(platforms: [.linux])),
            ],
            swiftSettings: strict),
        // Signal handlers and terminal size: a few lines of C that Swift cannot write safely.
        .target(name: "CProcessSupport"),
        .target(
            name: "QSHProtocol", dependencies: ["QSHCore", "QSHArtifacts", "QSHServices", "CProcessSupport"],
            swiftSettings: strict),
        // libedit from Debian (libedit-dev) for the interactive prompt; scripts/ensure-system-deps installs it.
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"]), .brew(["libedit"])]),
        .target(
            name: "QSHShell",
            dependencies: [
                "QSHCore", "QSHData", "QSHArtifacts", "QSHServices", "QSHProtocol", "CLibEdit", "CProcessSupport",
            ],
            swiftSettings: strict),
        .executableTarget(name: "qsh", dependencies: ["QSHShell"], swiftSettings: strict),
        // Counts malloc calls in qsh-bench (allocations per simulator step); bench only.
        .target(name: "CMallocCounter"),
        .executableTarget(
            name: "qsh-bench", dependencies: ["QSHCore", "QSHData", "QSHArtifacts", "CMallocCounter"], swiftSettings: strict),
        .testTarget(name: "QSHCoreTests", dependencies: ["QSHCore"], swiftSettings: strict),
        .testTarget(name: "QSHDataTests", dependencies: ["QSHData"], swiftSettings: strict),
        .testTarget(name: "QSHArtifactsTests", dependencies: ["QSHArtifacts"], swiftSettings: strict),
        .testTarget(
            name: "QSHProtocolTests", dependencies: ["QSHProtocol", "QSHServices", "QSHArtifacts", "QSHCore", "QSHTestSupport"],
            swiftSettings: strict),
        .testTarget(name: "QSHShellTests", dependencies: ["QSHShell", "QSHArtifacts", "QSHCore"], swiftSettings: strict),
        // Test helpers shared by more than one test target (the envelope fuzz corpus).
        .target(name: "QSHTestSupport", path: "Tests/QSHTestSupport", swiftSettings: strict),
        .testTarget(name: "QSHEndToEndTests", dependencies: ["QSHCore", "QSHTestSupport"], swiftSettings: strict),
    ]
)
