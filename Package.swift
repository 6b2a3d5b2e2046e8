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
        // JSON: the byte-level writer and the shared encoder settings, used by
        // the transport, the clinical documents and storage. Knows nothing of
        // HTTP or POEMS.
        .target(name: "FastJSON"),
        // Transport: a small HTTP server over libmicrohttpd. Knows nothing of POEMS.
        .target(
            name: "HTTPServer",
            dependencies: [
                "CMicroHTTPD", "CMicroHTTPDShims", "CZlib", "FastJSON",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Storage, the contract: the store protocols, their records, the
        // engine-neutral error, the audit chain and archive, the migration
        // model and its checksum rule. No engine, no SQL.
        .target(
            name: "POEMSStorage",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Storage, the SQLite engine's faults: the SIGBUS handler for SQLite's
        // shared memory and the file-attribute check, which Swift cannot
        // write safely (C).
        .target(name: "CStorageFaults"),
        // Storage, the embedded engine: every SQLite statement, the migration
        // runner and the group-commit writer, on GRDB over the system SQLite
        // (libsqlite3-dev). Its migrations are Migrations/*.sql.
        .target(
            name: "POEMSSQLite",
            dependencies: [
                "POEMSStorage", "CStorageFaults",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            plugins: ["EmbedMigrations"]
        ),
        // Storage, the PostgreSQL engine of the same protocols, for several
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
        // Storage, the choice: which engine a database location names, and
        // opening it. The one module that knows both engines (the executable
        // and the tests use it; the handlers see only the contract).
        .target(
            name: "POEMSStorageEngines",
            dependencies: [
                "POEMSStorage", "POEMSSQLite", "POEMSPostgres",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Build: compiles Migrations/*.sql into POEMSSQLite and
        // Migrations/postgres/*.sql into POEMSPostgres (the files stay the source).
        .executableTarget(name: "embed-migrations"),
        .plugin(name: "EmbedMigrations", capability: .buildTool(), dependencies: ["embed-migrations"]),
        // Domain: the diagnostic criteria engine. Pure Swift, no I/O.
        .target(name: "POEMSCriteria"),
        // Domain: the published evidence tables. Pure Swift, no I/O.
        .target(name: "POEMSEvidence", dependencies: ["POEMSCriteria"]),
        // EHR input: FHIR R4 Bundles read into findings through the
        // terminology map (seed rows are data, built into the binary). Pure Swift, no I/O.
        .target(
            name: "POEMSFHIR",
            dependencies: ["POEMSCriteria"],
            resources: [.embedInCode("Terminology/terminology.json")]
        ),
        // Clinical: the evaluation document joining criteria, evidence and
        // FHIR: the evidence-gating rule, the report's JSON, the case digest,
        // the CDS card rules and the Table 2 crosswalk. Pure Swift, no I/O.
        .target(
            name: "POEMSClinical",
            dependencies: ["FastJSON", "POEMSCriteria", "POEMSEvidence", "POEMSFHIR"]
        ),
        // Handlers: wire the HTTP layer to the domain.
        .target(
            name: "POEMSAPI",
            dependencies: [
                "HTTPServer", "FastJSON", "POEMSCriteria", "POEMSEvidence", "POEMSFHIR", "POEMSClinical", "POEMSStorage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // The API description: one file, compiled into the binary; the
            // dashboard's and the work-up page's files (a resource is named
            // by its file name: the names must be unique).
            resources: [
                .embedInCode("openapi.json"),
                // The dashboard's page, script and style sheet (DashboardRoutes).
                .embedInCode("Resources/dashboard/dashboard.html"),
                .embedInCode("Resources/dashboard/dashboard.js"),
                .embedInCode("Resources/dashboard/dashboard.css"),
                // The work-up page (WorkupRoutes).
                .embedInCode("Resources/workup/workup.html"),
                .embedInCode("Resources/workup/workup.js"),
                .embedInCode("Resources/workup/workup.css"),
            ]
        ),
        // The executable: parses its command line, nothing more.
        .executableTarget(
            name: "poemsd",
            dependencies: [
                "POEMSAPI", "POEMSStorageEngines",
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
        .testTarget(name: "POEMSEvidenceTests", dependencies: ["POEMSEvidence", "POEMSCriteria"]),
        .testTarget(name: "POEMSFHIRTests", dependencies: ["POEMSFHIR", "POEMSCriteria"]),
        .testTarget(name: "POEMSServiceTests", dependencies: [
            "POEMSAPI", "HTTPServer", "FastJSON", "POEMSClinical", "POEMSStorage", "POEMSSQLite", "POEMSPostgres", "POEMSStorageEngines",
            .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            // CDS Hooks tests sign their tokens as an EHR would.
            .product(name: "JWTKit", package: "jwt-kit"), .product(name: "CryptoExtras", package: "swift-crypto"),
        ]),
        .testTarget(
            name: "HTTPServerTests",
            dependencies: ["HTTPServer", "FastJSON", .product(name: "Logging", package: "swift-log")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
