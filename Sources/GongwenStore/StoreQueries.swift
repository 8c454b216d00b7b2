import Foundation
import GongwenCore
import GongwenExport

/// The queries trackers run, in SQL, and the notices as documents for the views that read
/// outputs (`units`, `calendar`, `report`).
extension TaskStore {
    /// Which tasks `tasks(_:)` lists.
    public struct TaskQuery: Sendable, Equatable {
        /// Only tasks assigned to one of these units (printed or canonical name).
        public var units: [String] = []
        /// The day overdue is judged on.
        public var asOf: CalendarDate?
        /// Only tasks due before `asOf` (deadlines that never fall due are never overdue).
        public var overdueOnly = false
        /// Only tasks due before this day.
        public var dueBefore: CalendarDate?

        public init(units: [String] = [], asOf: CalendarDate? = nil, overdueOnly: Bool = false, dueBefore: CalendarDate? = nil) {
            self.units = units
            self.asOf = asOf
            self.overdueOnly = overdueOnly
            self.dueBefore = dueBefore
        }
    }

    /// One open task as one of its units owes it (a task without units: one row, no unit).
    public struct TaskRow: Sendable, Equatable {
        /// The canonical name when the stored output had one, else the printed name.
        public var unit: String?
        public var printed: String?
        public var role: String?
        public var noticeKey: String
        public var title: String?
        public var taskID: String?
        public var number: String?
        public var text: String
        public var deadline: String?
        public var kind: String?
        public var due: String?
        /// Due before the as-of day (nil without one, or for kinds that never fall due).
        public var overdue: Bool?
    }

    /// The open tasks that match, by unit, then due day (undated last), notice and position.
    public func tasks(_ query: TaskQuery) async throws -> [TaskRow] {
        var conditions = ["t.status = 'open'"]
        var arguments: [SQLValue] = []
        if !query.units.isEmpty {
            let marks = Array(repeating: "?", count: query.units.count).joined(separator: ", ")
            conditions.append("(u.printed IN (\(marks)) OR u.canonical IN (\(marks)))")
            arguments += query.units.map { .text($0) } + query.units.map { .text($0) }
        }
        if query.overdueOnly, let asOf = query.asOf {
            conditions.append("d.due_on IS NOT NULL AND d.due_on < ? AND d.kind NOT IN ('ongoing', 'asNeeded')")
            arguments.append(.text(asOf.description))
        }
        if let dueBefore = query.dueBefore {
            conditions.append("d.due_on IS NOT NULL AND d.due_on < ?")
            arguments.append(.text(dueBefore.description))
        }
        let collation = Self.byteOrder(database.dialect)
        let sql = """
            SELECT COALESCE(u.canonical, u.printed), u.printed, u.role, n.notice_key, n.title, t.current_id, t.number, t.text,
                d.raw, d.kind, d.due_on
            FROM tasks t
            JOIN notices n ON n.id = t.notice_id
            LEFT JOIN task_units u ON u.task_id = t.id
            LEFT JOIN deadlines d ON d.task_id = t.id
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY COALESCE(u.canonical, u.printed)\(collation), CASE WHEN d.due_on IS NULL THEN 1 ELSE 0 END, d.due_on,
                n.notice_key\(collation), t.position, u.position
            """
        let asOf = query.asOf
        let bound = arguments
        let rows = try await database.read { session in try session.query(sql, bound) }
        return rows.map { row in
            let kind = row[9].text
            var overdue: Bool?
            if let asOf, let due = row[10].text, kind != "ongoing", kind != "asNeeded" { overdue = due < asOf.description }
            return TaskRow(
                unit: row[0].text, printed: row[1].text, role: row[2].text, noticeKey: row[3].text ?? "", title: row[4].text,
                taskID: row[5].text, number: row[6].text, text: row[7].text ?? "", deadline: row[8].text, kind: kind, due: row[10].text,
                overdue: overdue)
        }
    }

    /// One recorded event.
    public struct EventRow: Sendable, Equatable {
        public var storedAt: String
        public var noticeKey: String
        public var version: Int
        public var taskID: String?
        public var number: String?
        public var event: String
        public var field: String?
        public var old: String?
        public var new: String?
    }

    /// The events recorded at or after `since` (a day, `2017-10-01`, or an instant,
    /// `2017-10-01T08:00:00Z`), oldest first; with units, only the events of their tasks.
    public func events(since: String, units: [String] = []) async throws -> [EventRow] {
        var sql = """
            SELECT e.stored_at, n.notice_key, v.version, t.current_id, t.number, e.event, e.field, e.old_value, e.new_value
            FROM task_events e
            JOIN tasks t ON t.id = e.task_id
            JOIN notices n ON n.id = t.notice_id
            JOIN notice_versions v ON v.id = e.version_id
            WHERE e.stored_at >= ?
            """
        var arguments: [SQLValue] = [.text(since)]
        if !units.isEmpty {
            let marks = Array(repeating: "?", count: units.count).joined(separator: ", ")
            sql +=
                " AND EXISTS (SELECT 1 FROM task_units u WHERE u.task_id = t.id AND (u.printed IN (\(marks)) OR u.canonical IN (\(marks))))"
            arguments += units.map { .text($0) } + units.map { .text($0) }
        }
        sql += " ORDER BY e.id"
        let (query, bound) = (sql, arguments)
        let rows = try await database.read { session in try session.query(query, bound) }
        return rows.map { row in
            EventRow(
                storedAt: row[0].text ?? "", noticeKey: row[1].text ?? "", version: row[2].integer ?? 0, taskID: row[3].text,
                number: row[4].text, event: row[5].text ?? "", field: row[6].text, old: row[7].text, new: row[8].text)
        }
    }

    /// Every notice as its latest version left it: metadata and open tasks (no outline), in
    /// notice-key order, for the views that read outputs.
    public func documents() async throws -> [OutputDocument] {
        let collation = Self.byteOrder(database.dialect)
        return try await database.read { session in
            let notices = try session.query(
                """
                SELECT n.id, n.document_number, n.title, n.issuer, n.signed_on, n.published_on, n.work_year, v.fingerprint,
                    v.source_path, v.source_sha256, v.source_format, v.source_encoding, v.source_url, v.generator
                FROM notices n JOIN notice_versions v ON v.id = n.latest_version_id ORDER BY n.notice_key\(collation)
                """, [])
            let tasks = try session.query(
                """
                SELECT t.notice_id, t.id, t.current_id, t.position, t.number, t.section_path, t.text, t.layout, t.source_line
                FROM tasks t WHERE t.status = 'open' ORDER BY t.notice_id, t.position
                """, [])
            let units = Self.unitsByTask(
                try session.query(
                    """
                    SELECT u.task_id, u.printed, u.role, u.canonical, u.canonical_id, u.open_list FROM task_units u
                    JOIN tasks t ON t.id = u.task_id WHERE t.status = 'open' ORDER BY u.task_id, u.position
                    """, []))
            let deadlines = Self.deadlinesByTask(
                try session.query(
                    """
                    SELECT d.task_id, d.raw, d.kind, d.due_on, d.milestones FROM deadlines d
                    JOIN tasks t ON t.id = d.task_id WHERE t.status = 'open'
                    """, []))
            var tasksByNotice: [Int: [OutputDocument.Task]] = [:]
            for row in tasks {
                guard let notice = row[0].integer, let id = row[1].integer else { continue }
                tasksByNotice[notice, default: []].append(Self.task(row.dropFirst(2), units: units[id] ?? [], deadline: deadlines[id]))
            }
            return notices.map { row in
                let id = row[0].integer ?? 0
                var source = SourceInfo(
                    path: row[8].text ?? "", sha256: row[9].text ?? "", byteCount: 0,
                    format: SourceInfo.Format(rawValue: row[10].text ?? "") ?? .html, encoding: row[11].text ?? "",
                    encodingEvidence: "stored")
                source.url = row[12].text
                return OutputDocument(
                    generator: row[13].text ?? OutputDocument.currentGenerator, contentFingerprint: row[7].text ?? "", source: source,
                    workYear: row[6].integer,
                    metadata: OutputDocument.Metadata(
                        title: row[2].text, documentNumber: row[1].text, issuer: row[3].text,
                        signedOn: row[4].text.flatMap(CalendarDate.init(iso:)),
                        publishedOn: row[5].text.flatMap(CalendarDate.init(iso:))),
                    tasks: tasksByNotice[id] ?? [])
            }
        }
    }

    /// Text sorted by its UTF-8 bytes in both databases (SQLite's default; a PostgreSQL
    /// server's default collation follows its locale).
    static func byteOrder(_ dialect: SQLDialect) -> String {
        dialect == .postgres ? " COLLATE \"C\"" : ""
    }

    /// How many notices, versions, open tasks and events the database holds.
    public func counts() async throws -> (notices: Int, versions: Int, openTasks: Int, events: Int) {
        try await database.read { session in
            func count(_ sql: String) throws -> Int { try session.scalar(sql, [])?.integer ?? 0 }
            return (
                try count("SELECT COUNT(*) FROM notices"), try count("SELECT COUNT(*) FROM notice_versions"),
                try count("SELECT COUNT(*) FROM tasks WHERE status = 'open'"), try count("SELECT COUNT(*) FROM task_events")
            )
        }
    }
}
