import ArgumentParser
import Foundation
import Gongwen
import GongwenExport

extension GongwenCommand {
    struct Blocks: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the blocks read from an input, before any analysis.",
            discussion: """
                One line per block: source line, kind (para, line, headi(ng), table), alignment \
                and text; tables show their resolved grid, with ^ marking cells copied from a \
                merged (rowspan/colspan) cell. Use it to see why a page segments as it does.

                Example:
                  gongwen blocks samples/seed-portal.utf8.html
                """
        )

        @Argument(help: "An input file (HTML or plain text); - reads standard input.")
        var file: String

        func run() throws {
            let extractor = NoticeExtractor()
            do {
                let bytes: [UInt8]
                if file == "-" {
                    bytes = StandardInput.readAll()
                } else {
                    bytes = try Array(Data(contentsOf: URL(fileURLWithPath: file)))
                }
                let read = try extractor.readBlocks(bytes: bytes, path: file)
                FileHandle.standardOutput.write(Data(BlockRenderer.render(read.blocks).utf8))
            } catch {
                StandardError.write("gongwen: error: \(error)")
                throw ExitCode.failure
            }
        }
    }
}
