import ArgumentParser
import Foundation
import GongwenCore
import GongwenExport

extension GongwenCommand {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one self-contained HTML report: per unit, a deadline timeline and its tasks.",
            discussion: """
                For each unit: a timeline of its due dates, its tasks with role and deadline, \
                overdue ones (with --as-of) highlighted; each task links to its full text and \
                source. The file has no scripts and loads nothing from the network.

                An output that cannot be read is named on standard error and skipped. Exit \
                status: 0 all read; 1 some could not be read or the file could not be written.

                Example:
                  gongwen report out/ --as-of 2017-10-01 --gazetteer samples/gazetteer.yaml -o report.html
                """
        )

        @Argument(help: "JSON outputs or folders of them (none with --db).")
        var paths: [String] = []

        @OptionGroup var database: DatabaseOption

        @Option(help: ArgumentHelp("Highlight tasks due before this day (YYYY-MM-DD).", valueName: "date"))
        var asOf: String?

        @Option(name: .customLong("unit"), help: ArgumentHelp("Only this unit (repeatable).", valueName: "name"))
        var selected: [String] = []

        @OptionGroup var gazetteer: GazetteerOption

        @Option(help: ArgumentHelp("The report's heading.", valueName: "text"))
        var title = "公文任务报告"

        @Option(name: .shortAndLong, help: ArgumentHelp("The .html file to write.", valueName: "file"))
        var output: String

        func validate() throws {
            if paths.isEmpty, database.db == nil { throw ValidationError("name at least one output or folder, or --db") }
            if !paths.isEmpty, database.db != nil { throw ValidationError("name outputs or --db, not both") }
            if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of \(asOf): not a day (YYYY-MM-DD)") }
        }

        func run() async throws {
            let (documents, failures) = try await OutputDocuments.load(paths, database: database, applying: try gazetteer.load())
            let writer = ReportWriter(asOf: asOf.flatMap(CalendarDate.init(iso:)), title: title)
            try OutputTarget(output).writeFileOrExit(writer.report(documents, units: Set(selected)))
            if failures > 0 { throw ExitCode.failure }
        }
    }
}
