// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "poemsd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "poemsd", targets: ["poemsd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // 3.x or 4.x: jwt-kit 5 needs 4.x.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Transport: libmicrohttpd as a Swift module (headers and linking only).
        .systemLibrary(
            name: "CMicroHTTPD",
            pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]
        ),
        // Transport: zlib, for the gzip content coding of responses.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Transport: the few libmicrohttpd calls Swift cannot make (C variadics).
        .target(name: "CMicroHTTPDShims", dependencies: ["CMicroHTTPD"]),
        // Transport: a small HTTP server over libmicrohttpd. Knows nothing of POEMS.
        .target(
            name: "HTTPServer",
            dependencies: [
                "CMicroHTTPD", "CMicroHTTPDShims", "CZlib",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Storage: the SIGBUS handler for SQLite's shared memory and the
        // file-attribute check, which Swift cannot write safely (C).
        .target(name: "CStorageFaults"),
        // Storage: owns every SQL statement and the migration runner, on
        // GRDB over the system SQLite (libsqlite3-dev).
        .target(
            name: "POEMSStorage",
            dependencies: [
                "CStorageFaults",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedMigrations"]
        ),
        // Storage: the PostgreSQL engine of the same protocols, for several
        // instances on one database (postgres-nio's PostgresClient and pool).
        // Its migrations are Migrations/postgres/*.sql.
        .target(
            name: "POEMSPostgres",
            dependencies: [
                "POEMSStorage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["EmbedMigrations"]
        ),
        // Build: compiles Migrations/*.sql into POEMSStorage (the files stay the source).
        .executableTarget(name: "embed-migrations"),
        .plugin(name: "EmbedMigrations", capability: .buildTool(), dependencies: ["embed-migrations"]),
        // Domain: the diagnostic criteria engine. Pure Swift, no I/O.
        .target(name: "POEMSCriteria"),
        // Domain: the published evidence tables. Pure Swift, no I/O.
        .target(name: "POEMSEvidence"),
        // EHR input: FHIR R4 Bundles read into findings through the
        // terminology map (seed rows are data, built into the binary). Pure Swift, no I/O.
        .target(
            name: "POEMSFHIR",
            dependencies: ["POEMSCriteria"],
            resources: [.embedInCode("Terminology/terminology.json")]
        ),
        // Handlers: wire the HTTP layer to the domain.
        .target(
            name: "POEMSAPI",
            dependencies: [
                "HTTPServer", "POEMSCriteria", "POEMSEvidence", "POEMSFHIR", "POEMSStorage", "POEMSPostgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // The API description: one file, compiled into the binary; the
            // work-up page's files (names unique: a resource is named by its file name).
            resources: [
                .embedInCode("openapi.json"), .embedInCode("Resources/workup/workup.html"),
                .embedInCode("Resources/workup/workup.js"), .embedInCode("Resources/workup/workup.css"),
            ]
        ),
        // The executable: parses its command line, nothing more.
        .executableTarget(
            name: "poemsd",
            dependencies: [
                "POEMSAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fuzzing (issue 16): request decoding and the evaluation under
        // libFuzzer, built by scripts/fuzz.sh with -sanitize=fuzzer,address;
        // an ordinary build replays the files named on its command line.
        .executableTarget(name: "poemsd-fuzz", dependencies: ["CFuzzerDriver", "HTTPServer", "POEMSCriteria", "POEMSFHIR"]),
        // libFuzzer's driver, declared for Swift (defined by -sanitize=fuzzer).
        .target(name: "CFuzzerDriver"),
        .testTarget(name: "POEMSCriteriaTests", dependencies: ["POEMSCriteria"]),
        .testTarget(name: "POEMSEvidenceTests", dependencies: ["POEMSEvidence"]),
        .testTarget(name: "POEMSFHIRTests", dependencies: ["POEMSFHIR", "POEMSCriteria"]),
        .testTarget(name: "POEMSServiceTests", dependencies: [
            "POEMSAPI", "HTTPServer", "POEMSStorage", "POEMSPostgres",
            .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            // CDS Hooks tests sign their tokens as an EHR would.
            .product(name: "JWTKit", package: "jwt-kit"), .product(name: "CryptoExtras", package: "swift-crypto"),
        ]),
        .testTarget(
            name: "HTTPServerTests",
            dependencies: ["HTTPServer", .product(name: "Logging", package: "swift-log")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
