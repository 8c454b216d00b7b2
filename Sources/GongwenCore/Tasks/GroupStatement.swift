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

    /// What a section's own text states for the items under it, when it names its scope:
    /// `以下各项工作于年底前完成`, `下列任务由区财政局牵头`. (A section heading's own span —
    /// `二、集中攻坚阶段（2022年5月—8月）` — is the section's schedule, never its items'.)
    init(scopedIn text: String, workYear: Int?, notBefore: CalendarDate?) {
        // Only a sentence with a scope word states for the items below.
        guard Self.scopeWords.contains(where: { text.utf8Contains($0) }) else { return }
        let folded = FoldedText(text)
        let scalars = folded.folded
        for sentence in UnitListParser.split(scalars, 0..<scalars.count, at: ["。", ";", "\n"]) {
            let words = folded.original(sentence)
            guard Self.scopeWords.contains(where: { words.utf8Contains($0) }) else { continue }
            self.text = words
            deadline = DeadlineParser.find(inProse: words, workYear: workYear, notBefore: notBefore)
            units = RolePhraseReader.read(FoldedText(words))
            if states { return }
        }
    }

    /// Words by which a sentence says it speaks of the items below it.
    private static let scopeWords = ["以下", "下列", "如下"]

    /// Whether the group states anything its items can inherit.
    var states: Bool { deadline != nil || !units.isEmpty }

    /// The diagnostic that says an item took `what` from this group, and from where.
    func inherited(_ what: String, by task: WorkTask) -> Diagnostic {
        Diagnostic(
            .info, .tasks, code: "inherited-from-group",
            "task \(task.number ?? "?"): \(what) from the group statement “\(text)”", line: task.source.line)
    }
}
