import ArgumentParser
import Foundation
import Gongwen
import GongwenExport

extension GongwenCommand {
    struct Cues: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List what a notice says about units and deadlines, and what became of each.",
            discussion: """
                Finds every assignment cue in each notice's body — unit labels (牵头单位：), \
                person labels (牵头领导：), deadline labels (完成时限：), role phrases (X牵头, 由X负责, \
                X会同Y), deadline phrases (9月底前, 30日内) and unit/deadline column headers — and \
                says for each which task claimed it, or why a rule rejected it \
                (\(Cue.Reason.allCases.map(\.rawValue).joined(separator: ", "))). An unclaimed \
                cue is a place the extractor did not understand.

                Text output: one tab-separated line per cue (file:line, kind, status, cue, \
                context); --summary prints counts per document and overall instead; --unclaimed \
                shows only unclaimed cues. --format json writes one JSON object per document \
                (JSON Lines), with its summary.

                Examples:
                  gongwen cues notice.html
                  gongwen cues --summary archive/*.txt
                  gongwen cues --unclaimed --format json pages/ > blind-spots.jsonl
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Argument(help: "Input files (HTML or plain text), or folders searched for them.")
        var paths: [String]

        @Flag(help: "Print per-document and overall counts instead of the cues.")
        var summary = false

        @Flag(help: "Only the cues no task claimed and no rule rejected.")
        var unclaimed = false

        @Option(help: "text (tab-separated lines) or json (one object per document).")
        var format: Format = .text

        func validate() throws {
            if paths.isEmpty { throw ValidationError("name at least one input file or folder") }
        }

        func run() throws {
            var options = ExtractionOptions()
            options.accountingCues = true
            let extractor = NoticeExtractor(options: options)
            var total = CueReport.Summary()
            var failed = false
            var documents = 0
            for file in inputs() {
                let extraction: Extraction
                do {
                    extraction = try extractor.extract(contentsOf: file)
                } catch {
                    StandardError.write("gongwen: error: \(error.description)")
                    failed = true
                    continue
                }
                documents += 1
                let cues = extraction.notice.cues
                let ids = OutputDocument(extraction).tasks.map(\.id)
                let shown = unclaimed ? cues.filter { $0.status == .unclaimed } : cues
                let documentSummary = CueReport.Summary(cues)
                total.add(documentSummary)
                switch (format, summary) {
                case (.json, _):
                    FileHandle.standardOutput.write(Data(CueReport.json(shown, file: file, ids: ids, pretty: false)))
                case (.text, true):
                    FileHandle.standardOutput.write(Data("\(file)\t\(documentSummary.line)\n".utf8))
                case (.text, false):
                    FileHandle.standardOutput.write(Data(CueReport.lines(shown, file: file, ids: ids).utf8))
                }
            }
            if summary, format == .text {
                FileHandle.standardOutput.write(Data("ALL (\(documents) documents)\t\(total.line)\n".utf8))
            }
            if failed { throw ExitCode.failure }
        }

        /// The files named, and the notices inside the folders named (sorted, recursively).
        private func inputs() -> [String] {
            var files: [String] = []
            for path in paths {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                    files.append(path)
                    continue
                }
                let found = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
                let notices = found.filter { name in
                    ["html", "htm", "shtml", "txt"].contains((name as NSString).pathExtension.lowercased())
                }
                files += notices.sorted().map { (path as NSString).appendingPathComponent($0) }
            }
            return files
        }
    }
}
