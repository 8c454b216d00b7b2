import ArgumentParser
import Foundation
import GongwenExport

extension GongwenCommand {
    struct Calendar: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the dated tasks of outputs as an iCalendar (.ics) file of to-dos.",
            discussion: """
                One VTODO per task with a due date: DUE the due day, the units by role and the \
                deadline as printed in the description, the source notice as URL (pages from \
                web archives) or path. The UID is the task id, so importing a re-extraction \
                updates the to-dos instead of duplicating them.

                An output that cannot be read is named on standard error and skipped. Exit \
                status: 0 all read; 1 some could not be read or the file could not be written.

                Example:
                  gongwen calendar out/ --unit 区政务服务中心 --output center.ics
                """
        )

        @Argument(help: "JSON outputs or folders of them (none with --db).")
        var paths: [String] = []

        @OptionGroup var database: DatabaseOption

        @Option(name: .customLong("unit"), help: ArgumentHelp("Only tasks of this unit (repeatable).", valueName: "name"))
        var selected: [String] = []

        @OptionGroup var gazetteer: GazetteerOption

        @Option(name: .shortAndLong, help: ArgumentHelp("The .ics file to write.", valueName: "file"))
        var output: String

        @Option(
            help: ArgumentHelp(
                "DTSTAMP of the to-dos as YYYYMMDDTHHMMSSZ (default now); fix it for reproducible files.",
                valueName: "time"))
        var stamp: String?

        func validate() throws {
            if paths.isEmpty, database.db == nil { throw ValidationError("name at least one output or folder, or --db") }
            if !paths.isEmpty, database.db != nil { throw ValidationError("name outputs or --db, not both") }
            if let stamp, stamp.wholeMatch(of: /[0-9]{8}T[0-9]{6}Z/) == nil {
                throw ValidationError("--stamp \(stamp): not a UTC time like 20261129T170000Z")
            }
        }

        func run() async throws {
            let (documents, failures) = try await OutputDocuments.load(paths, database: database, applying: try gazetteer.load())
            let writer = ICalendarWriter(stamp: stamp ?? Self.now(), units: Set(selected))
            try OutputTarget(output).writeFileOrExit(writer.calendar(documents))
            if failures > 0 { throw ExitCode.failure }
        }

        static func now() -> String {
            var calendar = Foundation.Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date())
            return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        }
    }
}
