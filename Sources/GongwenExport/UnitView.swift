import GongwenCore

/// Who owes what by when: the tasks of many output documents, regrouped by unit.
///
/// A supervision office reads a batch unit by unit: each unit's tasks with its role, the
/// notice, the due date and whether the task is overdue on a given day. Units are grouped by
/// their canonical unit when the documents carry one (`OutputDocument.applying(_:)` with a
/// `UnitGazetteer`), else by their printed name, so `区发改局` and `区发展改革委` stay apart until
/// a gazetteer joins them.
/// A task whose id was already listed for the unit (the same notice saved twice) is listed once.
public struct UnitView: Sendable, Equatable {
    /// Printed names no gazetteer knew, with how many task assignments carry each, most
    /// frequent first: the list to grow the gazetteer from.
    public static func unknownNames(_ documents: [OutputDocument]) -> [(name: String, count: Int)] {
        var counts: [String: Int] = [:]
        for document in documents {
            for task in document.tasks {
                for unit in task.units where unit.canonical == nil { counts[unit.name, default: 0] += 1 }
            }
        }
        return counts.map { ($0.key, $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
        }
    }

    /// One task as one unit sees it.
    public struct Entry: Sendable, Equatable {
        /// The canonical name when a gazetteer knows the unit, else the printed one.
        public var unit: String
        /// The gazetteer's id of the unit, and the name as printed in this task.
        public var unitID: String?
        public var printed: String
        public var role: Role
        /// The input the task came from (`source.path`), and the notice's title.
        public var document: String
        public var title: String?
        public var taskID: String?
        /// The task's position in its document (`tasks[].index`).
        public var index: Int
        public var number: String?
        public var text: String
        public var deadline: Deadline?
        /// Due before the as-of day. Nil without an as-of day or without a due date, and for
        /// kinds that never fall due (持续推进, 适时).
        public var overdue: Bool?
    }

    public struct UnitTasks: Sendable, Equatable {
        public var unit: String
        public var unitID: String?
        public var entries: [Entry]
        public var overdueCount: Int { entries.count { $0.overdue == true } }
    }

    public var asOf: CalendarDate?
    /// Units in UTF-8 byte order of their names; each unit's tasks by due date (undated last),
    /// then document, then place in the document.
    public var units: [UnitTasks]

    public init(_ documents: [OutputDocument], asOf: CalendarDate? = nil, only selected: Set<String> = []) {
        self.asOf = asOf
        var byUnit: [String: [(key: SortKey, entry: Entry)]] = [:]
        // The same notice saved twice gives the same task ids: each task is listed once, from
        // the first document that has it.
        var seen: Set<[String]> = []
        for (documentIndex, document) in documents.enumerated() {
            for task in document.tasks {
                for unit in task.units {
                    let name = unit.canonical?.name ?? unit.name
                    guard selected.isEmpty || selected.contains(name) || selected.contains(unit.name) else { continue }
                    if let id = task.id, !seen.insert([name, id]).inserted { continue }
                    let entry = Entry(
                        unit: name, unitID: unit.canonical?.id, printed: unit.name, role: unit.role, document: document.source.path,
                        title: document.metadata.title,
                        taskID: task.id, index: task.index, number: task.number, text: task.text, deadline: task.deadline,
                        overdue: Self.isOverdue(task.deadline, asOf: asOf))
                    let key = SortKey(due: task.deadline?.due, document: documentIndex, index: task.index)
                    byUnit[name, default: []].append((key, entry))
                }
            }
        }
        units = byUnit.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { name in
            let entries = byUnit[name]!.sorted { $0.key < $1.key }.map(\.entry)
            return UnitTasks(unit: name, unitID: entries.first?.unitID, entries: entries)
        }
    }

    static func isOverdue(_ deadline: Deadline?, asOf: CalendarDate?) -> Bool? {
        guard let asOf, let deadline, let due = deadline.due else { return nil }
        switch deadline.kind {
        case .ongoing, .asNeeded: return nil
        default: return due < asOf
        }
    }

    private struct SortKey: Comparable {
        var due: CalendarDate?
        var document: Int
        var index: Int

        static func < (a: SortKey, b: SortKey) -> Bool {
            switch (a.due, b.due) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return (a.document, a.index) < (b.document, b.index)
            }
        }
    }
}

// MARK: - Writing

extension UnitView {
    /// The CSV header: one row per unit and task.
    public static let csvHeader = [
        "unit", "unit_id", "printed", "role", "document", "title", "task_id", "number", "text", "deadline_raw", "deadline_kind", "due",
        "overdue",
    ]

    /// RFC 4180 CSV, one row per unit and task, in the view's order.
    public func csv(byteOrderMark: Bool = false) -> [UInt8] {
        let exporter = CSVExporter(byteOrderMark: byteOrderMark)
        var output: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        output += exporter.record(Self.csvHeader)
        for unit in units {
            for entry in unit.entries {
                output += exporter.record([
                    entry.unit, entry.unitID ?? "", entry.printed, entry.role.rawValue, entry.document, entry.title ?? "",
                    entry.taskID ?? "", entry.number ?? "",
                    entry.text, entry.deadline?.raw ?? "", entry.deadline?.kind?.rawValue ?? "",
                    entry.deadline?.due?.description ?? "", entry.overdue.map { $0 ? "yes" : "no" } ?? "",
                ])
            }
        }
        return output
    }

    /// Pretty JSON with sorted keys: `{"asOf", "units": [{"unit", "taskCount", "overdueCount", "tasks"}]}`.
    public func json() -> [UInt8] {
        jsonBytes(pretty: true, newline: true)
    }
}

extension UnitView: JSONWritable {
    public func write(to json: inout JSONStream) {
        json.object { json in
            json.member("asOf", asOf?.description)
            json.key("units")
            json.array(units) { json, unit in
                json.object { json in
                    json.member("overdueCount", unit.overdueCount)
                    json.member("taskCount", unit.entries.count)
                    json.member("tasks", unit.entries)
                    json.member("unit", unit.unit)
                    json.member("unitId", unit.unitID)
                }
            }
        }
    }
}

extension UnitView.Entry: JSONWritable {
    public func write(to json: inout JSONStream) {
        json.object { json in
            json.member("deadline", deadline)
            json.member("document", document)
            json.member("number", number)
            json.member("overdue", overdue)
            json.member("printed", printed)
            json.member("role", role.rawValue)
            json.member("taskId", taskID)
            json.member("text", text)
            json.member("title", title)
        }
    }
}
