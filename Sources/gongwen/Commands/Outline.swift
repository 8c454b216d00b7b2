import ArgumentParser
import Foundation
import Gongwen
import GongwenExport

extension GongwenCommand {
    struct Outline: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a notice's numbered outline as an indented tree.",
            discussion: """
                Shows the parts (正文, 附件N), every numbered section with its source line, and \
                the task tables, so that segmentation can be checked at a glance.

                Example:
                  gongwen outline samples/seed.txt
                """
        )

        @Argument(help: "An input file (HTML or plain text); - reads standard input.")
        var file: String

        func run() throws {
            let extractor = NoticeExtractor()
            do {
                let extraction =
                    file == "-"
                    ? try extractor.extract(bytes: StandardInput.readAll(), path: "-")
                    : try extractor.extract(contentsOf: file)
                FileHandle.standardOutput.write(Data(OutlineRenderer.render(extraction.notice).utf8))
            } catch {
                StandardError.write("gongwen: error: \(error.description)")
                throw ExitCode.failure
            }
        }
    }
}
