import ArgumentParser
import Foundation
import GongwenCore
import GongwenExport
import GongwenStore

extension GongwenCommand {
    struct Tasks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Query a tracker's database: open tasks by unit and due day, overdue ones, recent changes.",
            discussion: """
                Lists the open tasks of the notices stored with `gongwen store`, one row per \
                task and unit, by unit, due day, notice and place. --overdue keeps the tasks \
                due before --as-of (today when not given); deadlines that never fall due \
                (持续推进, 适时) are never overdue. --changed-since lists the events recorded \
                since a day or instant instead: added, changed (field, old, new) and removed \
                tasks, each with the notice version that caused it.

                Exit status: 0 listed; 1 the database could not be read; 64 bad usage.

                Examples:
                  gongwen tasks --db tasks.sqlite --overdue --as-of 2017-10-01
                  gongwen tasks --db tasks.sqlite --unit 区财政局 --format csv
                  gongwen tasks --db tasks.sqlite --changed-since 2026-12-01
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

        @Option(
            help: ArgumentHelp("The database: an SQLite file, or postgres://user@host:port/database.", valueName: "path-or-url"))
        var db: String

        @Option(
            name: .customLong("unit"),
            help: ArgumentHelp("Only tasks of this unit, printed or canonical name (repeatable).", valueName: "name"))
        var units: [String] = []

        @Flag(help: "Only tasks overdue on the --as-of day.")
        var overdue = false

        @Option(help: ArgumentHelp("The day overdue is judged on (YYYY-MM-DD; default today).", valueName: "date"))
        var asOf: String?

        @Option(help: ArgumentHelp("Only tasks due before this day (YYYY-MM-DD).", valueName: "date"))
        var dueBefore: String?

        @Option(help: ArgumentHelp("List the events recorded since this day or instant (YYYY-MM-DD or ISO 8601 UTC).", valueName: "time"))
        var changedSince: String?

        @Option(help: "table (aligned, for a terminal), csv or json.")
        var format: Format = .table

        @Option(name: .shortAndLong, help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
        var output: String?

        func validate() throws {
            if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of \(asOf): not a day (YYYY-MM-DD)") }
            if let dueBefore, CalendarDate(iso: dueBefore) == nil {
                throw ValidationError("--due-before \(dueBefore): not a day (YYYY-MM-DD)")
            }
            if let changedSince, changedSince.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9:.]+Z)?/) == nil {
                throw ValidationError("--changed-since \(changedSince): not a day (YYYY-MM-DD) or a UTC instant (2026-12-01T08:00:00Z)")
            }
            if changedSince != nil, overdue || dueBefore != nil {
                throw ValidationError("--changed-since lists events; it does not combine with --overdue or --due-before")
            }
        }

        func run() async throws {
            let store = try await DatabaseOption.open(db)
            let bytes: [UInt8]
            do {
                if let changedSince {
                    bytes = Self.render(events: try await store.events(since: changedSince, units: units), as: format)
                } else {
                    let day = asOf.flatMap(CalendarDate.init(iso:)) ?? (overdue ? Self.today() : nil)
                    let query = TaskStore.TaskQuery(
                        units: units, asOf: day, overdueOnly: overdue, dueBefore: dueBefore.flatMap(CalendarDate.init(iso:)))
                    bytes = Self.render(tasks: try await store.tasks(query), asOf: day, as: format)
                }
            } catch {
                await store.close()
                StandardError.write("gongwen: error: \(db): \(error)")
                throw ExitCode.failure
            }
            await store.close()
            if let output {
                try OutputTarget(output).writeFileOrExit(bytes)
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }

        /// Today in the machine's calendar.
        static func today() -> CalendarDate {
            let parts = Foundation.Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
            return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
        }

        static let taskColumns = [
            "unit", "printed", "role", "notice", "title", "task_id", "number", "text", "deadline_raw", "deadline_kind", "due", "overdue",
        ]

        static func render(tasks: [TaskStore.TaskRow], asOf: CalendarDate?, as format: Format) -> [UInt8] {
            let rows = tasks.map { row in
                [
                    row.unit ?? "", row.printed ?? "", row.role ?? "", row.noticeKey, row.title ?? "", row.taskID ?? "", row.number ?? "",
                    row.text, row.deadline ?? "", row.kind ?? "", row.due ?? "", row.overdue.map { $0 ? "yes" : "no" } ?? "",
                ]
            }
            switch format {
            case .csv: return csv(taskColumns, rows)
            case .table:
                return table(
                    ["unit", "role", "due", "overdue", "notice", "number", "task"],
                    tasks.map { row in
                        [
                            row.unit ?? "", row.role ?? "", row.due ?? row.deadline ?? "", row.overdue.map { $0 ? "yes" : "no" } ?? "",
                            row.noticeKey, row.number ?? "", row.text,
                        ]
                    })
            case .json:
                var json = JSONStream(pretty: true)
                json.object { json in
                    json.member("asOf", asOf?.description)
                    json.key("tasks")
                    json.array(tasks) { json, row in
                        json.object { json in
                            json.member("deadline", row.deadline)
                            json.member("due", row.due)
                            json.member("kind", row.kind)
                            json.member("notice", row.noticeKey)
                            json.member("number", row.number)
                            json.member("overdue", row.overdue)
                            json.member("printed", row.printed)
                            json.member("role", row.role)
                            json.member("taskId", row.taskID)
                            json.member("text", row.text)
                            json.member("title", row.title)
                            json.member("unit", row.unit)
                        }
                    }
                }
                json.lineBreak()
                return json.bytes
            }
        }

        static let eventColumns = ["stored_at", "notice", "version", "task_id", "number", "event", "field", "old", "new"]

        static func render(events: [TaskStore.EventRow], as format: Format) -> [UInt8] {
            let rows = events.map { event in
                [
                    event.storedAt, event.noticeKey, String(event.version), event.taskID ?? "", event.number ?? "", event.event,
                    event.field ?? "", event.old ?? "", event.new ?? "",
                ]
            }
            switch format {
            case .csv: return csv(eventColumns, rows)
            case .table:
                return table(
                    ["stored at", "notice", "v", "number", "event", "field", "old", "new"],
                    rows.map { row in
                        [row[0], row[1], row[2], row[4], row[5], row[6], row[7], row[8]]
                    })
            case .json:
                var json = JSONStream(pretty: true)
                json.object { json in
                    json.key("events")
                    json.array(events) { json, event in
                        json.object { json in
                            json.member("event", event.event)
                            json.member("field", event.field)
                            json.member("new", event.new)
                            json.member("notice", event.noticeKey)
                            json.member("number", event.number)
                            json.member("old", event.old)
                            json.member("storedAt", event.storedAt)
                            json.member("taskId", event.taskID)
                            json.member("version", event.version)
                        }
                    }
                }
                json.lineBreak()
                return json.bytes
            }
        }

        static func csv(_ header: [String], _ rows: [[String]]) -> [UInt8] {
            CSVExporter.row(header) + rows.flatMap(CSVExporter.row)
        }

        /// Columns padded to their widest cell in terminal columns (a CJK character is two);
        /// long texts cut to 40 columns with `…`.
        static func table(_ header: [String], _ rows: [[String]]) -> [UInt8] {
            func width(_ text: String) -> Int {
                text.unicodeScalars.reduce(0) {
                    $0
                        + ($1.value >= 0x1100 && $1.properties.isIdeographic || (0xFF00...0xFF60).contains($1.value)
                            || (0x3000...0x303F).contains($1.value) ? 2 : 1)
                }
            }
            func cut(_ text: String) -> String {
                var result = ""
                var used = 0
                for scalar in text.unicodeScalars {
                    let w = width(String(scalar))
                    if used + w > 40 { return result + "…" }
                    result.unicodeScalars.append(scalar)
                    used += w
                }
                return result
            }
            let cells = ([header] + rows).map { $0.map(cut) }
            let widths = header.indices.map { column in cells.map { width($0[column]) }.max() ?? 0 }
            var text = ""
            for row in cells {
                let line = row.indices.map { column in
                    column == row.count - 1 ? row[column] : row[column] + String(repeating: " ", count: widths[column] - width(row[column]))
                }
                text += line.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
            }
            if rows.isEmpty { text += "(none)\n" }
            return Array(text.utf8)
        }
    }
}
