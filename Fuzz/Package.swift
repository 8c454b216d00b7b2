// swift-tools-version:6.0
//
// The libFuzzer target over Gongwen's whole pipeline, from bytes. A separate package so that
// ordinary builds never see it: it has no main of its own (libFuzzer provides one).
//
//   scripts/fuzz.sh [SECONDS]    builds with -sanitize=fuzzer,address and runs it
import PackageDescription

let package = Package(
    name: "GongwenFuzz",
    dependencies: [.package(name: "Gongwen", path: "..")],
    targets: [
        .executableTarget(
            name: "gongwen-fuzz",
            dependencies: [.product(name: "Gongwen", package: "Gongwen")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    ],
    swiftLanguageModes: [.v6]
)
