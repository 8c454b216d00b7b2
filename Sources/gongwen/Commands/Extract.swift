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
                  echo '{"id": 1, "path": "samples/seed.txt"}' | gongwen extract --stream
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json, jsonl, csv
        }

        @Argument(help: "Input files (HTML or plain text); - reads standard input.")
        var files: [String] = []

        @Flag(
            help:
                "Read JSON lines ({\"id\", \"path\" | \"html_base64\" | \"text\"}) on standard input and write one result line per input line, in order."
        )
        var stream = false

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

        @Flag(
            help:
                "CSV for a spreadsheet: a UTF-8 byte-order mark, and cells starting with = + - @ prefixed with ' so that no formula runs (--bom does the same)."
        )
        var excel = false

        @Option(
            help: ArgumentHelp(
                "A folder holding the files a page links as attachments (saved by hand); they are read as the notice's 附件N parts.",
                discussion: "Files saved beside the page (its folder, an attachments/ folder, a links.tsv) are found without it.",
                valueName: "dir"))
        var attachments: String?

        @Flag(help: "Treat warnings as failures (exit status 2).")
        var strict = false

        @Flag(name: .shortAndLong, help: "Do not print diagnostics to standard error.")
        var quiet = false

        @OptionGroup var gazetteer: GazetteerOption

        @OptionGroup var limits: LimitOptions

        func validate() throws {
            if stream {
                if gazetteer.gazetteer != nil { throw ValidationError("--gazetteer does not apply to --stream") }
                if !files.isEmpty || output != nil || format != .json {
                    throw ValidationError("--stream reads standard input and writes JSON lines; it takes no files, --output or --format")
                }
                return
            }
            if files.isEmpty { throw ValidationError("name at least one input file, or - for standard input") }
            // `gongwen frobnicate`: a bare word that names no file, where a command goes, is a
            // mistyped command (extract is only the default), not an unreadable input.
            if let first = files.first, CommandLine.arguments.dropFirst().first == first, Self.looksLikeCommand(first),
                !FileManager.default.fileExists(atPath: first)
            {
                let commands = GongwenCommand.configuration.subcommands.map { $0._commandName }.joined(separator: ", ")
                throw ValidationError("unknown command “\(first)”; the commands are \(commands) (extract is the default: gongwen FILE…)")
            }
            if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
            if (bom || byUnit || excel) && format != .csv { throw ValidationError("--bom, --excel and --by-unit apply to --format csv") }
            if format == .json, files.count > 1, !(output.map(OutputTarget.isDirectory) ?? false) {
                throw ValidationError("several inputs in JSON need --output DIR/ (one file each) or --format jsonl")
            }
            // One file per input in a directory: two inputs must not write (and overwrite) one name.
            if format == .json, output.map(OutputTarget.isDirectory) ?? false,
                let clash = OutputTarget.clashingInputs(files, fileExtension: "json")
            {
                throw ValidationError(
                    "\(clash.first) and \(clash.second) would both be written to \(clash.name); "
                        + "extract them into different folders, or use gongwen batch (its outputs mirror the input paths)")
            }
        }

        /// A word such as a command is spelled: ASCII letters, digits and `-`, starting with a letter.
        static func looksLikeCommand(_ word: String) -> Bool {
            guard let first = word.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
            return word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }

        func run() throws {
            let extractor = NoticeExtractor(options: limits.extraction)
            if stream {
                StreamMode.run(extractor: extractor)
                return
            }
            let units = try gazetteer.load()
            func document(_ extraction: Extraction) -> OutputDocument { OutputDocument(extraction).applying(units) }
            var failures = 0
            var warnings = 0
            let target = output.map(OutputTarget.init)
            let perInput = target?.isDirectory ?? false
            // Output is written as it is made (a notice of 357,000 tasks is never held as bytes):
            // to standard output, or to a temporary file renamed into place at the end.
            let shared: OutputSink?
            if perInput && format == .json {
                shared = nil
            } else if let target, !perInput {
                do {
                    shared = try OutputSink.file(URL(fileURLWithPath: target.path))
                } catch {
                    StandardError.write("gongwen: error: \(target.path): cannot write: \(error.localizedDescription)")
                    throw ExitCode.failure
                }
            } else {
                shared = .standardOutput()
            }
            let csv = CSVExporter(byUnit: byUnit, byteOrderMark: bom || excel)
            if format == .csv, let shared {
                if csv.byteOrderMark { shared.write([0xEF, 0xBB, 0xBF]) }
                shared.write(CSVExporter.row(csv.header))
            }
            for file in files {
                do {
                    let extraction: Extraction
                    if file == "-" {
                        extraction = try extractor.extract(bytes: StandardInput.readAll(), path: "-")
                    } else {
                        // A page is read with the attachments it links, where they are saved.
                        extraction = try extractor.extract(contentsOf: file, attachmentFolder: attachments)
                    }
                    warnings += report(extraction)
                    let output = document(extraction)
                    switch format {
                    case .json:
                        if let target, perInput {
                            let sink = try target.sink(forInput: file, fileExtension: "json")
                            output.writeJSON(pretty: true, newline: true, to: sink.write)
                            try sink.commit()
                        } else if let shared {
                            output.writeJSON(pretty: true, newline: true, to: shared.write)
                        }
                    case .jsonl:
                        if let shared { output.writeJSON(pretty: false, newline: true, to: shared.write) }
                    case .csv:
                        shared?.write(csv.rows(output))
                    }
                } catch let error as ExtractionError {
                    failures += 1
                    StandardError.write("gongwen: error: \(error.description)")
                } catch {
                    failures += 1
                    StandardError.write("gongwen: error: \(file): \(error)")
                }
            }
            // An output file is replaced only when some input was read: a failed rerun must
            // never wipe what an earlier run wrote.
            if let shared {
                if target != nil, !perInput, failures == files.count {
                    shared.discard()
                } else {
                    do {
                        try shared.commit()
                    } catch {
                        StandardError.write(
                            "gongwen: error: \(target?.path ?? "standard output"): cannot write: \(error.localizedDescription)")
                        throw ExitCode.failure
                    }
                }
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

/// `gongwen extract --stream`: JSON lines in, exactly one JSON line out per line, in order, so
/// that Spark's `RDD.pipe` or Hadoop Streaming can run Gongwen across a cluster.
///
/// In:  `{"id": …, "path": "a.html"}` or `{"id": …, "html_base64": "…"}` or `{"id": …, "text": "…"}`
/// Out: `{"id": …, "result": {…}}` or `{"id": …, "error": {"stage": …, "message": …}}`
enum StreamMode {
    static func run(extractor: NoticeExtractor) {
        while let line = readLine(strippingNewline: true) {
            let output = respond(to: line, extractor: extractor)
            FileHandle.standardOutput.write(Data(output.utf8 + [0x0A]))
        }
    }

    static func respond(to line: String, extractor: NoticeExtractor) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            return errorLine(id: nil, stage: "input", message: "not a JSON object")
        }
        let id = object["id"]
        let bytes: [UInt8]
        let name: String
        if let path = object["path"] as? String {
            name = path
            do {
                let extraction = try extractor.extract(contentsOf: path)
                return resultLine(id: id, extraction: extraction)
            } catch {
                return errorLine(id: id, stage: "extract", message: error.description)
            }
        } else if let encoded = object["html_base64"] as? String {
            guard let data = Data(base64Encoded: encoded) else {
                return errorLine(id: id, stage: "input", message: "html_base64 is not valid base64")
            }
            bytes = Array(data)
            name = (id.map { "\($0)" }) ?? "-"
        } else if let text = object["text"] as? String {
            bytes = Array(text.utf8)
            name = (id.map { "\($0)" }) ?? "-"
        } else {
            return errorLine(id: id, stage: "input", message: "a record needs path, html_base64 or text")
        }
        do {
            return resultLine(id: id, extraction: try extractor.extract(bytes: bytes, path: name))
        } catch {
            return errorLine(id: id, stage: "extract", message: error.description)
        }
    }

    private static func resultLine(id: Any?, extraction: Extraction) -> String {
        guard let document = try? JSONExporter.line(extraction) else {
            return errorLine(id: id, stage: "export", message: "cannot encode the output")
        }
        let body = String(decoding: document.dropLast(), as: UTF8.self)
        return "{\"id\":\(encode(id)),\"result\":\(body)}"
    }

    private static func errorLine(id: Any?, stage: String, message: String) -> String {
        let error =
            (try? JSONSerialization.data(withJSONObject: ["stage": stage, "message": message], options: [.sortedKeys]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "{\"error\":\(error),\"id\":\(encode(id))}"
    }

    /// The id as given: a string, a number, or null.
    private static func encode(_ id: Any?) -> String {
        guard let id, !(id is NSNull) else { return "null" }
        if let data = try? JSONSerialization.data(withJSONObject: [id], options: [.fragmentsAllowed]),
            let text = String(data: data, encoding: .utf8), text.hasPrefix("["), text.hasSuffix("]")
        {
            return String(text.dropFirst().dropLast())
        }
        return "null"
    }
}
