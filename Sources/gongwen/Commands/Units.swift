import ArgumentParser
import Foundation
import GongwenCore
import GongwenExport

extension GongwenCommand {
    struct Units: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Regroup extracted tasks by unit: who owes what by when.",
            discussion: """
                Reads JSON outputs (files, or folders searched for *.json, such as a batch's \
                --output folder) and lists, per unit, its tasks with role, notice, due date \
                and — with --as-of — whether each is overdue on that day. Units are grouped \
                by the name as printed, or with --gazetteer by the canonical unit it names \
                (区发改局, 区发展改革委 → 区发展和改革委员会); --unknown-units writes the printed \
                names the gazetteer does not know, most frequent first.

                An output that cannot be read is named on standard error and skipped; the \
                others are still listed. Exit status: 0 all read; 1 some could not be read.

                Examples:
                  gongwen units out/ --as-of 2017-10-01
                  gongwen units out/ --format json --unit 区政务服务中心 --output center.json
                  gongwen units out/ --gazetteer samples/gazetteer.yaml --unknown-units unknown.csv
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

        @Argument(help: "JSON outputs or folders of them (none with --db).")
        var paths: [String] = []

        @OptionGroup var database: DatabaseOption

        @Option(help: ArgumentHelp("Mark tasks due before this day (YYYY-MM-DD) as overdue.", valueName: "date"))
        var asOf: String?

        @Option(help: "csv (one row per unit and task) or json (tasks nested under each unit).")
        var format: Format = .csv

        @Option(name: .customLong("unit"), help: ArgumentHelp("Only this unit (repeatable).", valueName: "name"))
        var selected: [String] = []

        @OptionGroup var gazetteer: GazetteerOption

        @Option(help: ArgumentHelp("Write the names the gazetteer does not know here (CSV: name,count).", valueName: "file"))
        var unknownUnits: String?

        @Flag(help: "Start the CSV with a UTF-8 byte-order mark and neutralise formulas, for Excel.")
        var excel = false

        @Option(name: .shortAndLong, help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
        var output: String?

        func validate() throws {
            if paths.isEmpty, database.db == nil { throw ValidationError("name at least one output or folder, or --db") }
            if !paths.isEmpty, database.db != nil { throw ValidationError("name outputs or --db, not both") }
            if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of \(asOf): not a day (YYYY-MM-DD)") }
            if unknownUnits != nil, gazetteer.gazetteer == nil { throw ValidationError("--unknown-units needs --gazetteer") }
        }

        func run() async throws {
            let (documents, failures) = try await OutputDocuments.load(paths, database: database, applying: try gazetteer.load())
            if let unknownUnits {
                var csv = CSVExporter.row(["name", "count"])
                for (name, count) in UnitView.unknownNames(documents) { csv += CSVExporter.row([name, String(count)]) }
                try OutputTarget(unknownUnits).writeFileOrExit(csv)
            }
            let view = UnitView(documents, asOf: asOf.flatMap(CalendarDate.init(iso:)), only: Set(selected))
            let bytes = format == .csv ? view.csv(byteOrderMark: excel) : view.json()
            if let output {
                try OutputTarget(output).writeFileOrExit(bytes)
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
            if failures > 0 { throw ExitCode.failure }
        }
    }
}
