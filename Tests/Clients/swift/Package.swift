// swift-tools-version:6.0
// A Swift client generated from poemsd's API description by
// apple/swift-openapi-generator (nobody on this team wrote it), and tests that
// use it against a live server. A package of its own, built with its own
// scratch path by scripts/generated-clients.sh, so the service's build does
// not carry the generator. Sources/POEMSClient/Types.swift and Client.swift are
// generated there (and not committed).
import PackageDescription

let package = Package(
    name: "poemsd-swift-client",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        // URLSession (FoundationNetworking on Linux): lighter than the
        // AsyncHTTPClient transport, which brings SwiftNIO.
        .package(url: "https://github.com/apple/swift-openapi-urlsession", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .target(
            name: "POEMSClient",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ]
        ),
        .testTarget(
            name: "POEMSClientTests",
            dependencies: [
                "POEMSClient",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ]
)
