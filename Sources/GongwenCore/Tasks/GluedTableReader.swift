/// Reads task tables whose cells were flattened with nothing between them (DOMAIN.md §4).
///
/// Some archives keep a task table's text but lose every cell boundary:
///
/// ```
/// 2016年政务公开工作主要任务分解表工作任务牵头单位责任单位工作要求        <- glued header
/// 1.全面公开省级政府工作部门权力清单和责任清单省编办（省审改办）省直各部门，各设区市、平潭综合实验区通过政府门户网站集中展示。
///   |-- 工作任务 ------------------------||-- 牵头单位 -----||-- 责任单位 ---------------------||-- 工作要求 ---…
/// ```
///
/// The header gives the column order. In each numbered row the unit columns are found as the
/// longest *unit run*: names that end like units (`局`, `委`, `办`, `部门` …), joined by `、`/`，`,
/// by `会同`, or glued with nothing between (then the next name must start like a unit:
/// `省`, `市`, `区`, `各` …). Text before the run is the task (and any text column before the
/// units), text after it the trailing columns. Inside the run, names glued to each other or cut
/// by a line break belong to the first unit column and the last joined group to the last unit
/// column, which is how these tables print a lead cell (`省发改委省经信委`) before a list.
enum GluedTableReader {
    /// Header words as they occur in glued headers, longest first so that decomposition is greedy.
    static let headerWords: [String] = [
        "配合/责任单位", "协同配合单位", "主要责任单位", "工作任务", "重点任务", "任务内容", "具体要求", "工作要求", "主要内容", "工作内容",
        "具体措施", "工作措施", "责任单位", "牵头单位", "配合单位", "责任部门", "牵头部门", "配合部门", "责任科室", "负责单位", "完成时限",
        "时限要求", "完成时间", "时间进度", "时间节点", "序号", "备注", "职责",
    ].sorted { $0.unicodeScalars.count > $1.unicodeScalars.count }

    /// The columns of a glued header line, or nil. A table title may precede the header
    /// (`…分解表工作任务牵头单位…`); at least three header words must follow it, one of them a
    /// unit column.
    static func header(_ text: String) -> [ColumnRole]? {
        // A header line is short and has no sentence in it; most lines are rejected here.
        guard text.utf8.count <= 480, !text.utf8Contains("。") else { return nil }
        return header(compact: text.compactFolded)
    }

    /// Header words as scalars with their roles, compiled once.
    private static let compiledHeaderWords: [([Unicode.Scalar], ColumnRole)] = headerWords.map {
        (pattern($0), ColumnRole.classify($0) ?? .other)
    }

    /// `header(_:)` for a line already compact-folded.
    static func header(compact: String) -> [ColumnRole]? {
        guard compact.utf8.count <= 360, !compact.utf8Contains("。"),
            compact.utf8Contains("单位") || compact.utf8Contains("部门")
                || compact.utf8Contains("科室")
        else { return nil }
        let key = Array(compact.unicodeScalars)
        guard key.count <= 120 else { return nil }
        // A header is read to its end, so it ends with a header word: other lines are passed
        // before trying every start.
        let words = compiledHeaderWords
        guard words.contains(where: { key.matches($0.0, at: key.count - $0.0.count) }) else { return nil }
        for start in 0..<key.count {
            var cursor = start
            var roles: [ColumnRole] = []
            while cursor < key.count {
                guard let (word, role) = words.first(where: { key.matches($0.0, at: cursor) }) else { break }
                roles.append(role)
                cursor += word.count
            }
            if cursor == key.count, roles.count >= 3,
                roles.contains(where: { [.lead, .responsible, .support, .supportOrResponsible].contains($0) })
            {
                return roles
            }
        }
        return nil
    }

    /// A row read against the header's columns.
    struct Row {
        var text: String
        var units: [UnitAssignment]
        var deadline: Deadline?
    }

    /// Reads one numbered row (its text after the marker, line breaks kept). A row with no unit
    /// run has its unit cells merged with the row above (`rowspan`), whose units it takes.
    static func read(
        _ row: String, columns: [ColumnRole], workYear: Int?, previous: Row?, notBefore: CalendarDate? = nil
    ) -> Row? {
        let text = FoldedText(row)
        guard let run = longestRun(text.folded) else {
            guard let previous else { return nil }
            return Row(text: row.trimmedText, units: previous.units, deadline: previous.deadline)
        }
        let unitColumns = columns.filter { [.lead, .responsible, .support, .supportOrResponsible].contains($0) }
        guard let lastColumn = unitColumns.last else { return nil }
        var units: [UnitAssignment] = []
        let groups = run.groups
        let leadGroups = unitColumns.count >= 2 ? groups.dropLast() : []
        let lastGroups = unitColumns.count >= 2 ? Array(groups.suffix(1)) : groups
        let firstRole = role(of: unitColumns[0], hasLead: false)
        for group in leadGroups {
            units += UnitListParser.parse(text.original(group), defaultRole: firstRole)
        }
        let hasLead = units.contains { $0.role == .lead }
        for group in lastGroups {
            units.appendNew(UnitListParser.parse(text.original(group), defaultRole: role(of: lastColumn, hasLead: hasLead)))
        }
        let task = text.original(text.folded.trimmedRange(0..<run.range.lowerBound))
        // The deadline column, or the requirement text around the units (`3个工作日内`, `7月底前`).
        let rest = task + "\n" + text.original(run.range.upperBound..<text.count)
        let deadline =
            DeadlineParser.find(inProse: rest, workYear: workYear, notBefore: notBefore)
            ?? DeadlineParser.findRecurrence(inProse: rest)
        return Row(text: task.isEmpty ? row : task, units: units, deadline: deadline)
    }

    private static func role(of column: ColumnRole, hasLead: Bool) -> Role {
        switch column {
        case .lead: .lead
        case .support: .support
        case .supportOrResponsible: hasLead ? .support : .responsible
        default: .responsible
        }
    }

    // MARK: - Unit runs

    struct Run {
        var range: Range<Int>
        /// Groups of names joined by separators; a glue point or a line break starts a new group.
        var groups: [Range<Int>]
        var nameCount: Int
    }

    /// Scalars that may start a unit name at a glue point or at the start of a run.
    static let unitStarts: ScalarSet = ["省", "市", "区", "县", "各"]
    /// Endings of collective place names in unit columns (`各设区市`, `平潭综合实验区`); read as
    /// units only inside a run, never in prose, where `全区` or `本市` are not units.
    static let placeEndings: ScalarSet = ["市", "区", "县", "省", "州", "旗"]
    /// A name glued to the next without a separator is at least this long (`省工商局`): shorter
    /// "names" are fragments of one name (`各乡|镇人民政府`).
    static let minimumGluedNameLength = 4
    /// Task text before the unit columns is at least this long (`推进“互联网＋政务”`); a run
    /// that starts earlier is a task's own object (`推动|各级公共资源交易平台…`).
    static let minimumTaskLength = 6
    /// Place endings make a name only in short names (`福建省`, `平潭综合实验区`).
    static let maximumPlaceNameLength = 9
    private static let separators: ScalarSet = ["、", ","]
    /// Open endings after a run's last name, longest first.
    private static let openEndings = ["等相关部门", "等有关部门", "等相关单位", "等有关单位", "等部门", "等单位", "等"].map(pattern)
    /// Every way a name can stop inside a longer unit word: the word's first scalars and the
    /// scalar that would have come next (`部` before `门`, `办` before `公`).
    private static let cutPoints: [(head: [Unicode.Scalar], next: Unicode.Scalar)] = UnitVocabulary.suffixes.flatMap {
        suffix in (1..<max(suffix.count, 1)).map { cut in (Array(suffix[0..<cut]), suffix[cut]) }
    }
    private static let cutNexts = ScalarSet(cutPoints.map(\.next))
    /// Longest unit name read inside a run.
    static let maximumNameLength = 18

    /// The run with the most names; on a tie, the first. Runs start after at least two
    /// scalars of task text.
    static func longestRun(_ text: [Unicode.Scalar]) -> Run? {
        var best: Run?
        var start = minimumTaskLength
        while start < text.count {
            let atLineStart = text[start - 1] == "\n" || text[start - 1] == " "
            if unitStarts.contains(text[start]) || atLineStart, let run = run(text, from: start) {
                if run.nameCount > (best?.nameCount ?? 0) { best = run }
                // A run that starts inside this one has fewer names: go on after it. This keeps
                // the search linear in a row of thousands of glued names.
                start = max(start + 1, run.range.upperBound)
                continue
            }
            start += 1
        }
        return best
    }

    private static func run(_ text: [Unicode.Scalar], from start: Int) -> Run? {
        var groups: [Range<Int>] = []
        var groupStart = start
        var cursor = start
        var names = 0
        var mustStartLikeUnit = !(start > 0 && (text[start - 1] == "\n" || text[start - 1] == " "))
        while cursor < text.count {
            guard let end = nameEnd(text, from: cursor, mustStartLikeUnit: mustStartLikeUnit) else { break }
            names += 1
            cursor = end
            // An open ending after the last name (`等相关部门`).
            if let open = openEndingEnd(text, from: cursor) { cursor = open }
            guard cursor < text.count else { break }
            let next = text[cursor]
            if separators.contains(next) {
                cursor += 1
                mustStartLikeUnit = false
            } else if text.matches(UnitListParser.huitong, at: cursor) {
                cursor += 2
                mustStartLikeUnit = false
            } else if next == "\n" || next == " " {
                groups.append(groupStart..<cursor)
                cursor += 1
                groupStart = cursor
                mustStartLikeUnit = false
            } else if unitStarts.contains(next) {
                groups.append(groupStart..<cursor)
                groupStart = cursor
                mustStartLikeUnit = true
            } else {
                break
            }
        }
        guard names > 0 else { return nil }
        // A separator or break after the last name belongs to what follows.
        var upper = cursor
        while upper > start, separators.contains(text[upper - 1]) || text[upper - 1] == "\n" || text[upper - 1] == " " { upper -= 1 }
        if groupStart < upper { groups.append(groupStart..<upper) }
        return Run(range: start..<upper, groups: groups.filter { !$0.isEmpty }, nameCount: names)
    }

    /// The end of the longest unit name starting at `start` that is followed by something a run
    /// can continue with (a separator, a break, `会同`, an open ending, another unit start).
    private static func nameEnd(_ text: [Unicode.Scalar], from start: Int, mustStartLikeUnit: Bool) -> Int? {
        guard start < text.count, text[start].isHan else { return nil }
        if mustStartLikeUnit, !unitStarts.contains(text[start]) { return nil }
        var candidates: [Int] = []
        var end = start + 1
        var depth = 0
        while end <= text.count, end - start <= maximumNameLength {
            let scalar = text[end - 1]
            if scalar == "(" { depth += 1 } else if scalar == ")" { depth -= 1 }
            if depth < 0 { break }
            if depth == 0, !(scalar.isHan || scalar == ")") { break }
            let endsLikeUnit =
                UnitVocabulary.endsWithUnitSuffix(text, start..<end)
                || (end - start >= 3 && end - start <= maximumPlaceNameLength && placeEndings.contains(text[end - 1]))
            if depth == 0, endsLikeUnit, !UnitVocabulary.containsVerbLikeWord(text, start..<end) {
                // A qualifier in parentheses right after the name belongs to it.
                var withQualifier = end
                if withQualifier < text.count, text[withQualifier] == "(",
                    let close = text.firstOffset(of: [")"], from: withQualifier, before: min(text.count, withQualifier + 20))
                {
                    withQualifier = close + 1
                }
                candidates.append(withQualifier)
            }
            end += 1
        }
        // Prefer the shortest name after which the run can go on (`区经济发展局|区自然资源…局`
        // splits at the glue point, `省直各部|门` does not); else the longest name.
        let complete = candidates.filter { !isCutSuffix(text, at: $0) }
        for candidate in complete where continues(text, at: candidate) {
            let gluesToNext = candidate < text.count && unitStarts.contains(text[candidate])
            if gluesToNext, candidate - start < minimumGluedNameLength { continue }
            return candidate
        }
        // The run ends here: the shortest complete name, so that the next column's text
        // (`平潭综合实验区|制定完善具体办法`) stays out of it.
        return complete.first ?? candidates.last
    }

    /// Whether the name ending at `offset` stops inside a longer unit word (`省直各部|门`,
    /// `区政府办|公室`), so that it is no complete name.
    private static func isCutSuffix(_ text: [Unicode.Scalar], at offset: Int) -> Bool {
        guard offset < text.count, cutNexts.contains(text[offset]) else { return false }
        return cutPoints.contains { $0.next == text[offset] && text.matches($0.head, at: offset - $0.head.count) }
    }

    private static func continues(_ text: [Unicode.Scalar], at offset: Int) -> Bool {
        guard offset < text.count else { return true }
        let next = text[offset]
        return separators.contains(next) || next == "\n" || next == " " || unitStarts.contains(next) || next == "等"
            || text.matches(UnitListParser.huitong, at: offset)
    }

    private static func openEndingEnd(_ text: [Unicode.Scalar], from start: Int) -> Int? {
        guard start < text.count, text[start] == "等" else { return nil }
        for ending in openEndings where text.matches(ending, at: start) {
            return start + ending.count
        }
        return nil
    }
}
