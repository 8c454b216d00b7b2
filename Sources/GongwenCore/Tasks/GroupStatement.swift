/// A unit or deadline stated once for a group of items (DOMAIN.md §5 "Units and deadlines
/// stated once, for many items"): a category row of a task table (`一季度前完成以下工作`,
/// `以下任务由区财政局牵头`). Each item of the group that states none of its own inherits it;
/// an item's own statement always wins. (Merged cells are resolved in the grid already; a
/// prose stage heading's span is that stage's schedule and is never a group statement.)
struct GroupStatement {
    var text = ""
    var deadline: Deadline?
    var units: [UnitAssignment] = []

    init() {}

    /// Reads what a category row states for the rows under it.
    init(_ text: String, workYear: Int?, notBefore: CalendarDate?) {
        self.text = text
        let folded = FoldedText(text)
        deadline =
            HeadingSchedule.read(text, workYear: workYear)
            ?? DeadlineParser.find(inProse: folded, workYear: workYear, notBefore: notBefore)
        units = RolePhraseReader.read(folded)
    }

    /// Whether the group states anything its items can inherit.
    var states: Bool { deadline != nil || !units.isEmpty }

    /// The diagnostic that says an item took `what` from this group, and from where.
    func inherited(_ what: String, by task: WorkTask) -> Diagnostic {
        Diagnostic(
            .info, .tasks, code: "inherited-from-group",
            "task \(task.number ?? "?"): \(what) from the group statement “\(text)”", line: task.source.line)
    }
}
