import GongwenCore

/// The differences between two outputs for one notice, in the notice's terms.
///
/// ```
/// metadata.signedOn: 2017-09-08 → 2017-09-09
/// task 3 “通过新闻媒体发布全区经济运行…” changed
///   deadline: 全年 (yearRound, 2017-12-31) → 9月底前 (date, 2017-09-30)
///   unit 区统计局: lead → responsible
/// task added after 5: 6 “做好城乡低保…” (区民政局 lead; 全年)
/// ```
public struct NoticeDiff: Sendable, Equatable {
    /// One difference.
    public enum Change: Sendable, Equatable {
        case metadata(field: String, old: String?, new: String?)
        case taskAdded(after: String?, task: OutputDocument.Task)
        case taskRemoved(OutputDocument.Task)
        case taskChanged(old: OutputDocument.Task, new: OutputDocument.Task, changes: [TaskChange])
    }

    /// One difference inside a task both sides have.
    public enum TaskChange: Sendable, Equatable {
        case number(old: String?, new: String?)
        case text(old: String, new: String)
        case section(old: [String], new: [String])
        case unitAdded(name: String, role: Role)
        case unitRemoved(name: String, role: Role)
        case unitRole(name: String, old: [Role], new: [Role])
        case deadline(old: Deadline?, new: Deadline?)
    }

    /// Fields that can be left out of a comparison with `ignoring`.
    public static let fields: [String] = [
        "metadata", "metadata.title", "metadata.documentNumber", "metadata.issuer", "metadata.signedOn", "metadata.publishedOn",
        "metadata.addressees", "metadata.attachments", "workYear", "task.number", "task.text", "task.section", "task.units",
        "task.deadline",
    ]

    public var changes: [Change]

    public var isEmpty: Bool { changes.isEmpty }

    /// Compares two outputs.
    ///
    /// - Parameters:
    ///   - old: The expected (or older) output.
    ///   - new: The actual (or newer) output.
    ///   - ignoring: Field names from `fields` to leave out.
    public init(_ old: OutputDocument, _ new: OutputDocument, ignoring: Set<String> = []) {
        var changes: [Change] = []
        func ignored(_ field: String) -> Bool {
            ignoring.contains(field) || ignoring.contains(String(field.split(separator: ".").first ?? ""))
        }
        let metadataFields: [(String, String?, String?)] = [
            ("metadata.title", old.metadata.title, new.metadata.title),
            ("metadata.documentNumber", old.metadata.documentNumber, new.metadata.documentNumber),
            ("metadata.issuer", old.metadata.issuer, new.metadata.issuer),
            ("metadata.signedOn", old.metadata.signedOn?.description, new.metadata.signedOn?.description),
            ("metadata.publishedOn", old.metadata.publishedOn?.description, new.metadata.publishedOn?.description),
            ("metadata.addressees", old.metadata.addressees.joined(separator: "、"), new.metadata.addressees.joined(separator: "、")),
            (
                "metadata.attachments", old.metadata.attachments.map { "\($0.number).\($0.title)" }.joined(separator: " "),
                new.metadata.attachments.map { "\($0.number).\($0.title)" }.joined(separator: " ")
            ),
            ("workYear", old.workYear.map(String.init), new.workYear.map(String.init)),
        ]
        for (field, before, after) in metadataFields where before != after && !ignored(field) {
            changes.append(.metadata(field: field, old: before, new: after))
        }
        var lastNew: String?
        for pair in TaskAligner.align(old.tasks.map(\.text), new.tasks.map(\.text)) {
            switch (pair.old, pair.new) {
            case (let i?, let j?):
                let taskChanges = Self.compare(old.tasks[i], new.tasks[j], ignored: ignored)
                if !taskChanges.isEmpty { changes.append(.taskChanged(old: old.tasks[i], new: new.tasks[j], changes: taskChanges)) }
                lastNew = new.tasks[j].number ?? String(new.tasks[j].index)
            case (let i?, nil):
                changes.append(.taskRemoved(old.tasks[i]))
            case (nil, let j?):
                changes.append(.taskAdded(after: lastNew, task: new.tasks[j]))
                lastNew = new.tasks[j].number ?? String(new.tasks[j].index)
            case (nil, nil):
                continue
            }
        }
        self.changes = changes
    }

    private static func compare(
        _ old: OutputDocument.Task, _ new: OutputDocument.Task, ignored: (String) -> Bool
    ) -> [TaskChange] {
        var changes: [TaskChange] = []
        if !ignored("task.number"), old.number != new.number { changes.append(.number(old: old.number, new: new.number)) }
        if !ignored("task.text"), old.text != new.text { changes.append(.text(old: old.text, new: new.text)) }
        if !ignored("task.section"), old.sectionPath != new.sectionPath {
            changes.append(.section(old: old.sectionPath, new: new.sectionPath))
        }
        if !ignored("task.units") {
            let before = roles(old.units)
            let after = roles(new.units)
            for name in orderedNames(old.units, new.units) {
                switch (before[name], after[name]) {
                case (nil, let added?):
                    for role in added { changes.append(.unitAdded(name: name, role: role)) }
                case (let removed?, nil):
                    for role in removed { changes.append(.unitRemoved(name: name, role: role)) }
                case (let was?, let now?) where was != now:
                    changes.append(.unitRole(name: name, old: was, new: now))
                default:
                    continue
                }
            }
        }
        if !ignored("task.deadline"), !sameDeadline(old.deadline, new.deadline) {
            changes.append(.deadline(old: old.deadline, new: new.deadline))
        }
        return changes
    }

    private static func roles(_ units: [OutputDocument.Unit]) -> [String: [Role]] {
        var result: [String: [Role]] = [:]
        for unit in units { result[unit.name, default: []].append(unit.role) }
        return result.mapValues { $0.sorted() }
    }

    private static func orderedNames(_ a: [OutputDocument.Unit], _ b: [OutputDocument.Unit]) -> [String] {
        var names: [String] = []
        for unit in a + b where !names.contains(unit.name) { names.append(unit.name) }
        return names
    }

    private static func sameDeadline(_ a: Deadline?, _ b: Deadline?) -> Bool {
        a?.raw == b?.raw && a?.kind == b?.kind && a?.due == b?.due
    }
}
