import ArgumentParser
import Foundation
import Gongwen
import GongwenExport

extension GongwenCommand {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two outputs for one notice, field by field.",
            discussion: """
                Shows what changed between two JSON outputs — two extractor versions, or two \
                saves of the same notice — in the notice's terms: metadata old → new, tasks \
                added, removed or changed. Exit status: 0 the same; 1 different or unreadable.

                Example:
                  gongwen diff old/notice.json new/notice.json --ignore task.text
                """
        )

        @Argument(help: "The older (or expected) output.")
        var old: String

        @Argument(help: "The newer (or actual) output.")
        var new: String

        @Option(
            name: .customLong("ignore"),
            help: ArgumentHelp("Leave a field out of the comparison (repeatable).", valueName: "field"))
        var ignored: [String] = []

        func validate() throws {
            for field in ignored where !NoticeDiff.fields.contains(field) {
                throw ValidationError("unknown field \(field); fields: \(NoticeDiff.fields.joined(separator: ", "))")
            }
        }

        func run() throws {
            let documents = try [old, new].map { (path: String) throws -> OutputDocument in
                guard let bytes = FileManager.default.contents(atPath: path) else {
                    StandardError.write("gongwen: error: \(path): cannot read the file")
                    throw ExitCode.failure
                }
                do {
                    return try JSONImporter.document(Array(bytes))
                } catch {
                    StandardError.write("gongwen: error: \(path): \(error)")
                    throw ExitCode.failure
                }
            }
            let diff = NoticeDiff(documents[0], documents[1], ignoring: Set(ignored))
            let count = diff.changes.count
            var text = diff.isEmpty ? "" : DiffRenderer.render(diff) + "\n"
            text += "\(count) difference\(count == 1 ? "" : "s")\n"
            FileHandle.standardOutput.write(Data(text.utf8))
            if !diff.isEmpty { throw ExitCode.failure }
        }
    }
}
