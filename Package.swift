// swift-tools-version:6.0
//
// Gongwen (公文): published Chinese government notices in, structured tasks out.
//
// Targets, in pipeline order:
//   CLibXML2      system libxml2 (Debian libxml2-dev), reached through a small shim header
//   CSystemZlib   system zlib (Debian zlib1g-dev), for .warc.gz archives and the deflated
//                 entries of DOCX/XLSX (named apart from ZIPFoundation's own CZlib module)
//   CLibCrypto    system libcrypto (Debian libssl-dev), for SHA-256 only
//   GongwenCore   Swift domain: blocks, outline, metadata, tasks, units, deadlines (and the
//                 SHA-256 wrapper, its only C call)
//   GongwenHTML   bytes -> text (decoding), HTML -> blocks, files and web archives; all the
//                 other C and unsafe code
//   GongwenOffice Word and Excel files (DOCX, XLSX) -> blocks: the ZIP container (read
//                 here, with zlib) and its XML parts through libxml2's reader; legacy formats
//                 and PDF through LibreOffice and poppler when installed
//   GongwenExport JSON (with a schema under Schemas/) and CSV writers
//   GongwenCrawl  scraping portals: polite fetching (async-http-client), listings and their
//                 pagination, WARC/1.1 archives written and resumed
//   GongwenStore  a tracker's database: outputs into SQLite (GRDB) or PostgreSQL
//                 (postgres-nio), every task's history as events
//   Gongwen       the public facade: one call from bytes to an exported document
//   gongwen       the command-line tool (ArgumentParser only, no extraction logic)
import PackageDescription

let package = Package(
    name: "Gongwen",
    products: [
        .library(name: "Gongwen", targets: ["Gongwen"]),
        .executable(name: "gongwen", targets: ["gongwen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Unit gazetteers may be written in YAML.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.0"),
        // A tracker's database: SQLite embedded, PostgreSQL as a server (`gongwen store`).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Scraping portals (`gongwen fetch`, `gongwen crawl`).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // The office tests build hostile ZIP containers with an independent ZIP writer. (The
        // reader is our own: ZIPFoundation's in-memory reader traps on a seek past the end,
        // which the fuzzer found with a crafted DOCX.)
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CSystemZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "GongwenCore", dependencies: ["CLibCrypto"]),
        .target(name: "GongwenHTML", dependencies: ["GongwenCore", "CLibXML2", "CSystemZlib"]),
        .target(
            name: "GongwenOffice",
            dependencies: ["GongwenCore", "GongwenHTML", "CLibXML2", "CSystemZlib"]),
        .target(name: "GongwenExport", dependencies: ["GongwenCore"]),
        .target(
            name: "Gongwen",
            dependencies: [
                "GongwenCore", "GongwenHTML", "GongwenOffice", "GongwenExport", .product(name: "Yams", package: "Yams"),
            ]),
        .target(
            name: "GongwenCrawl",
            dependencies: [
                "GongwenCore", "GongwenHTML", "CSystemZlib", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]),
        .target(
            name: "GongwenStore",
            dependencies: [
                "GongwenCore", "GongwenExport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        .executableTarget(
            name: "gongwen",
            dependencies: [
                "Gongwen",
                "GongwenHTML",
                "GongwenStore",
                "GongwenCrawl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The speed and memory benchmark: swift run -c release gongwen-bench (README "Speed").
        .executableTarget(name: "gongwen-bench", dependencies: ["Gongwen", "GongwenHTML", "GongwenExport", "GongwenStore"]),
        // Shared by the test targets: golden-file comparison with a readable diff, paths to
        // the samples, fixtures and the shared corpus. Not part of any product.
        .target(name: "GongwenTestSupport", path: "Tests/GongwenTestSupport"),
        .testTarget(name: "GongwenCoreTests", dependencies: ["GongwenCore", "GongwenTestSupport"]),
        .testTarget(name: "GongwenHTMLTests", dependencies: ["GongwenHTML", "GongwenCore", "GongwenTestSupport"]),
        .testTarget(
            name: "GongwenOfficeTests",
            dependencies: [
                "GongwenOffice", "GongwenCore", "GongwenTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .testTarget(name: "GongwenTests", dependencies: ["Gongwen", "GongwenExport", "GongwenTestSupport"]),
        .testTarget(name: "GongwenCLITests", dependencies: ["GongwenTestSupport", "GongwenExport", "GongwenStore", "GongwenCrawl"]),
        .testTarget(name: "GongwenCrawlTests", dependencies: ["GongwenCrawl", "GongwenCore", "GongwenHTML", "GongwenTestSupport"]),
        .testTarget(name: "GongwenStoreTests", dependencies: ["GongwenStore", "Gongwen", "GongwenExport", "GongwenTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
