import ArgumentParser
import Foundation
import Gongwen
import GongwenExport

extension GongwenCommand {
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extract metadata, outline and tasks from notices.",
            discussion: """
                Examples:
                  gongwen extract samples/seed.txt
                  gongwen extract samples/seed-portal.gbk.html --format csv --bom --output tasks.csv
                  gongwen extract --format jsonl pages/*.html > notices.jsonl
                  gongwen extract pages/*.html --output out/        (one JSON per input)
                  cat page.html | gongwen extract -
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json, jsonl, csv
        }

        @Argument(help: "Input files (HTML or plain text); - reads standard input.")
        var files: [String]

        @Option(name: .shortAndLong, help: "Output format.")
        var format: Format = .json

        @Option(
            name: .shortAndLong,
            help: "Write here instead of standard output: a file, or a directory (ending in /) for one JSON per input.")
        var output: String?

        @Flag(help: "CSV: start with a UTF-8 byte-order mark so that Excel shows Chinese.")
        var bom = false

        @Flag(help: "CSV: one row per task and unit instead of one row per task.")
        var byUnit = false

        @Flag(help: "Treat warnings as failures (exit status 2).")
        var strict = false

        @Flag(name: .shortAndLong, help: "Do not print diagnostics to standard error.")
        var quiet = false

        @Option(help: "Refuse inputs larger than this many bytes.")
        var maxBytes: Int = ExtractionOptions.defaultMaximumBytes

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one input file, or - for standard input") }
            if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
            if (bom || byUnit) && format != .csv { throw ValidationError("--bom and --by-unit apply to --format csv") }
            if maxBytes <= 0 { throw ValidationError("--max-bytes must be positive") }
            if format == .json, files.count > 1, !(output.map(OutputTarget.isDirectory) ?? false) {
                throw ValidationError("several inputs in JSON need --output DIR/ (one file each) or --format jsonl")
            }
        }

        func run() throws {
            let extractor = NoticeExtractor(options: ExtractionOptions(maximumBytes: maxBytes))
            var failures = 0
            var warnings = 0
            var extractions: [Extraction] = []
            let target = output.map(OutputTarget.init)
            var stream = OutputBuffer()
            for file in files {
                do {
                    let extraction: Extraction
                    if file == "-" {
                        extraction = try extractor.extract(bytes: StandardInput.readAll(), path: "-")
                    } else {
                        extraction = try extractor.extract(contentsOf: file)
                    }
                    warnings += report(extraction)
                    switch format {
                    case .json:
                        let bytes = try JSONExporter.document(extraction)
                        if let target, target.isDirectory {
                            try target.write(bytes, forInput: file, fileExtension: "json")
                        } else {
                            stream.append(bytes)
                        }
                    case .jsonl:
                        stream.append(try JSONExporter.line(extraction))
                    case .csv:
                        extractions.append(extraction)
                    }
                } catch let error as ExtractionError {
                    failures += 1
                    StandardError.write("gongwen: error: \(error.description)")
                } catch {
                    failures += 1
                    StandardError.write("gongwen: error: \(file): \(error)")
                }
            }
            if format == .csv {
                stream.append(CSVExporter(byUnit: byUnit, byteOrderMark: bom).export(extractions))
            }
            // An output file is replaced only when some input was read: a failed rerun must
            // never wipe what an earlier run wrote.
            if let target, !target.isDirectory {
                if failures < files.count { try target.writeFile(stream.bytes) }
            } else if !stream.bytes.isEmpty {
                FileHandle.standardOutput.write(Data(stream.bytes))
            }
            if failures > 0 { throw ExitCode.failure }
            if strict, warnings > 0 { throw ExitCode(2) }
        }

        /// Prints an extraction's warnings; returns how many there were.
        private func report(_ extraction: Extraction) -> Int {
            let warnings = extraction.notice.diagnostics.filter { $0.severity >= .warning }
            if !quiet {
                for diagnostic in warnings {
                    let line = diagnostic.line.map { ":\($0)" } ?? ""
                    StandardError.write(
                        "gongwen: \(diagnostic.severity.rawValue): \(extraction.source.path)\(line): \(diagnostic.message) [\(diagnostic.code)]"
                    )
                }
            }
            return warnings.count
        }
    }
}
