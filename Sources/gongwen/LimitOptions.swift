import ArgumentParser
import Gongwen
import GongwenHTML

/// The input limits every reading command shares (README "Hostile input").
struct LimitOptions: ParsableArguments {
    @Option(help: "Refuse inputs larger than this many bytes (default 64 MiB).")
    var maxBytes: Int = ExtractionOptions.defaultMaximumBytes

    @Option(help: "Read elements nested deeper than this as text (default 512).")
    var maxDepth: Int = ReaderLimits.defaultMaximumDepth

    @Option(help: "Read tables of more cells than this as paragraphs (default 1000000).")
    var maxTableCells: Int = ReaderLimits.defaultMaximumTableCells

    func validate() throws {
        if maxBytes <= 0 { throw ValidationError("--max-bytes must be positive") }
        if maxDepth <= 0 { throw ValidationError("--max-depth must be positive") }
        if maxTableCells <= 0 { throw ValidationError("--max-table-cells must be positive") }
    }

    var extraction: ExtractionOptions {
        ExtractionOptions(maximumBytes: maxBytes, reader: ReaderLimits(maximumDepth: maxDepth, maximumTableCells: maxTableCells))
    }
}
