import ArgumentParser
import Gongwen

/// The input limits every reading command shares (README "Hostile input").
struct LimitOptions: ParsableArguments {
    @Option(help: "Refuse inputs larger than this many bytes (default 64 MiB).")
    var maxBytes: Int = ExtractionOptions.defaultMaximumBytes

    func validate() throws {
        if maxBytes <= 0 { throw ValidationError("--max-bytes must be positive") }
    }

    var extraction: ExtractionOptions { ExtractionOptions(maximumBytes: maxBytes) }
}
