import GongwenCore

/// The differences between two outputs for one notice, in the notice's terms.
///
/// ```
/// metadata.signedOn: 2017-09-08 → 2017-09-09
/// task 3 “通过新闻媒体发布全区经济运行…” changed
///   deadline: 全年 (yearRound, 2017-12-31) → 9月底前 (date, 2017-09-30)
///   unit 区统计局: lead → responsible
/// task added after 5: 6 “做好城乡低保…” (区民政局 lead; 全年)
/// tasks 6–33 renumbered 7–34 (+1)
/// ```
///
/// A run of tasks whose numbers all moved by the same amount that the tasks added or removed
/// before them explain (an insertion shifts every later number by one) is one `renumbered`
/// change, not a change per task; a number change that no insertion or removal explains is
/// still reported on its task.
public struct NoticeDiff: Sendable, Equatable {
    /// One difference.
    public enum Change: Sendable, Equatable {
        case metadata(field: String, old: String?, new: String?)
        case taskAdded(after: String?, task: OutputDocument.Task)
        case taskRemoved(OutputDocument.Task)
        case taskChanged(old: OutputDocument.Task, new: OutputDocument.Task, changes: [TaskChange])
        /// `count` consecutive tasks, numbered `oldFirst`…`oldLast` before and `newFirst`…
        /// `newLast` after, each moved by `shift` and otherwise unchanged in number.
        case renumbered(oldFirst: String, oldLast: String, newFirst: String, newLast: String, shift: Int, count: Int)
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
        var run: Numbering.Run?
        func closeRun() {
            if let finished = run {
                changes.append(
                    .renumbered(
                        oldFirst: finished.oldFirst, oldLast: finished.oldLast, newFirst: finished.newFirst, newLast: finished.newLast,
                        shift: finished.shift, count: finished.count))
            }
            run = nil
        }
        for step in Self.taskSteps(old.tasks, new.tasks, ignoring: ignoring) {
            switch step {
            case .kept(let i, let j, let taskChanges, let renumbered):
                let (was, now) = (old.tasks[i], new.tasks[j])
                lastNew = now.number ?? String(now.index)
                if renumbered, let shift = Numbering.shift(was, now), let key = Numbering.key(now) {
                    // Explained by the insertions and removals before it: part of a renumbered run.
                    if let current = run, current.key == key, current.shift == shift, taskChanges.isEmpty {
                        run?.extend(was.number ?? "", now.number ?? "")
                    } else {
                        closeRun()
                        if taskChanges.isEmpty {
                            run = Numbering.Run(key: key, shift: shift, old: was.number ?? "", new: now.number ?? "")
                        } else {
                            changes.append(
                                .renumbered(
                                    oldFirst: was.number ?? "", oldLast: was.number ?? "", newFirst: now.number ?? "",
                                    newLast: now.number ?? "", shift: shift, count: 1))
                        }
                    }
                } else {
                    closeRun()
                }
                if !taskChanges.isEmpty { changes.append(.taskChanged(old: was, new: now, changes: taskChanges)) }
            case .removed(let i):
                closeRun()
                changes.append(.taskRemoved(old.tasks[i]))
            case .added(let j):
                closeRun()
                changes.append(.taskAdded(after: lastNew, task: new.tasks[j]))
                lastNew = new.tasks[j].number ?? String(new.tasks[j].index)
            }
        }
        closeRun()
        self.changes = changes
    }

    /// How one task list became another, task by task.
    public enum TaskStep: Sendable, Equatable {
        /// The same task on both sides (aligned by text), with what changed in it. A number
        /// change that the insertions and removals before it explain is not among `changes`:
        /// `renumbered` says it happened.
        case kept(old: Int, new: Int, changes: [TaskChange], renumbered: Bool)
        case added(new: Int)
        case removed(old: Int)
    }

    /// The steps from `old` to `new`, in order: what a tracker's history records (a
    /// renumbered or edited task is kept, not removed and added).
    public static func taskSteps(
        _ old: [OutputDocument.Task], _ new: [OutputDocument.Task], ignoring: Set<String> = []
    ) -> [TaskStep] {
        func ignored(_ field: String) -> Bool {
            ignoring.contains(field) || ignoring.contains(String(field.split(separator: ".").first ?? ""))
        }
        var steps: [TaskStep] = []
        // Tasks added minus tasks removed so far, per numbering (section and number style):
        // the shift an insertion or removal explains in the numbers after it.
        var net: [Numbering.Key: Int] = [:]
        for pair in TaskAligner.align(old.map(\.text), new.map(\.text)) {
            switch (pair.old, pair.new) {
            case (let i?, let j?):
                var taskChanges = compare(old[i], new[j], ignored: ignored)
                var renumbered = false
                if let shift = Numbering.shift(old[i], new[j]), let key = Numbering.key(new[j]), shift == net[key, default: 0],
                    taskChanges.contains(.number(old: old[i].number, new: new[j].number))
                {
                    taskChanges.removeAll { $0 == .number(old: old[i].number, new: new[j].number) }
                    renumbered = true
                }
                steps.append(.kept(old: i, new: j, changes: taskChanges, renumbered: renumbered))
            case (let i?, nil):
                steps.append(.removed(old: i))
                if let key = Numbering.key(old[i]) { net[key, default: 0] -= 1 }
            case (nil, let j?):
                steps.append(.added(new: j))
                if let key = Numbering.key(new[j]) { net[key, default: 0] += 1 }
            case (nil, nil):
                continue
            }
        }
        return steps
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

/// How tasks are numbered, for telling a shift of numbering from a changed number.
enum Numbering {
    /// One sequence of numbers: the task's section and the style of its number (`12`, `3.`,
    /// `（二）`).
    struct Key: Hashable {
        var section: [String]
        var style: String
    }

    /// Consecutive renumbered tasks with the same shift.
    struct Run {
        var key: Key
        var shift: Int
        var oldFirst: String
        var oldLast: String
        var newFirst: String
        var newLast: String
        var count = 1

        init(key: Key, shift: Int, old: String, new: String) {
            self.key = key
            self.shift = shift
            oldFirst = old
            oldLast = old
            newFirst = new
            newLast = new
        }

        mutating func extend(_ old: String, _ new: String) {
            oldLast = old
            newLast = new
            count += 1
        }
    }

    /// The style and value of a task's number: a bare row number (`12`) or a marker (`3.`,
    /// `（二）`, `四、`).
    static func read(_ number: String?) -> (style: String, value: Int)? {
        guard let number = number?.trimmedText, !number.isEmpty else { return nil }
        if let value = Int(number) { return ("row", value) }
        guard let (marker, bodyStart) = MarkerReader.readStart(of: number), bodyStart >= number.unicodeScalars.count else { return nil }
        return ("\(marker.style)", marker.value)
    }

    static func key(_ task: OutputDocument.Task) -> Key? {
        read(task.number).map { Key(section: task.sectionPath, style: $0.style) }
    }

    /// How far the number moved, when both sides are numbers of one style.
    static func shift(_ old: OutputDocument.Task, _ new: OutputDocument.Task) -> Int? {
        guard let before = read(old.number), let after = read(new.number), before.style == after.style,
            old.sectionPath == new.sectionPath, after.value != before.value
        else { return nil }
        return after.value - before.value
    }
}
