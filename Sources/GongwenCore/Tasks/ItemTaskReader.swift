/// Reads tasks from numbered items in running text (DOMAIN.md §4, layouts 3 and 4).
///
/// An item is a task when it assigns responsibility itself (GOLD.md "What counts"):
/// - a labelled clause: `（牵头单位：市发改委；配合单位：市财政局；完成时限：2023年12月底前）`,
///   also without brackets (`责任单位：X。`) and with `责任部门`, `完成时间`, `时间`;
/// - a role phrase in a sentence: `X牵头，Y配合`, `由X负责`, `X会同Y`, `请X…`;
/// - a deadline for its main action: `9月底前完成…`.
/// Items under aims sections (指导思想, 基本原则, 工作目标 …) are outline, never tasks.
struct ItemTaskReader {
    var workYear: Int?
    /// The last row read from a glued table, whose merged unit cells a unit-less row shares.
    private var previousGluedRow: GluedTableReader.Row?
    /// Units stated once for all later items: `以下均需试点城市政府落实，不再列出`.
    private var carriedUnits: [UnitAssignment] = []
    /// Judgement calls made while reading, for the notice's diagnostics.
    private(set) var diagnostics: [Diagnostic] = []
    /// The document says `列第一位者为牵头单位` (or `排在第一位的部门为牵头部门`): in every unit
    /// list the first unit leads and the others support (GOLD.md "Roles").
    var firstListedLeads = false

    /// The signing (or publish) date; prose dates before it are facts, not deadlines.
    var notBefore: CalendarDate?

    /// The notice states standing rules (`DocumentGenre`): only labelled clauses make tasks.
    var standingRules = false

    init(workYear: Int?, firstListedLeads: Bool = false, notBefore: CalendarDate? = nil) {
        self.workYear = workYear
        self.notBefore = notBefore
        self.firstListedLeads = firstListedLeads
    }

    /// Section titles whose items state aims, not tasks.
    static let aimsTitles = [
        "指导思想", "总体要求", "基本原则", "工作目标", "主要目标", "发展目标", "总体目标", "目标任务", "基本要求", "总体思路", "工作思路",
        "主要目的", "工作目的",
    ]

    /// Whether an item is in an aims section or is one (its items are outline, never tasks).
    static func isInAimsSection(_ item: OutlineBuilder.PlacedSection) -> Bool {
        ancestorsStateAims(item.ancestors) || titleStatesAims(item.title)
    }

    static func ancestorsStateAims(_ ancestors: ArraySlice<String>) -> Bool {
        ancestors.contains { title in aimsTitles.contains { title.utf8Contains($0) } }
    }

    /// Whether the title opens with an aims word, or joins parts that do (`总体思路和工作目标`).
    static func titleStatesAims(_ title: String) -> Bool {
        // Every aims word holds 思, 目, 原则 or 要求: most titles are passed on a byte search.
        guard aimsKeys.contains(where: { title.utf8Contains($0) }) else { return false }
        // An aims word can only start the title or follow 和/与/及/、.
        let scalars = title.unicodeScalars
        var index = scalars.startIndex
        var atPartStart = true
        while index != scalars.endIndex {
            let scalar = scalars[index]
            if atPartStart, aimsFirsts.contains(scalar), aimsTitlePatterns.contains(where: { scalars[index...].starts(with: $0) }) {
                return true
            }
            atPartStart = scalar == "和" || scalar == "与" || scalar == "及" || scalar == "、"
            index = scalars.index(after: index)
        }
        return false
    }

    private static let aimsFirsts = ScalarSet(firstScalarsOf: aimsTitlePatterns)
    private static let aimsKeys = ["思", "目", "原则", "要求"]
    private static let aimsTitlePatterns = aimsTitles.map(pattern)

    /// Statements a section makes for the items under it (`以下各项工作于年底前完成`), innermost
    /// last, with the path their items are under.
    private var groups: [(path: [String], statement: GroupStatement)] = []

    /// The ancestors of the last item read and whether they state aims: siblings share them.
    private var lastAncestors: (titles: ArraySlice<String>, stateAims: Bool) = ([], false)

    mutating func read(_ item: OutlineBuilder.PlacedSection) -> WorkTask? {
        if item.ancestors != lastAncestors.titles {
            lastAncestors = (item.ancestors, Self.ancestorsStateAims(item.ancestors))
        }
        if lastAncestors.stateAims || Self.titleStatesAims(item.title) { return nil }
        // Leave the groups this item is not under.
        while let last = groups.last, !item.sectionPath.starts(with: last.path) { groups.removeLast() }
        if item.hasChildren {
            let statement = GroupStatement(scopedIn: item.text, workYear: workYear, notBefore: notBefore)
            if statement.states { groups.append((item.sectionPath + [item.marker.printed + item.title], statement)) }
            return nil
        }
        guard let group = groups.last?.statement else { return readItem(item) }
        // An item's own statement wins; what it does not state it takes from its group.
        var found = readItem(item)
        if found == nil, !standingRules {
            found = task(item, text: item.text.trimmedText, units: [], deadline: nil, layout: .sentence, reportingMissingUnit: false)
        }
        guard var task = found else { return nil }
        if task.deadline == nil, let deadline = group.deadline {
            task.deadline = deadline
            diagnostics.append(group.inherited("deadline “\(deadline.raw)”", by: task))
        }
        if task.units.isEmpty, !group.units.isEmpty {
            task.units = group.units
            diagnostics.append(group.inherited("units", by: task))
        }
        return task.units.isEmpty && task.deadline == nil ? nil : task
    }

    private mutating func readItem(_ item: OutlineBuilder.PlacedSection) -> WorkTask? {
        if let columns = item.gluedColumns, item.marker.style == .arabicDot {
            guard
                let row = GluedTableReader.read(
                    item.text, columns: columns, workYear: workYear, previous: previousGluedRow, notBefore: notBefore),
                !row.units.isEmpty || row.deadline != nil
            else { return nil }
            previousGluedRow = row
            return task(item, text: row.text, units: row.units, deadline: row.deadline, layout: .table)
        }
        let folded = FoldedText(item.text)
        if let clause = LabelledClauseReader.read(folded, workYear: workYear, firstListedLeads: firstListedLeads),
            !clause.units.isEmpty || clause.deadline != nil
        {
            // A deadline field wins; without one, the item's own text may state one.
            let lead = folded.subtext(folded.folded.trimmedRange(0..<clause.range.lowerBound))
            let text = lead.printed
            let deadline =
                clause.deadline ?? DeadlineParser.find(inProse: lead, workYear: workYear, notBefore: notBefore)
                ?? (clause.units.isEmpty ? nil : DeadlineParser.findRecurrence(inProse: lead))
            // Units stated once for every later item with its own unit clause (`以下均需…不再列出`).
            var units = clause.units
            if !units.isEmpty { inheritCarriedUnits(into: &units, item: item) }
            if let carried = CarryOver.read(folded) { carriedUnits = carried }
            return task(item, text: text, units: units, deadline: deadline, layout: .inlineClause)
        }
        if standingRules { return nil }
        // A schedule the heading prints for itself (`清理调查阶段（2015年7月）`) is the item's
        // deadline; the dates in its body are its steps.
        let deadline =
            HeadingSchedule.read(item.title, workYear: workYear)
            ?? stageDeadline(folded)
            ?? DeadlineParser.find(inProse: folded, workYear: workYear, notBefore: notBefore)
        // `（各级政府负责，交通运输、公安等部门组织实施）` closing a paragraph is a unit clause:
        // its names need no unit-like ending, and prose units then do not count.
        var bracketed = BracketClauseReader.read(folded, firstListedLeads: firstListedLeads)
        if !bracketed.isEmpty {
            // Later items with their own clause inherit the units stated once; this item states them.
            inheritCarriedUnits(into: &bracketed, item: item)
            if let carried = CarryOver.read(folded) { carriedUnits = carried }
            let deadline = deadline ?? DeadlineParser.findRecurrence(inProse: folded)
            return task(item, text: item.text.trimmedText, units: bracketed, deadline: deadline, layout: .inlineClause)
        }
        var units = RolePhraseReader.read(folded, firstListedLeads: firstListedLeads)
        guard !units.isEmpty || deadline != nil else { return nil }
        // Once a task, the units its sentences oblige count too (a bare subject → responsible).
        units.appendNew(RolePhraseReader.bareSubjects(folded))
        let timed = deadline ?? (units.isEmpty ? nil : DeadlineParser.findRecurrence(inProse: folded))
        return task(item, text: item.text.trimmedText, units: units, deadline: timed, layout: .sentence)
    }

    /// Adds the units a statement carries to later items (`以下均需X落实，不再列出`), with a
    /// diagnostic that says so.
    private mutating func inheritCarriedUnits(into units: inout [UnitAssignment], item: OutlineBuilder.PlacedSection) {
        let added = carriedUnits.filter { unit in !units.contains { $0.name == unit.name } }
        guard !added.isEmpty else { return }
        units += added
        diagnostics.append(
            Diagnostic(
                .info, .tasks, code: "inherited-from-group",
                "item \(item.marker.printed): units \(added.map(\.name).joined(separator: "、")) from a statement for all later items",
                line: item.source.line))
    }

    /// A stage's opening span (`HeadingSchedule.openingSpan`), with the dated steps printed
    /// after it in the stage: the span alone is a date; with later steps, milestones.
    private func stageDeadline(_ folded: FoldedText) -> Deadline? {
        guard let (span, end) = HeadingSchedule.openingSpan(folded, workYear: workYear) else { return nil }
        let rest = folded.subtext(end..<folded.count)
        guard let later = DeadlineParser.find(inProse: rest, workYear: workYear, notBefore: notBefore),
            later.kind == .date || later.kind == .milestones
        else { return span }
        let steps =
            [Deadline.Milestone(label: span.raw, raw: span.raw, due: span.due)]
            + (later.milestones.isEmpty ? [Deadline.Milestone(label: later.raw, raw: later.raw, due: later.due)] : later.milestones)
        return Deadline(
            raw: span.raw + "…" + later.raw, kind: .milestones, due: steps.compactMap(\.due).max(), milestones: steps)
    }

    private mutating func task(
        _ item: OutlineBuilder.PlacedSection, text: String, units: [UnitAssignment], deadline: Deadline?,
        layout: WorkTask.Layout, reportingMissingUnit: Bool = true
    ) -> WorkTask {
        let name = item.marker.printed
        if units.isEmpty, reportingMissingUnit {
            diagnostics.append(
                Diagnostic(
                    .info, .tasks, code: "task-without-unit", "item \(name) states a deadline but names no unit", line: item.source.line))
        }
        if units.contains(where: \.fromOpenList) {
            diagnostics.append(
                Diagnostic(.info, .tasks, code: "open-unit-list", "item \(name): the unit list is open (等)", line: item.source.line))
        }
        if let deadline, deadline.kind == nil {
            diagnostics.append(
                Diagnostic(
                    .warning, .tasks, code: "deadline-not-normalised", "item \(name): cannot read deadline “\(deadline.raw)”",
                    line: item.source.line))
        }
        return WorkTask(
            number: item.marker.printed, sectionPath: item.sectionPath, text: text.isEmpty ? item.text : text, units: units,
            deadline: deadline, layout: layout, source: item.source)
    }
}

/// `以下均需X落实，不再列出`: units that every later item with its own unit clause also carries
/// (GOLD.md "A unit or deadline stated once for several items").
enum CarryOver {
    private static let opening = pattern("以下均需")
    private static let closing = pattern("不再列出")

    static func read(_ text: FoldedText) -> [UnitAssignment]? {
        let scalars = text.folded
        guard let start = scalars.firstOffset(of: opening),
            let end = scalars.firstOffset(of: closing, from: start)
        else { return nil }
        let statement = text.original((start + opening.count)..<end)
        let units = UnitListParser.parse(statement, defaultRole: .responsible)
        return units.isEmpty ? nil : units
    }
}

/// Reads a labelled unit and deadline clause: `（牵头单位：X；配合单位：Y；完成时限：Z）`.
///
/// Labels are the families of `AssignmentVocabulary` (unit labels by role, person labels,
/// deadline labels), with or without spaces between their characters and with a bracketed
/// qualifier (`责任处室（单位）：`). Several labels may share a line with nothing between them
/// (`负责单位：X配合单位：Y完成时限：Z`): each value runs to the next label. A person label's
/// value (`牵头领导:周训岚`) is a name, never a unit; it only ends the value before it.
enum LabelledClauseReader {
    struct Clause {
        /// Where the clause starts in the item text (its opening bracket, or its first label).
        var range: Range<Int>
        var units: [UnitAssignment]
        var deadline: Deadline?
    }

    /// Whether a line opens with a field label and a colon (`牵头单位：`, `（责任单位：`, `牵头领导：`).
    static func startsWithLabel(_ text: String) -> Bool {
        // Most lines are passed on their first scalar (after an opening bracket).
        guard let first = text.unicodeScalars.lazy.map(FoldedText.fold).first(where: { !$0.isFoldedSpace && $0 != "(" }),
            AssignmentVocabulary.mayStartLabel(first)
        else { return false }
        // A label, its qualifier and its colon are in the first 24 scalars.
        return startsWithLabel(compact: text.compactFoldedPrefix(maximumScalars: 24).key)
    }

    static func startsWithLabel(compact: String) -> Bool {
        guard compact.utf8Contains(":") else { return false }
        var scalars = Array(compact.unicodeScalars)
        if scalars.first == "(" { scalars.removeFirst() }
        return AssignmentVocabulary.label(at: 0, in: scalars) != nil
    }

    static func read(_ text: FoldedText, workYear: Int?, firstListedLeads: Bool = false) -> Clause? {
        let scalars = text.folded
        // Every label is followed by a colon: a text without one is passed in a single scan.
        guard scalars.contains(":") else { return nil }
        // Every label followed by a colon, in order.
        var found: [(start: Int, valueStart: Int, kind: AssignmentVocabulary.LabelKind)] = []
        var i = 0
        // A label ends at a colon, at most `AssignmentVocabulary.maximumLabelSpan` scalars after
        // its start: only the positions just before a colon are tried.
        var nextColon = scalars.firstIndex(of: ":") ?? scalars.count
        while i < scalars.count {
            if i > nextColon { nextColon = scalars[i...].firstIndex(of: ":") ?? scalars.count }
            if nextColon == scalars.count { break }
            if nextColon - i > AssignmentVocabulary.maximumLabelSpan { i = nextColon - AssignmentVocabulary.maximumLabelSpan }
            // Most positions start no label.
            guard AssignmentVocabulary.mayStartLabel(scalars[i]), let label = AssignmentVocabulary.label(at: i, in: scalars)
            else {
                i += 1
                continue
            }
            found.append((i, label.valueStart, label.kind))
            i = label.valueStart
        }
        guard found.contains(where: { $0.kind != .person }) else { return nil }
        var units: [UnitAssignment] = []
        var deadline: Deadline?
        for (index, label) in found.enumerated() {
            var end = index + 1 < found.count ? found[index + 1].start : scalars.count
            // A value ends at `;`, `)` or `。` that closes the clause.
            var depth = 0
            var cursor = label.valueStart
            while cursor < end {
                let scalar = scalars[cursor]
                if scalar == "(" { depth += 1 }
                if scalar == ")" {
                    if depth == 0 { end = cursor; break }
                    depth -= 1
                }
                if depth == 0, scalar == ";" || scalar == "。" || scalar == "\n" { end = cursor; break }
                cursor += 1
            }
            let valueRange = scalars.trimmedRange(label.valueStart..<end)
            let value = text.original(valueRange)
            switch label.kind {
            case .units(let role):
                // `…，以下均需县（区）政府落实，不再列出` / `列第一位者为牵头单位`: a rule about the
                // lists, stated inside one, is no unit.
                var names = value
                if BracketClauseReader.mayStateARule(value) {
                    names = UnitListParser.split(scalars, valueRange, at: [",", ";"])
                        .map { text.original($0) }.filter { !BracketClauseReader.statesARule($0) }.joined(separator: "，")
                }
                var parsed = UnitListParser.parse(names, defaultRole: role)
                if firstListedLeads, role == .responsible { parsed = FirstListedLead.apply(parsed) }
                units.appendNew(parsed)
            case .deadline:
                if deadline == nil { deadline = DeadlineParser.parse(value, workYear: workYear) }
            case .person, .task:
                continue
            }
        }
        var start = found[0].start
        if start > 0, scalars[start - 1] == "(" { start -= 1 }
        return Clause(range: start..<scalars.count, units: units, deadline: deadline)
    }
}

/// Reads role phrases in sentences: `X牵头`, `由X负责`, `X会同Y`, `X要牵头`, `请X…`.
///
/// A candidate before a role word counts only when it reads as a unit list (each name ends in
/// a unit word such as 局/委/办/中心, none contains a verb), so `主要负责同志` and
/// `谁主管谁负责` never make units.
enum RolePhraseReader {
    private static let boundaries: ScalarSet = [",", ";", "。", ":", "\n", "(", ")", "!", "?", "【", "】", "[", "]"]
    private static let modal = [pattern("要"), pattern("应"), pattern("应当"), pattern("负责")]
    /// What may stand between a unit list and its role word: duty phrases, modals and the
    /// adverbs of manner a directive puts there (`其他部门密切配合`, `各部门要积极参与`).
    private static let fillers = [
        "按职责分工分别", "按职责分工", "按照职责分工", "按各自职责", "按照各自职责", "按照各自职能", "按各自职能", "按照职能",
        "根据职责", "根据各自职责", "分别", "共同", "要", "应", "应当", "必须", "需要", "需", "认真", "密切", "紧密", "积极", "切实",
        "严格", "全力", "主动", "具体", "统一", "相互", "负责", "广泛", "予以", "给予",
    ].map(pattern)

    static func read(_ text: FoldedText, firstListedLeads: Bool = false) -> [UnitAssignment] {
        let scalars = text.folded
        var result: [UnitAssignment] = []
        var seen = SmallSet<UnitKey>()
        func add(_ units: [UnitAssignment]) {
            for unit in units where seen.insert(UnitKey(unit)) {
                result.append(unit)
            }
        }
        var i = 0
        // (Read once: every static read in this per-scalar loop is a lazy-initialisation check.)
        let huitong = UnitListParser.huitong
        let roleFirsts = UnitListParser.roleWordFirsts
        while i < scalars.count {
            guard roleFirsts.contains(scalars[i]) || scalars[i] == huitong[0] || scalars[i] == "请", let phrase = phrase(scalars, at: i)
            else {
                i += 1
                continue
            }
            if phrase.assessment == .assigns {
                for (range, role) in phrase.names {
                    let found = names(text, range, role)
                    add(firstListedLeads && role == .responsible && phrase.names.count == 1 ? FirstListedLead.apply(found) : found)
                }
            }
            i += phrase.length
        }
        return result
    }

    /// What a role word at `offset` does: names units, or why it names none (the reasons are
    /// reported by cue accounting).
    enum Assessment: Equatable {
        case assigns
        /// `负责人`, `牵头部门`, `由X牵头的联席会议`, `加强部门协调配合`: a noun, not a phrase.
        case opensNoun
        case reportsDoneWork
        /// Inside quotation marks: a slogan or principle (`“政府牵头、部门分工负责”`).
        case quoted
        /// A permission or an invitation (`可以`, `鼓励`, `可邀请X参加`) obliges nobody.
        case permissive
        /// Who takes part is the object of a causative verb (`组织本地企业积极参与`).
        case causativeObject
        /// Cooperation among the subject's own members (`相互配合`, `协同配合`): no one is assigned.
        case mutual
        /// An office's permanent remit (`负责…日常工作`, `负责解释`), not work of this document.
        case standingDuty
        /// The role word's subject is a person (`明确专人负责`, `派人员配合`).
        case personSubject
        /// No unit-like word before the role word in its clause (`认真落实`, `各司其职，密切配合`).
        case noUnitSubject
        /// A unit-like word stands before the role word but the reader did not take it as the
        /// assignee: a blind spot.
        case unreadSubject
    }

    /// A role phrase at one position: how long its role word is, what it does, and the unit
    /// lists it names with their roles.
    struct Phrase {
        var length: Int
        var assessment: Assessment
        var names: [(range: Range<Int>, role: Role)] = []
    }

    /// Reads the role word (or `会同`) at `offset`, if there is one.
    ///
    /// - Parameter explained: Whether a rejection must name its reason (cue accounting); the
    ///   reader only needs to know that nothing was assigned, and then skips the reasons of a
    ///   clause in which no unit name can end.
    static func phrase(_ scalars: [Unicode.Scalar], at offset: Int, explained: Bool = false) -> Phrase? {
        if scalars[offset] == "请" { return request(scalars, at: offset) }
        let isHuitong = scalars.matches(UnitListParser.huitong, at: offset)
        let word: (role: Role, length: Int, opensNoun: Bool)
        if isHuitong {
            word = (.lead, UnitListParser.huitong.count, false)
        } else {
            guard let found = UnitListParser.roleWord(at: offset, in: scalars), UnitListParser.isProseRoleWord(at: offset, in: scalars)
            else { return nil }
            word = found
        }
        func rejected(_ assessment: Assessment) -> Phrase { Phrase(length: word.length, assessment: assessment) }
        // Where no unit name can end in the clause, only the sentence's subject can be the
        // assignee (read below); without one there is nothing to assign.
        if !explained, !isHuitong, !mayHoldUnitName(scalars, before: offset), sentenceSubject(scalars, before: offset) == nil {
            return rejected(.noUnitSubject)
        }
        // `教育部为牵头单位`: a unit stated to hold a role (为 + a unit label without colon).
        let statedRole =
            offset >= 1 && scalars[offset - 1] == "为" && statedRoleNouns.contains { scalars.matches($0, at: offset + word.length) }
        if word.opensNoun || isNounUse(scalars, at: offset, length: word.length, statedRole: statedRole) {
            return rejected(.opensNoun)
        }
        if reportsDoneWork(scalars, at: offset) { return rejected(.reportsDoneWork) }
        // `相互配合`, `协同配合`: units cooperating with each other, no one assigned to anyone.
        if mutualMarkers.contains(where: { offset >= $0.count && scalars.matches($0, at: offset - $0.count) }) {
            return rejected(.mutual)
        }
        if isQuoted(scalars, at: offset) { return rejected(.quoted) }
        if isStandingDuty(scalars, after: offset + word.length) { return rejected(.standingDuty) }
        if isPermissive(scalars, before: offset) { return rejected(.permissive) }
        if isCausativeObject(scalars, before: offset) { return rejected(.causativeObject) }
        if hasPersonSubject(scalars, before: offset) { return rejected(.personSubject) }
        if isHuitong {
            if let lead = candidate(scalars, before: offset), let support = candidateAfter(scalars, from: offset + word.length) {
                return Phrase(length: word.length, assessment: .assigns, names: [(lead, .lead), (support, .support)])
            }
        } else if let range = candidate(scalars, before: statedRole ? offset - 1 : offset) {
            return Phrase(length: word.length, assessment: .assigns, names: [(range, word.role)])
        } else if !hasUnitLikeWord(scalars, before: offset), let subject = sentenceSubject(scalars, before: offset) {
            // `各参战单位要牢固树立大局意识，积极参与配合此次行动`: a later clause of a sentence
            // keeps the sentence's subject.
            return Phrase(length: word.length, assessment: .assigns, names: [(subject, word.role)])
        }
        return rejected(hasUnitLikeWord(scalars, before: offset) ? .unreadSubject : .noUnitSubject)
    }

    /// `请X…`: a request to a unit names it responsible for what follows (GOLD.md "What counts":
    /// `请你省有关部门指导…`, `请各县专治办收齐…报送`). Nil where 请 is part of a verb (`申请`,
    /// `提请`, `邀请`, `请示`), where no unit follows it (`请认真组织实施`), and where a role
    /// word follows the unit (`请X牵头`, `请X会同Y`): that role word is the phrase.
    private static func request(_ scalars: [Unicode.Scalar], at offset: Int) -> Phrase? {
        guard offset + 3 < scalars.count, !requestNouns.contains(scalars[offset + 1]) else { return nil }
        if offset > 0, requestVerbStarts.contains(scalars[offset - 1]) { return nil }
        var clauseEnd = offset + 1
        while clauseEnd < scalars.count, !clauseEnds.contains(scalars[clauseEnd]), clauseEnd - offset < 60 { clauseEnd += 1 }
        let requestee: Range<Int>
        if let subject = openingSubject(scalars, (offset + 1)..<clauseEnd, requested: true) {
            requestee = subject
        } else if scalars[offset + 1] == "你" || scalars[offset + 1] == "贵", addressedLevels.contains(scalars[offset + 2]),
            !scalars.matches(UnitListParser.huitong, at: offset + 3),
            UnitListParser.roleWord(at: offset + 3, in: scalars) == nil || !UnitListParser.isProseRoleWord(at: offset + 3, in: scalars)
        {
            // `请你省继续…`, `请你区指导…`: a reply names its recipient by its level alone
            // (`请你局会同X` is read at 会同).
            requestee = (offset + 1)..<(offset + 3)
        } else {
            return nil
        }
        let length = requestee.upperBound - offset
        if isQuoted(scalars, at: offset) { return Phrase(length: length, assessment: .quoted) }
        if isPermissive(scalars, before: offset) { return Phrase(length: length, assessment: .permissive) }
        return Phrase(length: length, assessment: .assigns, names: [(requestee, .responsible)])
    }

    /// What makes 请 part of another verb: `申请`, `提请`, `邀请`, `报请`, `聘请`, `呈请`, `敬请`,
    /// `恳请`, `批请` (a following `示`/`求` never opens a unit name).
    /// `请求`, `请示`, `请假`, `请教`: words that start with 请 and are no request to a unit.
    private static let requestNouns: ScalarSet = ["求", "示", "假", "教", "柬", "缨", "愿", "帖", "客", "战", "托"]
    /// The levels of government a reply addresses in the second person (`你省`, `你区`).
    private static let addressedLevels: ScalarSet = ["省", "市", "区", "县", "州", "盟", "旗", "镇", "乡", "局", "委", "厅", "部"]
    private static let requestVerbStarts: ScalarSet = ["申", "提", "邀", "报", "聘", "呈", "敬", "恳", "批", "延", "宴", "奏"]

    /// Assesses the role word (or `会同`) at `offset` the way `read` does, with the reason of
    /// a rejection.
    static func assess(_ scalars: [Unicode.Scalar], at offset: Int) -> Assessment? {
        phrase(scalars, at: offset, explained: true)?.assessment
    }

    /// Whether the clause before `offset` has a scalar a unit's name can end with, or `分别`
    /// (before which abbreviated names are read): else no unit list can stand there.
    private static func mayHoldUnitName(_ scalars: [Unicode.Scalar], before offset: Int) -> Bool {
        let start = clauseStart(scalars, before: offset)
        var index = start
        while index < offset {
            if UnitVocabulary.endsLikeUnitName(scalars[index]) || scalars[index] == ")" { return true }
            index += 1
        }
        return scalars.firstOffset(of: respectively, from: start, before: offset) != nil
    }

    /// What a standing remit is about (DOMAIN.md §5): `负责…日常工作`, `负责解释`, `负责…日常管理`.
    private static let standingObjects = WordList(["日常", "解释"])

    /// Whether the role word's clause describes an office's permanent remit rather than work
    /// this document orders (`行业管理处负责综合协调日常工作`, `本办法由X负责解释`).
    private static func isStandingDuty(_ scalars: [Unicode.Scalar], after end: Int) -> Bool {
        var clauseEnd = end
        while clauseEnd < scalars.count, !boundaries.contains(scalars[clauseEnd]), clauseEnd - end < 40 { clauseEnd += 1 }
        return standingObjects.occurs(in: scalars, end..<clauseEnd)
    }

    /// What makes cooperation mutual: `相互配合`, `互相协助`, `协同配合`.
    private static let mutualMarkers = ["相互", "互相", "协同"].map(pattern)

    /// Unit nouns after a role word make a noun (`牵头部门`, `配合单位` without a colon).
    private static let unitNouns = ["单位", "部门", "处室", "科室", "机构"].map(pattern)
    /// Verbs whose object a role word is when it follows them in its clause (`加强部门协调配合`,
    /// `四要搞好部门配合`, `建立由市政府牵头的联席会议制度`, `抓好落实`).
    private static let nominalisingVerbs = WordList([
        "加强", "搞好", "做好", "抓好", "强化", "注重", "实行", "建立", "健全", "完善", "形成", "构建", "推行", "坚持",
    ])

    /// A role word used in a noun phrase: before a unit noun, before `的` (an attribute:
    /// `X牵头的工作机制`), or as the object of a verb opening its clause.
    private static func isNounUse(_ scalars: [Unicode.Scalar], at offset: Int, length: Int, statedRole: Bool) -> Bool {
        let after = offset + length
        if !statedRole, unitNouns.contains(where: { scalars.matches($0, at: after) }) { return true }
        if after < scalars.count, scalars[after] == "的" { return true }
        // `X会同Y上报的《…》`, `由X牵头起草的《…》`: the phrase describes a document, it assigns
        // nothing.
        var end = after
        while end + 1 < scalars.count, end - after < 24, !boundaries.contains(scalars[end]) {
            if scalars[end] == "的", scalars[end + 1] == "《" { return true }
            end += 1
        }
        // The verb's object runs to the next `、`: in `加强协作、密切配合` 配合 is no object.
        var start = offset
        let clause = clauseStart(scalars, before: offset)
        while start > clause, scalars[start - 1] != "、" { start -= 1 }
        return nominalisingVerbs.occurs(in: scalars, start..<offset)
    }

    /// Whether an opening quotation mark before `offset` in its sentence is still open.
    private static func isQuoted(_ scalars: [Unicode.Scalar], at offset: Int) -> Bool {
        var index = offset - 1
        while index >= 0, offset - index <= 60, !sentenceEnds.contains(scalars[index]) {
            if scalars[index] == "”" { return false }
            if scalars[index] == "“" { return true }
            index -= 1
        }
        return false
    }

    private static let permissions = WordList(["可以", "可由", "可邀请", "鼓励", "邀请", "允许"])
    /// Verbs whose object is who takes part (`组织本地企业积极参与`, `引导各界人士参加`).
    private static let causatives = WordList(["组织", "引导", "动员", "发动", "号召", "带动", "吸引", "推动"])

    /// Whether the names before a participation word (参与, 参加, 配合) are the object of a
    /// causative verb in the clause: they are led to take part, the clause's subject does the work.
    private static func isCausativeObject(_ scalars: [Unicode.Scalar], before offset: Int) -> Bool {
        guard participation.contains(where: { scalars.matches($0, at: offset) }) else { return false }
        return causatives.occurs(in: scalars, clauseStart(scalars, before: offset)..<offset)
    }

    private static let participation = ["参与", "参加", "配合"].map(pattern)

    private static func isPermissive(_ scalars: [Unicode.Scalar], before offset: Int) -> Bool {
        permissions.occurs(in: scalars, clauseStart(scalars, before: offset)..<offset)
    }

    /// People a role word may follow: they are no units (GOLD.md: people are not units).
    private static let personNouns = UnitVocabulary.personNouns

    private static func hasPersonSubject(_ scalars: [Unicode.Scalar], before offset: Int) -> Bool {
        let start = clauseStart(scalars, before: offset)
        let upper = strippingFillers(scalars, start..<offset).upperBound
        return personNouns.contains { upper - $0.count >= start && scalars.matches($0, at: upper - $0.count) }
    }

    /// Where the clause that ends at `offset` starts: at a boundary (`，` `；` `（` …), but past a
    /// unit's bracketed qualifier (`各县（区）政府（管委会）`), which belongs to its name.
    private static func clauseStart(_ scalars: [Unicode.Scalar], before offset: Int) -> Int {
        var start = offset
        while start > 0, offset - start < 80 {
            let previous = scalars[start - 1]
            if previous == ")", let open = qualifierOpen(scalars, closingAt: start - 1) {
                start = open
                continue
            }
            if boundaries.contains(previous) { break }
            start -= 1
        }
        return start
    }

    /// The `(` of a qualifier closed at `close`: short, right after a name's character, with no
    /// role word or punctuation inside (`（区）`, `（管委会）`, `（市扶贫办）`).
    private static func qualifierOpen(_ scalars: [Unicode.Scalar], closingAt close: Int) -> Int? {
        var open = close - 1
        while open >= 0, close - open <= 10, scalars[open] != "(" {
            let scalar = scalars[open]
            if scalar == ")" || boundaries.contains(scalar) && scalar != "、" || UnitListParser.role(at: open, in: scalars) != nil {
                return nil
            }
            open -= 1
        }
        guard open > 0, scalars[open] == "(", close - open > 1, scalars[open - 1].isHan else { return nil }
        return open
    }

    /// The range without the fillers at its end (`分别`, `要`, `认真` …).
    private static func strippingFillers(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Range<Int> {
        var upper = range.upperBound
        var changed = true
        while changed {
            changed = false
            for filler in fillers where upper - filler.count > range.lowerBound && scalars.matches(filler, at: upper - filler.count) {
                upper -= filler.count
                changed = true
            }
        }
        return range.lowerBound..<upper
    }

    /// Words that end a unit's name and seldom end anything else.
    private static let unitLikeEndings = WordList(
        ["局", "委", "办", "厅", "部门", "单位", "政府", "中心", "公司", "集团", "管委会", "办公室", "委员会", "机关", "街道", "片区"])

    /// Whether the clause before `offset` holds a unit-like word.
    private static func hasUnitLikeWord(_ scalars: [Unicode.Scalar], before offset: Int) -> Bool {
        unitLikeEndings.occurs(in: scalars, clauseStart(scalars, before: offset)..<offset)
    }

    /// Whether the role word at `offset` reports work already done rather than ordering it:
    /// `已` before it in its clause (`扶贫办已会同交通部…进行了调查`) or the perfective `了` after
    /// it in its sentence (`发展改革委牵头，会同水利部研究提出了办理意见`). A reply that relays
    /// how a matter was handled assigns nothing (GOLD.md: a task is work this document orders).
    static func reportsDoneWork(_ scalars: [Unicode.Scalar], at offset: Int) -> Bool {
        // (Both scans are bounded, as `clauseStart` is: an endless clause of role words is read
        // in linear time.)
        var start = offset
        while start > 0, offset - start < 80, !clauseEnds.contains(scalars[start - 1]) { start -= 1 }
        // `已` (done) or `正在` (under way) before it in its clause.
        if scalars[start..<offset].contains("已") || scalars.firstOffset(of: underWay, from: start, before: offset) != nil {
            return true
        }
        var end = offset
        while end < scalars.count, end - offset < 200, !sentenceEnds.contains(scalars[end]) {
            if scalars[end] == "了", !notPerfective.contains(where: { scalars.matches($0.word, at: end - $0.offset) }) {
                return true
            }
            end += 1
        }
        return false
    }

    private static let clauseEnds: ScalarSet = [",", ";", "。", ":", "\n", "!", "?"]
    private static let underWay = pattern("正在")
    /// `为牵头单位`: the unit nouns a stated role is followed by.
    private static let statedRoleNouns = ["单位", "部门"].map(pattern)
    private static let sentenceEnds: ScalarSet = ["。", ";", "\n", "!", "?"]
    /// Words with 了 that are not the perfective (`为了`, `了解`, `除了`), with 了's place in them.
    private static let notPerfective: [(word: [Unicode.Scalar], offset: Int)] = [
        (pattern("为了"), 1), (pattern("了解"), 0), (pattern("除了"), 1), (pattern("了结"), 0), (pattern("明了"), 1),
    ]

    /// The unit list that ends right before `end` and starts at a clause boundary (or `由`/`请`).
    private static func candidate(_ scalars: [Unicode.Scalar], before end: Int) -> Range<Int>? {
        var range = scalars.trimmedRange(clauseStart(scalars, before: end)..<end)
        if range.isEmpty { return nil }
        // `5月15日前区农村发展局会同…`: a time phrase opening the clause is no part of the name.
        if scalars[range.lowerBound].isASCIIDigit || ChineseNumber.isNumeral(scalars[range.lowerBound]),
            // (Any year will do: only the phrase's extent is read.)
            let point = TimePointScanner(Array(scalars[range]), workYear: 2000).scan().first, point.range.lowerBound == 0
        {
            range = scalars.trimmedRange((range.lowerBound + point.range.upperBound)..<range.upperBound)
            if range.isEmpty { return nil }
        }
        // `…下达给各相关部门，即公路部门负责…`, `其中市财政局牵头`: a connective opening the
        // clause is no part of the name.
        range = UnitListParser.afterConnective(scalars, range)..<range.upperBound
        // `由` and `到`/`对` never belong to a unit name (DOMAIN.md §5): what follows the last
        // `由` is the assignee (`技工院校内由人社部门负责` → 人社部门); without `由`, names after
        // `对` or `到` are the object (`对本级政府负责`), not the assignee. (After `由` they are
        // a modifier of the name: `由对应的行业领域主管部门牵头`.)
        if let you = (range.lowerBound + 1..<range.upperBound).last(where: { scalars[$0] == "由" || scalars[$0] == "请" }) {
            range = you..<range.upperBound
        }
        if scalars[range.lowerBound] != "由", range.contains(where: { scalars[$0] == "对" || scalars[$0] == "到" }) {
            return nil
        }
        var afterYou = false
        if scalars[range.lowerBound] == "由" || scalars[range.lowerBound] == "请" || scalars[range.lowerBound] == "经" {
            range = (range.lowerBound + 1)..<range.upperBound
            afterYou = true
        }
        var stripped = strippingFillers(scalars, range)
        // `X要各司其职、各负其责、相互协作、密切配合`: the role word closes a list of short verb
        // phrases after a modal; the assignee is the subject before the modal.
        if let modalAt = listOfPhrasesAfterModal(scalars, stripped) { stripped = stripped.lowerBound..<modalAt }
        // `住建、农办、交通、林业分别负责…`: before 分别, a list of short names is a list of
        // assignees even where the names are abbreviated without a unit ending.
        let distributive = scalars.firstOffset(of: respectively, from: stripped.upperBound, before: range.upperBound) != nil
        range = stripped
        if UnitVocabulary.isUnitList(scalars, range, afterYou: afterYou) { return range }
        return distributive && isShortNameList(scalars, range) ? range : nil
    }

    private static let respectively = pattern("分别")
    private static let phraseModals = ["要", "应", "须", "必须", "应当"].map(pattern)

    /// Where a modal stands in `range` when everything after it is a `、`-list of phrases of at
    /// most four characters (`要各司其职、各负其责、相互协作`).
    private static func listOfPhrasesAfterModal(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Int? {
        for modal in phraseModals {
            guard let at = scalars.firstOffset(of: modal, from: range.lowerBound + 2, before: range.upperBound) else { continue }
            let rest = (at + modal.count)..<range.upperBound
            let phrases = UnitListParser.split(scalars, rest, at: ["、"])
            // (The role word's own phrase is the list's last item: `…、密切配合`.)
            if phrases.count >= 2 || scalars[range.upperBound - 1] == "、", phrases.allSatisfy({ $0.count <= 4 }) { return at }
        }
        return nil
    }

    /// `住建、农办、交通、林业`: two or more names of two to four characters joined by `、`.
    private static func isShortNameList(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        let pieces = UnitListParser.split(scalars, range, at: ["、"])
        return pieces.count >= 2
            && pieces.allSatisfy { piece in
                (2...4).contains(piece.count) && piece.allSatisfy { scalars[$0].isHan }
                    && !UnitVocabulary.containsVerbLikeWord(scalars, piece)
            }
    }

    /// The unit list after `会同`: the longest run of names before the action
    /// (`会同有关部门制定…` → `有关部门`).
    private static func candidateAfter(_ scalars: [Unicode.Scalar], from start: Int) -> Range<Int>? {
        var end = start
        while end < scalars.count, !boundaries.contains(scalars[end]), UnitListParser.role(at: end, in: scalars) == nil,
            end - start < 80
        {
            end += 1
        }
        let whole = scalars.trimmedRange(start..<end)
        if UnitVocabulary.isUnitList(scalars, whole) { return whole }
        var upper = whole.upperBound
        while upper > whole.lowerBound + 1 {
            let prefix = whole.lowerBound..<upper
            // Not inside a word that starts with a unit ending (`…组` of `组织`, `…处` of `处理`).
            if UnitVocabulary.endsWithUnitSuffix(scalars, prefix), !suffixWords.contains(where: { scalars.matches($0, at: upper - 1) }),
                UnitVocabulary.isUnitList(scalars, prefix)
            {
                return prefix
            }
            upper -= 1
        }
        return nil
    }

    /// Units a task's sentences oblige without a role word: `各有关部门要依照…`,
    /// `各省（区、市）人民政府要统筹…` — a unit list opening a sentence, followed by 要 or 应(当).
    /// Read only for items that are tasks already (GOLD.md: a bare subject alone makes none).
    static func bareSubjects(_ text: FoldedText) -> [UnitAssignment] {
        let scalars = text.folded
        var result: [UnitAssignment] = []
        var start = 0
        let ends = sentenceEnds
        while start < scalars.count {
            var end = start
            while end < scalars.count, !ends.contains(scalars[end]) { end += 1 }
            let sentence = scalars.trimmedRange(start..<end)
            for modal in subjectModals {
                guard
                    let at = scalars.firstOffset(
                        of: modal, from: sentence.lowerBound, before: min(sentence.upperBound, sentence.lowerBound + 40))
                else { continue }
                let subject = scalars.trimmedRange(sentence.lowerBound..<at)
                // `X要会同Y…` / `X要牵头…` is a role phrase, read with its own role.
                let next = at + modal.count
                let isRolePhrase = UnitListParser.role(at: next, in: scalars) != nil || scalars.matches(UnitListParser.huitong, at: next)
                if !subject.isEmpty, !isRolePhrase, UnitVocabulary.isUnitList(scalars, subject) {
                    result.appendNew(UnitListParser.parse(text.original(subject), defaultRole: .responsible))
                }
                break
            }
            // Clauses that open with a unit and its verb, no modal: `征兵办公室落实值班制度`,
            // `区征兵办完成区体检站开设`.
            var clauseStart = sentence.lowerBound
            while clauseStart < sentence.upperBound {
                var clauseEnd = clauseStart
                while clauseEnd < sentence.upperBound, scalars[clauseEnd] != "," { clauseEnd += 1 }
                // (`有关部门研究提出了办理意见`: a clause that reports work done obliges nobody.)
                if let subject = openingSubject(scalars, scalars.trimmedRange(clauseStart..<clauseEnd)),
                    !reportsDoneWork(scalars, at: subject.upperBound)
                {
                    result.appendNew(UnitListParser.parse(text.original(subject), defaultRole: .responsible))
                }
                clauseStart = clauseEnd + 1
            }
            start = end + 1
        }
        return result
    }

    /// What may follow a unit that opens a clause without making it the clause's subject: a
    /// list or a genitive goes on (`、`, `和`, `的`), a permission obliges nobody (`可以`, `鼓励`).
    /// Words that begin with a unit ending (`组织`, `部署`, `会议`): a prefix ending inside one is
    /// no name.
    private static let suffixWords = [
        "组织", "部署", "会议", "处理", "处置", "办理", "办法", "委托", "院校", "所有", "所属", "所在", "队伍", "团结", "部分", "处罚",
        "会上",
    ].map(pattern)

    private static let notAVerb: ScalarSet = ["的", "和", "与", "及", "等", "、", "(", "“", "《", "可", "在", "为", "是", "其"]

    /// The unit list opening a clause and followed by its verb, if any: the longest prefix
    /// that reads as a list of names with an administrative start (`区征兵办`, `各乡镇`), followed
    /// by a verb — not a role word, which the role phrases read with their own role.
    ///
    /// - Parameter requested: The clause follows `请`: a role word that only names a role in a
    ///   unit cell (`指导`, `落实`) is the requestee's verb.
    private static func openingSubject(_ scalars: [Unicode.Scalar], _ clause: Range<Int>, requested: Bool = false) -> Range<Int>? {
        guard clause.count >= 4 else { return nil }
        // A request may name offices that start like no level of government (`请行管处、旅游执法
        // 支队于6月15日前将…报送`): then its list must be followed by the preposition of a request.
        let startsLikeUnit = UnitVocabulary.startsLikeUnit(scalars, clause)
        guard startsLikeUnit || requested else { return nil }
        var upper = min(clause.upperBound - 1, clause.lowerBound + 24)
        while upper > clause.lowerBound + 1 {
            let prefix = clause.lowerBound..<upper
            if UnitVocabulary.endsWithUnitSuffix(scalars, prefix), UnitVocabulary.isUnitList(scalars, prefix) {
                let next = scalars[upper]
                // Cut inside a name (`…部` of `部门`): no subject here. Cut inside a word (`…组` of
                // `组织`): the subject is shorter (`你区` of `你区认真组织实施`).
                if UnitVocabulary.endsWithUnitSuffix(scalars, clause.lowerBound..<(upper + 1)) { return nil }
                if suffixWords.contains(where: { scalars.matches($0, at: upper - 1) }) {
                    upper -= 1
                    continue
                }
                // Past the fillers (`分别`, `要`, `认真`), a role word or modal is read elsewhere.
                var verb = upper
                var skipped = true
                while skipped {
                    skipped = false
                    for filler in fillers where scalars.matches(filler, at: verb) {
                        verb += filler.count
                        skipped = true
                    }
                }
                let opensRole =
                    UnitListParser.roleWord(at: verb, in: scalars) != nil
                    && (!requested || UnitListParser.isProseRoleWord(at: verb, in: scalars))
                    || scalars.matches(UnitListParser.huitong, at: verb)
                    || subjectModals.contains { scalars.matches($0, at: verb) }
                // `国务院领导同志已批示`: the unit names whose people, it is no subject.
                let opensPerson = personNouns.contains { scalars.matches($0, at: upper) }
                if !startsLikeUnit, !requestPrepositions.contains(next) { return nil }
                return next.isHan && !notAVerb.contains(next) && !opensRole && !opensPerson ? prefix : nil
            }
            upper -= 1
        }
        return nil
    }

    private static let subjectModals = [pattern("应当"), pattern("要"), pattern("应")]
    /// What follows the offices a request names (`请X于…前`, `请X将…`, `请X在…`, `请X按…`).
    private static let requestPrepositions: ScalarSet = ["于", "将", "在", "按", "把"]
    /// How far back a later clause's sentence subject is looked for.
    private static let maximumSentenceReach = 300

    /// The subject a sentence opens with before its modal (`各参战单位要…`), when the role word
    /// at `offset` stands in a later clause of that sentence.
    private static func sentenceSubject(_ scalars: [Unicode.Scalar], before offset: Int) -> Range<Int>? {
        var start = offset
        // (A subject opens the sentence at most `maximumSentenceReach` scalars back: a run of
        // role words in one endless sentence is read in linear time.)
        while start > 0, offset - start < maximumSentenceReach, !sentenceMarks.contains(scalars[start - 1]) { start -= 1 }
        guard start == 0 || sentenceMarks.contains(scalars[start - 1]) else { return nil }
        // The role word's own clause is not the first of the sentence.
        guard clauseStart(scalars, before: offset) > start else { return nil }
        for modal in subjectModals {
            guard let at = scalars.firstOffset(of: modal, from: start, before: min(offset, start + 40)) else { continue }
            let subject = scalars.trimmedRange(start..<at)
            return !subject.isEmpty && UnitVocabulary.isUnitList(scalars, subject) ? subject : nil
        }
        return nil
    }

    private static let sentenceMarks: ScalarSet = ["。", ";", "\n", "!", "?"]

    private static func names(_ text: FoldedText, _ range: Range<Int>, _ role: Role) -> [UnitAssignment] {
        UnitListParser.parse(text.original(range), defaultRole: role)
    }
}

/// `列第一位者为牵头单位`: the first unit of a list leads, the others support; a one-unit list leads.
enum FirstListedLead {
    /// Phrases that state the rule; the document's text is searched for any of them.
    static let statements = [
        "列第一位者为牵头", "排在第一位的为牵头", "排在第一位的部门为牵头", "排名第一的为牵头", "列第一位的为牵头",
        "第一位的为牵头", "列在首位的为牵头", "排在首位的为牵头", "列首位的为牵头",
    ]

    static func isStated(in texts: [String]) -> Bool {
        texts.contains { text in
            // Every statement names the first place (`第一` or `首位`); skip folding otherwise.
            guard text.utf8Contains("第一") || text.utf8Contains("首位") else { return false }
            let key = text.compactFolded
            return statements.contains { key.utf8Contains($0) }
        }
    }

    static func apply(_ units: [UnitAssignment]) -> [UnitAssignment] {
        units.enumerated().map { index, unit in
            var unit = unit
            unit.role = index == 0 ? .lead : .support
            return unit
        }
    }
}

/// Reads unit clauses in brackets that close a paragraph: `…。（市发改委牵头，市财政局配合）`,
/// `（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）` (DOMAIN.md §4, layout 3).
///
/// The bracket marks the clause, so names are taken as printed even without a unit-like ending
/// (`交通运输、公安等部门`); a bracket without a role word (`（以下简称“五公开”）`) is not a clause.
enum BracketClauseReader {
    /// Longest bracket content read as a clause; longer brackets are asides.
    static let maximumLength = 160
    private static let clauseSeparators: ScalarSet = [",", ";", "。"]
    /// What a clause that opens a sentence follows (folded).
    private static let sentenceEnds: ScalarSet = ["。", ";", "\n", "!", "?"]

    static func read(_ text: FoldedText, firstListedLeads: Bool) -> [UnitAssignment] {
        let scalars = text.folded
        // A clause is in brackets: a text without one is passed in a single scan.
        guard scalars.contains("(") else { return [] }
        var units: [UnitAssignment] = []
        for clause in clauses(scalars) {
            for part in UnitListParser.split(scalars, clause, at: Self.clauseSeparators)
            where hasRoleWord(scalars, part) && !statesARule(text.original(part)) {
                var found = UnitListParser.parse(text.original(part), defaultRole: .responsible)
                // (`暂由其他领导负责`: people are not units.)
                found = found.filter { !$0.name.isEmpty && $0.name.scalarCount <= 30 && !UnitVocabulary.namesPeople($0.name) }
                if firstListedLeads, found.allSatisfy({ $0.role == .responsible }) { found = FirstListedLead.apply(found) }
                units.appendNew(found)
            }
        }
        return units
    }

    /// Bracket groups that close a sentence: right after `。`/`；` or at the start of a line, or
    /// ending the line. `（以下简称…）` inside a sentence is no clause.
    private static func clauses(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        let closing = matchingCloses(scalars)
        var result: [Range<Int>] = []
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "(", closing[index] >= 0 else {
                index += 1
                continue
            }
            let close = Int(closing[index])
            var before = index - 1
            while before >= 0, scalars[before] == " " { before -= 1 }
            var after = close + 1
            while after < scalars.count, scalars[after] == " " || scalars[after] == "。" || scalars[after] == ";" { after += 1 }
            let opensSentence = before < 0 || sentenceEnds.contains(scalars[before])
            let endsLine = after >= scalars.count || scalars[after] == "\n"
            if (opensSentence || endsLine), close - index - 1 <= maximumLength {
                result.append((index + 1)..<close)
            }
            index = close + 1
        }
        return result
    }

    /// For each `(`, the `)` that closes it on the same line (-1: none), found in one pass with
    /// a stack (searching forward from every `(` was quadratic in a line of unclosed brackets).
    private static func matchingCloses(_ scalars: [Unicode.Scalar]) -> [Int32] {
        var closing = [Int32](repeating: -1, count: scalars.count)
        var open: [Int] = []
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "(": open.append(index)
            case ")": if let start = open.popLast() { closing[start] = Int32(index) }
            case "\n": open.removeAll()
            default: continue
            }
        }
        return closing
    }

    /// `列第一位者为牵头单位`, `下同`, `以下均需…不再列出`: a rule about lists, not a list.
    /// Whether a text holds a scalar every rule phrase holds (第, 下, 以, 不, 首): told in one
    /// pass without folding it.
    static func mayStateARule(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "第" || $0 == "下" || $0 == "以" || $0 == "不" || $0 == "首" }
    }

    static func statesARule(_ text: String) -> Bool {
        // Every rule phrase below holds 第, 下, 以, 不 or 首: a part with none of them states none.
        guard mayStateARule(text) else { return false }
        let key = text.compactFolded
        return FirstListedLead.statements.contains { key.utf8Contains($0) } || key.utf8Contains("第一位") || key.utf8Contains("下同")
            || key.utf8Contains("以下均需") || key.utf8Contains("不再列出") || key.utf8Contains("首位")
    }

    private static func hasRoleWord(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        let roleFirsts = UnitListParser.roleWordFirsts
        return range.contains { roleFirsts.contains(scalars[$0]) && UnitListParser.role(at: $0, in: scalars) != nil }
            || scalars.firstOffset(of: UnitListParser.huitong, from: range.lowerBound, before: range.upperBound) != nil
    }
}
