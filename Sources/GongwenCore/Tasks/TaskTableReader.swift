/// Reads the tasks of a task table (任务分工表): one task per numbered row.
///
/// ```
/// | 序号 | (blank)        | 责任单位            | 时限要求 |
/// | 1    | 围绕积极的…     | 区财政局牵头落实     | 全年     |   -> task 1, lead 区财政局, 全年
/// | 一、紧扣…(spans the row)                         |   -> category of the rows below
/// ```
///
/// - The header row is the first row (of the first four) made of header words; a second header
///   row under it (`牵头单位 | 配合单位` under `责任单位`) refines the columns.
/// - Repeated header rows (printed on every page) are skipped.
/// - A row whose cells all carry one text, or whose number cell holds `一、…`, is a category.
/// - Units get their column's role unless the cell names one (`…牵头落实`).
struct TaskTableReader {
    var workYear: Int?
    /// The signing (or publish) date; prose dates before it are facts, not deadlines.
    var notBefore: CalendarDate?

    struct Result {
        var tasks: [WorkTask] = []
        var diagnostics: [Diagnostic] = []
        /// Whether the table looked like a task table at all.
        var isTaskTable = false
    }

    func read(_ table: Table, sectionPath: [String]) -> Result {
        var result = Result()
        guard let (headerEnd, columns, inferred) = readHeader(table) else { return result }
        let roles = columns
        guard roles.contains(.task) || roles.contains(.number),
            roles.contains(where: { [.lead, .support, .responsible, .supportOrResponsible, .deadline].contains($0) })
        else { return result }
        result.isTaskTable = true
        let line = table.rows.first?.first?.source.line
        if inferred {
            result.diagnostics.append(
                Diagnostic(
                    .info, .tasks, code: "column-role-inferred", "the task column has a blank header; read as the task column", line: line))
        }
        if !table.rowsPlacedByContent.isEmpty {
            result.diagnostics.append(
                Diagnostic(
                    .info, .tasks, code: "column-role-inferred",
                    "a flattened table: the cells of \(table.rowsPlacedByContent.count) row(s) were placed in their columns by what they read as (deadline, unit list, task text)",
                    line: line))
        }
        if roles.contains(.supportOrResponsible) {
            result.diagnostics.append(
                Diagnostic(
                    .info, .tasks, code: "column-role-inferred",
                    "a 配合/责任单位 column: support in rows with a lead unit, responsible in rows without", line: line))
        }
        let headerKeys = table.rows[..<headerEnd].last.map { $0.map(\.text.compactFolded) }
        var category: String?
        // What a category row states for the rows under it (DOMAIN.md §5 "stated once, for many
        // items"): `一季度前完成以下工作`, `以下任务由区财政局牵头`.
        var group = GroupStatement()
        for rowIndex in headerEnd..<table.rows.count {
            let row = table.rows[rowIndex]
            // A repeated header row. (Keys are folded only while they can still match: a task
            // row differs from the header in its first cell.)
            if let headerKeys, headerKeys.count == row.count, zip(row, headerKeys).allSatisfy({ $0.text.compactFolded == $1 }) {
                continue
            }
            let texts = row.map(\.text)
            // One distinct non-empty cell text (a category row spanning the table), or none: the
            // non-empty keys are compared until two differ.
            var first: String?
            var filled = 0
            var distinct = false
            for cell in row {
                let key = cell.text.compactFolded
                if key.isEmpty { continue }
                filled += 1
                if let first {
                    if key != first {
                        distinct = true
                        break
                    }
                } else {
                    first = key
                }
            }
            guard first != nil else { continue }
            // (A key is empty exactly when the trimmed text is.)
            if !distinct, row.count > 1, filled > 1 {
                category = texts.first { !$0.trimmedText.isEmpty }
                group = GroupStatement(category ?? "", workYear: workYear, notBefore: notBefore)
                continue
            }
            if let numberColumn = roles.firstIndex(of: .number),
                MarkerReader.read(texts[numberColumn])?.marker.style == .chineseComma
                    || (row[numberColumn].text.trimmedText.isEmpty == false && isCategoryRow(row, roles))
            {
                category = texts.first { !$0.trimmedText.isEmpty }
                group = GroupStatement(category ?? "", workYear: workYear, notBefore: notBefore)
                continue
            }
            if var task = readRow(
                row, roles: roles, sectionPath: sectionPath + (category.map { [$0] } ?? []), group: group, result: &result)
            {
                if task.deadline == nil, let deadline = group.deadline {
                    task.deadline = deadline
                    result.diagnostics.append(group.inherited("deadline “\(deadline.raw)”", by: task))
                }
                if task.units.isEmpty, !group.units.isEmpty {
                    task.units = group.units
                    result.diagnostics.append(group.inherited("units", by: task))
                }
                result.tasks.append(task)
            }
        }
        return result
    }

    // MARK: - Header

    /// The end of the header rows and the role of each column.
    private func readHeader(_ table: Table) -> (Int, [ColumnRole], inferred: Bool)? {
        let width = table.columnCount
        for start in 0..<min(4, table.rows.count) {
            let row = table.rows[start]
            let classified = row.map { ColumnRole.classify($0.text) }
            let words = classified.compactMap { $0 }.count
            guard words >= 2, words + row.filter({ $0.text.trimmedText.isEmpty }).count >= row.count - 1 else {
                continue
            }
            var roles = (0..<width).map { column in column < row.count ? classified[column] : nil }
            var end = start + 1
            // A second header row refines spanned cells: 责任单位 over 牵头单位 | 配合单位.
            if end < table.rows.count {
                let next = table.rows[end].map { ColumnRole.classify($0.text) }
                let nextWords = next.compactMap { $0 }.count
                if nextWords >= 1,
                    nextWords + table.rows[end].filter({ $0.text.trimmedText.isEmpty || $0.isSpanCopy }).count >= table.rows[end].count,
                    !table.rows[end].contains(where: { ChineseNumber.arabic(of: Array($0.text.compactFolded.unicodeScalars)) != nil }),
                    // A category row (`一、…以下工作`) may hold header words; it is a row.
                    !table.rows[end].contains(where: { MarkerReader.readStart(of: $0.text) != nil })
                {
                    for (column, role) in next.enumerated() where role != nil && column < roles.count {
                        roles[column] = role
                    }
                    end += 1
                }
            }
            // A blank header is the task column when none is named (the seed).
            var inferred = false
            if !roles.contains(.task), let blank = roles.firstIndex(where: { $0 == nil }) {
                roles[blank] = .task
                inferred = true
            }
            return (end, roles.map { $0 ?? .other }, inferred)
        }
        return nil
    }

    private func isCategoryRow(_ row: [TableCell], _ roles: [ColumnRole]) -> Bool {
        // A number cell with no digits (`一、紧扣…` printed in the number column) and nothing
        // in the unit and deadline columns.
        guard let numberColumn = roles.firstIndex(of: .number) else { return false }
        let number = row[numberColumn].text.compactFolded
        guard ChineseNumber.arabic(of: Array(number.unicodeScalars)) == nil, number.unicodeScalars.count > 4 else {
            return false
        }
        return true
    }

    // MARK: - Rows

    private func readRow(
        _ row: [TableCell], roles: [ColumnRole], sectionPath: [String], group: GroupStatement, result: inout Result
    ) -> WorkTask? {
        func cells(_ role: ColumnRole) -> [TableCell] {
            zip(roles, row).filter { $0.0 == role }.map(\.1)
        }
        let taskCells = cells(.task).filter { !$0.text.trimmedText.isEmpty }
        var text = taskCells.map(\.text.trimmedText).joined(separator: "\n")
        var number = cells(.number).first?.text.trimmedText
        // No number column: the number is printed at the start of the task cell (`1.全面公开…`).
        if number == nil, let (marker, body) = MarkerReader.read(text), marker.style == .arabicDot || marker.style == .arabicParen {
            number = marker.printed
            text = body
        }
        guard !text.isEmpty else { return nil }
        if let number, !number.isEmpty, ChineseNumber.arabic(of: Array(number.compactFolded.unicodeScalars)) == nil,
            MarkerReader.read(number) == nil
        {
            // Neither a number nor a marker in the number column: a note row, not a task.
            return nil
        }
        var units: [UnitAssignment] = []
        func add(_ found: [UnitAssignment]) { units.appendNew(found) }
        for cell in cells(.lead) { add(UnitListParser.parse(cell.text, defaultRole: .lead)) }
        let hasLead = !units.isEmpty
        for cell in cells(.support) { add(UnitListParser.parse(cell.text, defaultRole: .support)) }
        for cell in cells(.supportOrResponsible) {
            add(UnitListParser.parse(cell.text, defaultRole: hasLead ? .support : .responsible))
        }
        for cell in cells(.responsible) { add(UnitListParser.parse(cell.text, defaultRole: .responsible)) }
        let deadlineText = cells(.deadline).map(\.text.trimmedText).filter { !$0.isEmpty }.joined(separator: "…")
        var deadline = DeadlineParser.parse(deadlineText, workYear: workYear)
        if !roles.contains(.deadline) {
            // No deadline column: a requirement column may state one (`于文件公开后3个工作日内`).
            let folded = FoldedText(text)
            deadline =
                DeadlineParser.find(inProse: folded, workYear: workYear, notBefore: notBefore)
                ?? (units.isEmpty ? nil : DeadlineParser.findRecurrence(inProse: folded))
        }
        let source = taskCells.first?.source ?? row[0].source
        if units.contains(where: \.fromOpenList) {
            result.diagnostics.append(
                Diagnostic(.info, .tasks, code: "open-unit-list", "task \(number ?? "?"): the unit list is open (等)", line: source.line))
        }
        if let deadline, deadline.kind == nil {
            result.diagnostics.append(
                Diagnostic(
                    .warning, .tasks, code: "deadline-not-normalised", "task \(number ?? "?"): cannot read deadline “\(deadline.raw)”",
                    line: source.line))
        }
        guard !units.isEmpty || deadline != nil || group.states else { return nil }
        return WorkTask(
            number: number.map { $0.isEmpty ? nil : $0 } ?? nil, sectionPath: sectionPath, text: text, units: units,
            deadline: deadline, layout: .table, source: source)
    }
}
