import Foundation
import GongwenCore
import GongwenExport

/// A tracker's database of notices, their versions and every task's history.
///
/// `store(_:)` loads one extraction output: the notice is found by its key (发文字号, else its
/// title and signing day), and an output whose content fingerprint is the notice's latest
/// version's changes nothing. Otherwise a new version is recorded and the notice's tasks are
/// brought to the output's, step by step as `NoticeDiff.taskSteps` aligns them — a task kept
/// (edited, renumbered, its deadline moved, a unit added) keeps its row and records a
/// `changed` event per difference; a new task is `added`; a task no longer printed is
/// `removed` (its row stays, with its history). Every event names the version that caused
/// it. All of it is one transaction: a process killed mid-store leaves the database as it was
/// before that notice.
public final class TaskStore: Sendable {
    public let database: any StoreDatabase
    public let location: StoreLocation

    private init(database: any StoreDatabase, location: StoreLocation) {
        self.database = database
        self.location = location
    }

    /// Opens (and creates or migrates) the database at `location`: a path to an SQLite file,
    /// or a `postgres://` URL.
    public static func open(_ location: String) async throws -> TaskStore {
        let parsed = try StoreLocation(location)
        let database: any StoreDatabase
        switch parsed {
        case .sqlite(let path): database = try SQLiteDatabase(path: path)
        case .postgres: database = try await PostgresDatabase.connect(parsed)
        }
        let store = TaskStore(database: database, location: parsed)
        do {
            _ = try await StoreSchema.migrate(database, now: Self.timestamp(Date()))
        } catch {
            await database.close()
            throw StoreError("\(parsed.display): \(error)")
        }
        return store
    }

    public func close() async { await database.close() }

    /// What storing one output did.
    public struct Outcome: Sendable, Equatable {
        public enum Status: String, Sendable { case new, updated, unchanged }
        public var status: Status
        public var noticeKey: String
        /// The version number recorded (the latest one, when unchanged).
        public var version: Int
        public var added = 0
        public var changed = 0
        public var removed = 0
    }

    /// The notice's key: its 发文字号, else its title and signing day, else its source's hash.
    public static func noticeKey(_ document: OutputDocument) -> String {
        if let number = document.metadata.documentNumber?.trimmedText, !number.isEmpty { return number }
        if let title = document.metadata.title?.trimmedText, !title.isEmpty {
            return title + " " + (document.metadata.signedOn?.description ?? "")
        }
        return "sha256:" + document.source.sha256
    }

    /// Stores one output, in one transaction.
    public func store(_ document: OutputDocument, at now: Date = Date()) async throws -> Outcome {
        let stamp = Self.timestamp(now)
        return try await database.transaction { session in
            try Self.store(document, stamp: stamp, in: session)
        }
    }

    // MARK: - Storing

    /// A stored task, as the diff engine compares it.
    private struct StoredTask {
        var row: Int
        var key: String
        var task: OutputDocument.Task
    }

    private static func store(_ document: OutputDocument, stamp: String, in session: any StoreSession) throws -> Outcome {
        let key = noticeKey(document)
        try session.lock(key)
        let metadata = document.metadata
        let noticeFields: [SQLValue] = [
            .optional(metadata.documentNumber), .optional(metadata.title), .optional(metadata.issuer),
            .optional(metadata.signedOn?.description), .optional(metadata.publishedOn?.description),
            document.workYear.map { .integer($0) } ?? .null,
        ]
        let noticeID: Int
        var status = Outcome.Status.new
        if let existing = try session.query(
            """
            SELECT n.id, v.fingerprint, v.version FROM notices n LEFT JOIN notice_versions v ON v.id = n.latest_version_id
            WHERE n.notice_key = ?
            """, [.text(key)]
        ).first, let id = existing[0].integer {
            if existing[1].text == document.contentFingerprint {
                return Outcome(status: .unchanged, noticeKey: key, version: existing[2].integer ?? 0)
            }
            noticeID = id
            status = .updated
            try session.execute(
                """
                UPDATE notices SET document_number = ?, title = ?, issuer = ?, signed_on = ?, published_on = ?, work_year = ?
                WHERE id = ?
                """, noticeFields + [.integer(id)])
        } else {
            guard
                let id = try session.scalar(
                    """
                    INSERT INTO notices (notice_key, document_number, title, issuer, signed_on, published_on, work_year)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
                    """, [.text(key)] + noticeFields)?.integer
            else { throw StoreError("the database gave no id for the notice") }
            noticeID = id
        }
        let version =
            (try session.scalar("SELECT MAX(version) FROM notice_versions WHERE notice_id = ?", [.integer(noticeID)])?.integer ?? 0) + 1
        guard
            let versionID = try session.scalar(
                """
                INSERT INTO notice_versions (notice_id, version, source_sha256, fingerprint, source_path, source_url, source_format,
                    source_encoding, generator, task_count, stored_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """,
                [
                    .integer(noticeID), .integer(version), .text(document.source.sha256), .text(document.contentFingerprint),
                    .text(document.source.path), .optional(document.source.url), .text(document.source.format.rawValue),
                    .text(document.source.encoding), .text(document.generator), .integer(document.tasks.count), .text(stamp),
                ])?.integer
        else { throw StoreError("the database gave no id for the version") }
        try session.execute("UPDATE notices SET latest_version_id = ? WHERE id = ?", [.integer(versionID), .integer(noticeID)])
        try session.execute(
            "INSERT INTO parts (version_id, attachment, title) VALUES (?, 0, ?)", [.integer(versionID), .text(metadata.title ?? "")])
        for attachment in metadata.attachments where attachment.number > 0 {
            try session.execute(
                "INSERT INTO parts (version_id, attachment, title) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [.integer(versionID), .integer(attachment.number), .text(attachment.title)])
        }

        let stored = try storedTasks(notice: noticeID, in: session)
        var outcome = Outcome(status: status, noticeKey: key, version: version)
        func event(_ row: Int, _ kind: String, _ field: String?, _ old: String?, _ new: String?) throws {
            try session.execute(
                """
                INSERT INTO task_events (task_id, version_id, event, field, old_value, new_value, stored_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.integer(row), .integer(versionID), .text(kind), .optional(field), .optional(old), .optional(new), .text(stamp)])
        }
        var usedKeys = Set(
            try session.query("SELECT task_key FROM tasks WHERE notice_id = ?", [.integer(noticeID)]).compactMap { $0[0].text })
        for step in NoticeDiff.taskSteps(stored.map(\.task), document.tasks) {
            switch step {
            case .kept(let i, let j, let changes, _):
                let row = stored[i].row
                let task = document.tasks[j]
                try session.execute(
                    """
                    UPDATE tasks SET current_id = ?, position = ?, number = ?, section_path = ?, attachment = ?, text = ?, layout = ?,
                        source_line = ?, last_seen_in = ? WHERE id = ?
                    """,
                    [
                        .optional(task.id), .integer(task.index), .optional(task.number), .text(Self.sectionPath(task.sectionPath)),
                        .integer(Self.attachment(of: task)), .text(task.text), .text(task.layout.rawValue), .integer(task.source.line),
                        .integer(versionID), .integer(row),
                    ])
                if stored[i].task.units != task.units { try writeUnits(task.units, row: row, replacing: true, in: session) }
                if stored[i].task.deadline != task.deadline { try writeDeadline(task.deadline, row: row, replacing: true, in: session) }
                for change in changes {
                    let (field, old, new) = Self.describe(change)
                    try event(row, "changed", field, old, new)
                }
                if !changes.isEmpty { outcome.changed += 1 }
            case .added(let j):
                let task = document.tasks[j]
                var taskKey = task.id ?? "task-\(task.index)"
                // A key already used by a removed task of the notice comes back as that task.
                if usedKeys.contains(taskKey),
                    let removed = try session.query(
                        "SELECT id FROM tasks WHERE notice_id = ? AND task_key = ? AND status = 'removed'",
                        [.integer(noticeID), .text(taskKey)]
                    ).first?.first?.integer
                {
                    try session.execute(
                        """
                        UPDATE tasks SET status = 'open', current_id = ?, position = ?, number = ?, section_path = ?, attachment = ?, text = ?,
                            layout = ?, source_line = ?, last_seen_in = ? WHERE id = ?
                        """,
                        [
                            .optional(task.id), .integer(task.index), .optional(task.number), .text(Self.sectionPath(task.sectionPath)),
                            .integer(Self.attachment(of: task)), .text(task.text), .text(task.layout.rawValue), .integer(task.source.line),
                            .integer(versionID), .integer(removed),
                        ])
                    try writeUnits(task.units, row: removed, replacing: true, in: session)
                    try writeDeadline(task.deadline, row: removed, replacing: true, in: session)
                    try event(removed, "added", nil, nil, Self.summary(task))
                    outcome.added += 1
                    continue
                }
                var suffix = 2
                while usedKeys.contains(taskKey) {
                    taskKey = (task.id ?? "task-\(task.index)") + "~\(suffix)"
                    suffix += 1
                }
                usedKeys.insert(taskKey)
                guard
                    let row = try session.scalar(
                        """
                        INSERT INTO tasks (notice_id, task_key, current_id, status, position, number, section_path, attachment, text, layout,
                            source_line, added_in, last_seen_in)
                        VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                        """,
                        [
                            .integer(noticeID), .text(taskKey), .optional(task.id), .integer(task.index), .optional(task.number),
                            .text(Self.sectionPath(task.sectionPath)), .integer(Self.attachment(of: task)), .text(task.text),
                            .text(task.layout.rawValue), .integer(task.source.line), .integer(versionID), .integer(versionID),
                        ])?.integer
                else { throw StoreError("the database gave no id for a task") }
                try writeUnits(task.units, row: row, replacing: false, in: session)
                try writeDeadline(task.deadline, row: row, replacing: false, in: session)
                try event(row, "added", nil, nil, Self.summary(task))
                outcome.added += 1
            case .removed(let i):
                try session.execute("UPDATE tasks SET status = 'removed' WHERE id = ?", [.integer(stored[i].row)])
                try event(stored[i].row, "removed", nil, Self.summary(stored[i].task), nil)
                outcome.removed += 1
            }
        }
        return outcome
    }

    /// The notice's open tasks as its latest version printed them.
    private static func storedTasks(notice: Int, in session: any StoreSession) throws -> [StoredTask] {
        let rows = try session.query(
            """
            SELECT id, task_key, current_id, position, number, section_path, text, layout, source_line FROM tasks
            WHERE notice_id = ? AND status = 'open' ORDER BY position
            """, [.integer(notice)])
        let units = try unitsByTask(
            session.query(
                """
                SELECT u.task_id, u.printed, u.role, u.canonical, u.canonical_id, u.open_list FROM task_units u
                JOIN tasks t ON t.id = u.task_id WHERE t.notice_id = ? AND t.status = 'open' ORDER BY u.task_id, u.position
                """, [.integer(notice)]))
        let deadlines = try deadlinesByTask(
            session.query(
                """
                SELECT d.task_id, d.raw, d.kind, d.due_on, d.milestones FROM deadlines d
                JOIN tasks t ON t.id = d.task_id WHERE t.notice_id = ? AND t.status = 'open'
                """, [.integer(notice)]))
        return rows.map { row in
            let id = row[0].integer ?? 0
            return StoredTask(
                row: id, key: row[1].text ?? "", task: task(row.dropFirst(2), units: units[id] ?? [], deadline: deadlines[id]))
        }
    }

    /// A task from `current_id, position, number, section_path, text, layout, source_line`.
    static func task(_ columns: ArraySlice<SQLValue>, units: [OutputDocument.Unit], deadline: Deadline?) -> OutputDocument.Task {
        let c = Array(columns)
        return OutputDocument.Task(
            id: c[0].text, index: c[1].integer ?? 0, number: c[2].text, sectionPath: splitSectionPath(c[3].text ?? ""),
            text: c[4].text ?? "", units: units, deadline: deadline, layout: WorkTask.Layout(rawValue: c[5].text ?? "") ?? .sentence,
            source: SourceLocation(line: c[6].integer ?? 0))
    }

    /// Units from `task_id, printed, role, canonical, canonical_id, open_list` rows.
    static func unitsByTask(_ rows: [[SQLValue]]) -> [Int: [OutputDocument.Unit]] {
        var result: [Int: [OutputDocument.Unit]] = [:]
        for row in rows {
            guard let task = row[0].integer, let name = row[1].text, let role = row[2].text.flatMap(Role.init(rawValue:)) else { continue }
            let canonical = row[3].text.map { UnitGazetteer.Unit(id: row[4].text ?? "", name: $0) }
            result[task, default: []].append(
                OutputDocument.Unit(name: name, role: role, openList: row[5].integer == 1, canonical: canonical))
        }
        return result
    }

    /// Deadlines from `task_id, raw, kind, due_on, milestones` rows.
    static func deadlinesByTask(_ rows: [[SQLValue]]) -> [Int: Deadline] {
        var result: [Int: Deadline] = [:]
        for row in rows {
            guard let task = row[0].integer, let raw = row[1].text else { continue }
            let milestones = row[4].text.flatMap { try? JSONDecoder().decode([Deadline.Milestone].self, from: Data($0.utf8)) } ?? []
            result[task] = Deadline(
                raw: raw, kind: row[2].text.flatMap(Deadline.Kind.init(rawValue:)), due: row[3].text.flatMap(CalendarDate.init(iso:)),
                milestones: milestones)
        }
        return result
    }

    private static func writeUnits(_ units: [OutputDocument.Unit], row: Int, replacing: Bool, in session: any StoreSession) throws {
        if replacing { try session.execute("DELETE FROM task_units WHERE task_id = ?", [.integer(row)]) }
        for (position, unit) in units.enumerated() {
            try session.execute(
                """
                INSERT INTO task_units (task_id, position, printed, canonical, canonical_id, role, open_list) VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(row), .integer(position + 1), .text(unit.name), .optional(unit.canonical?.name), .optional(unit.canonical?.id),
                    .text(unit.role.rawValue), .integer(unit.openList ? 1 : 0),
                ])
        }
    }

    private static func writeDeadline(_ deadline: Deadline?, row: Int, replacing: Bool, in session: any StoreSession) throws {
        if replacing { try session.execute("DELETE FROM deadlines WHERE task_id = ?", [.integer(row)]) }
        guard let deadline else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let milestones = String(decoding: (try? encoder.encode(deadline.milestones)) ?? Data("[]".utf8), as: UTF8.self)
        try session.execute(
            "INSERT INTO deadlines (task_id, raw, kind, due_on, milestones) VALUES (?, ?, ?, ?, ?)",
            [
                .integer(row), .text(deadline.raw), .text(deadline.kind?.rawValue ?? "unknown"), .optional(deadline.due?.description),
                .text(milestones),
            ])
    }

    // MARK: - Words

    /// Section paths are kept as one text, parts joined by ` > `.
    static func sectionPath(_ path: [String]) -> String { path.joined(separator: " > ") }

    static func splitSectionPath(_ text: String) -> [String] {
        text.isEmpty ? [] : text.components(separatedBy: " > ")
    }

    /// The attachment a task is printed in (`附件2 …` heads its section path), 0 for the body.
    static func attachment(of task: OutputDocument.Task) -> Int {
        guard let first = task.sectionPath.first, first.hasPrefix("附件") else { return 0 }
        return Int(first.dropFirst(2).prefix { $0.isASCII && $0.isNumber }) ?? 0
    }

    /// `3 通过新闻媒体发布…` — a task as an event names it.
    static func summary(_ task: OutputDocument.Task) -> String {
        (task.number.map { $0 + " " } ?? "") + task.text
    }

    static func describe(_ deadline: Deadline?) -> String? {
        guard let deadline else { return nil }
        return deadline.raw + (deadline.due.map { " (\($0))" } ?? "")
    }

    /// A change as `field, old, new`.
    static func describe(_ change: NoticeDiff.TaskChange) -> (String, String?, String?) {
        switch change {
        case .number(let old, let new): ("number", old, new)
        case .text(let old, let new): ("text", old, new)
        case .section(let old, let new): ("section", sectionPath(old), sectionPath(new))
        case .unitAdded(let name, let role): ("unit", nil, "\(name) (\(role.rawValue))")
        case .unitRemoved(let name, let role): ("unit", "\(name) (\(role.rawValue))", nil)
        case .unitRole(let name, let old, let new):
            ("unit", "\(name) (\(old.map(\.rawValue).joined(separator: ", ")))", "\(name) (\(new.map(\.rawValue).joined(separator: ", ")))")
        case .deadline(let old, let new): ("deadline", describe(old), describe(new))
        }
    }

    /// An instant as stored: ISO 8601 in UTC with milliseconds, so that text order is time order.
    public static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = milliseconds / 1000
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(milliseconds % 1000))
    }
}
