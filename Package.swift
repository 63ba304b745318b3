// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "QuantLabShell",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "qsh", targets: ["qsh"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    ],
    targets: [
        // Layers, bottom to top: Core <- Data <- Artifacts <- Services <- Protocol <- Shell <- qsh.
        .target(name: "QSHCore", swiftSettings: strict),
        .target(name: "QSHData", dependencies: ["QSHCore"], swiftSettings: strict),
        .target(
            name: "QSHArtifacts",
            dependencies: ["QSHCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        .target(name: "QSHServices", dependencies: ["QSHCore", "QSHData", "QSHArtifacts"], swiftSettings: strict),
        .target(name: "QSHProtocol", dependencies: ["QSHCore", "QSHArtifacts", "QSHServices"], swiftSettings: strict),
        // libedit from Debian (libedit-dev) for the interactive prompt; scripts/ensure-system-deps installs it.
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"]), .brew(["libedit"])]),
        .target(
            name: "QSHShell",
            dependencies: [
                "QSHCore", "QSHData", "QSHArtifacts", "QSHServices", "QSHProtocol", "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "qsh", dependencies: ["QSHShell"], swiftSettings: strict),
        .executableTarget(name: "qsh-bench", dependencies: ["QSHCore", "QSHData"], swiftSettings: strict),
        .testTarget(name: "QSHCoreTests", dependencies: ["QSHCore"], swiftSettings: strict),
        .testTarget(name: "QSHDataTests", dependencies: ["QSHData"], swiftSettings: strict),
        .testTarget(name: "QSHArtifactsTests", dependencies: ["QSHArtifacts"], swiftSettings: strict),
        .testTarget(name: "QSHProtocolTests", dependencies: ["QSHProtocol", "QSHArtifacts", "QSHCore"], swiftSettings: strict),
        .testTarget(name: "QSHShellTests", dependencies: ["QSHShell", "QSHArtifacts", "QSHCore"], swiftSettings: strict),
        .testTarget(name: "QSHEndToEndTests", dependencies: ["QSHCore"], swiftSettings: strict),
    ]
)
