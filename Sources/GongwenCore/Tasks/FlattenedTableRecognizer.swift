/// Rebuilds task tables that were flattened into text (DOMAIN.md §4 layout 2, §5 "Flattened
/// tables"), so that one table reader reads every shape.
///
/// A saved page copied as text loses its table. The header names the columns, in any of the
/// shapes saves print it; the rows follow, numbered, with their cells on the row's line
/// (separated by spaces, `／`, `|`) or on lines of their own:
///
/// ```
/// 序号              序号 工作任务 责任单位 完成时限      公开内容
/// 责任单位          1 加强解读 区财政局 9月底前         牵头单位
/// 时限要求          2／公开收支／区统计局／全年         责任单位
/// 1                                                    一、细化公开内容        <- category
/// 围绕积极的…       序号 工作任务 责任单位 完成时限      1.公开企事业单位名录。
/// 区发改局牵头落实   1 加强政策解读                      市工商局、市民政局
/// 全年              区财政局                           各县（区）政府
/// 2                 9月底前                            2.公开项目清单。        <- units merged
/// …                                                    3.公开服务指南。
/// ```
///
/// Rows start at the next expected number (`1`, `2 …`, `3.`, `（4）`), or — where the header has
/// no number column — at each numbered line. A line `一、…` between rows, or a numbered line
/// directly followed by another, is a category row. A row's cells are taken in order; a row
/// with fewer cells than columns gets each cell by what it reads as (a deadline, a unit list,
/// else task text), and a row with no unit cell shares the unit cells of the row above (they
/// were merged, `rowspan`). The table ends at `附件N`, a new header, or where a row is followed
/// by neither a next row nor a category (the last row takes as many lines as the row before).
public enum FlattenedTableRecognizer {
    /// The blocks with every flattened task table rebuilt as a `.table` block. Lines of plain
    /// text and paragraphs of a page (a table pasted as one paragraph per cell) are read alike.
    public static func recognize(_ blocks: [Block]) -> [Block] {
        var result: [Block] = []
        var index = 0
        while index < blocks.count {
            if let (table, consumed) = readTable(blocks, at: index) {
                result.append(table)
                index += consumed
            } else {
                result.append(blocks[index])
                index += 1
            }
        }
        return result
    }

    // MARK: - Header

    struct Header {
        /// The header cells, a blank task cell inserted where the header prints none.
        var cells: [String]
        var roles: [ColumnRole]
        /// How many lines the header takes.
        var lines: Int
        /// The header's words were separated on one line: its rows are split the same way.
        var isOneLine: Bool
        var hasNumber: Bool { roles.first == .number }
    }

    /// Header cells are short: a header word and perhaps a qualifier (`责任单位（部门）`).
    static let maximumHeaderCellLength = 12

    /// A header: header words on one line, separated, or one per line.
    static func readHeader(_ blocks: [Block], at start: Int) -> Header? {
        guard blocks[start].isText else { return nil }
        let text = blocks[start].text
        // A header ends with a header word, one per line or the last of its line: most lines
        // are passed on their last scalar, before anything else is read.
        guard endsLikeHeaderWord(text), let separated = mayHoldHeaderWord(text) else { return nil }
        // A one-line header starts with a header word: the first piece is tried before the
        // line is split whole.
        if separated, let first = firstPiece(text), headerRole(first) != nil, case let pieces = splitCells(text), pieces.count >= 2 {
            let roles = pieces.map(headerRole)
            guard roles.allSatisfy({ $0 != nil }) else { return nil }
            return header(pieces, roles.compactMap { $0 }, lines: 1, isOneLine: true)
        }
        var cells: [String] = []
        var roles: [ColumnRole] = []
        var index = start
        while index < blocks.count, blocks[index].isText, cells.count < 10 {
            let line = blocks[index].text
            guard let role = headerRole(line), !(role == .number && !cells.isEmpty) else { break }
            cells.append(line)
            roles.append(role)
            index += 1
        }
        return header(cells, roles, lines: cells.count, isOneLine: false)
    }

    /// The role of a cell that is a whole header word of a family: a label (`责任单位`,
    /// `完成时限`, `省责任单位`), a task header (`工作任务`, `公开内容`, `督查事项`: a word ending in
    /// a task noun), or `序号`, `备注`, `类别`. A cell that only contains such a word is none.
    static func headerRole(_ text: String) -> ColumnRole? {
        guard endsLikeHeaderWord(text) else { return nil }
        let (key, isWhole) = text.compactFoldedPrefix(maximumScalars: maximumHeaderCellLength)
        guard isWhole, !key.isEmpty, isHeaderCell(key) else { return nil }
        if let kind = AssignmentVocabulary.headerKind(compact: key) {
            switch kind {
            case .units, .deadline, .task: return ColumnRole.classify(key)
            case .person: return .other
            }
        }
        if let role = otherHeaders[key] { return role }
        let scalars = Array(key.unicodeScalars)
        if scalars.count <= 6, taskNouns.contains(where: { scalars.count >= $0.count && scalars.hasSuffix($0) }) { return .task }
        return nil
    }

    /// The last scalars of every header word: labels, task headers and nouns, the others.
    private static let headerEnds: ScalarSet = {
        var set = AssignmentVocabulary.wordEndScalars
        for word in otherHeaders.keys { if let last = word.unicodeScalars.last { set.insert(last) } }
        for noun in taskNouns { if let last = noun.last { set.insert(last) } }
        return set
    }()

    /// Whether a text ends with the last scalar of a header word, or with a bracket that may
    /// close a qualifier (`责任单位（部门）`) or a colon.
    private static func endsLikeHeaderWord(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.reversed().lazy.map(FoldedText.fold).first(where: { !$0.isFoldedSpace }) else {
            return false
        }
        return headerEnds.contains(last) || last == ")" || last == ":"
    }

    private static let otherHeaders: [String: ColumnRole] = [
        "序号": .number, "编号": .number, "序": .number, "备注": .note, "类别": .category, "分类": .category, "领域": .category,
    ]
    /// What a task column's header ends with: `工作任务`, `公开内容`, `具体措施`, `督查事项`, `职责`.
    private static let taskNouns = ["任务", "内容", "措施", "事项", "工作", "要求", "举措", "项目", "目标", "职责"].map(pattern)

    private static func header(_ cells: [String], _ roles: [ColumnRole], lines: Int, isOneLine: Bool) -> Header? {
        guard cells.count >= 2, roles.contains(where: isAssignmentColumn) else { return nil }
        // A task table's header names its unit or deadline column with a label of the family
        // (`责任单位`, `牵头部门`, `完成时限`), not just a word that contains one.
        guard
            cells.contains(where: { cell in
                switch AssignmentVocabulary.headerKind(compact: cell.compactFolded) {
                case .units?, .deadline?: true
                default: false
                }
            })
        else { return nil }
        // One header of a kind each: a paragraph of repeated words is no header.
        guard roles.filter({ $0 == .task }).count <= 2, roles.filter({ $0 == .number }).count <= 1 else { return nil }
        var cells = cells
        var roles = roles
        if roles.first != .number, roles.contains(.number) { return nil }
        // The task column's header is often blank and leaves no line (the seed): the column
        // is there all the same, right after the number.
        if !roles.contains(.task) {
            guard roles.first == .number else { return nil }
            cells.insert("", at: 1)
            roles.insert(.task, at: 1)
        }
        return Header(cells: cells, roles: roles, lines: lines, isOneLine: isOneLine)
    }

    private static func isAssignmentColumn(_ role: ColumnRole) -> Bool {
        switch role {
        case .lead, .support, .supportOrResponsible, .responsible, .deadline: true
        default: false
        }
    }

    /// A short key with no punctuation and no marker: `责任单位`, `牵头单位(部门)`, `序号`.
    private static func isHeaderCell(_ key: String) -> Bool {
        !key.utf8Contains("。") && !key.utf8Contains(",") && !key.utf8Contains(":") && !key.utf8Contains(";")
            && MarkerReader.readStart(of: key) == nil
    }

    /// Whether a line may be (part of) a header, told in one pass over its bytes: a header has
    /// no sentence punctuation, and is either one short cell or cells with separators between.
    ///
    /// - Returns: Whether the line has separators; nil when it can be no header at all.
    private static func mayHoldHeaderWord(_ text: String) -> Bool? {
        guard text.utf8.count <= 240 else { return nil }
        var separated = false
        var bytes = text.utf8.makeIterator()
        // `。` is E3 80 82, `，` EF BC 8C, `；` EF BC 9B, `／` EF BC 8F, `｜` EF BD 9C.
        var previous: (UInt8, UInt8) = (0, 0)
        while let byte = bytes.next() {
            switch (previous.0, previous.1, byte) {
            case (0xE3, 0x80, 0x82), (0xEF, 0xBC, 0x8C), (0xEF, 0xBC, 0x9B): return nil
            case (0xEF, 0xBC, 0x8F), (0xEF, 0xBD, 0x9C): separated = true
            default: if byte == 0x20 || byte == 0x09 || byte == 0x2F || byte == 0x7C { separated = true }
            }
            previous = (previous.1, byte)
        }
        return separated || text.utf8.count <= 3 * maximumHeaderCellLength ? separated : nil
    }

    // MARK: - Cells on one line

    /// Separators between the cells of a row printed on one line.
    private static let cellSeparators: ScalarSet = ["/", "|", "｜", "\t"]

    /// A line's cells: split at `／`, `|`, tabs or spaces; one piece when it has none.
    static func splitCells(_ text: String) -> [String] {
        let folded = FoldedText(text)
        let scalars = folded.folded
        var pieces: [String] = []
        var start = 0
        var index = 0
        // `配合/责任单位` is one header word: a slash between two header stems is no separator.
        while index < scalars.count {
            let scalar = scalars[index]
            let isSeparator =
                (cellSeparators.contains(scalar) && !isHeaderSlash(scalars, at: index)) || scalar == " "
            if isSeparator {
                let piece = folded.original(scalars.trimmedRange(start..<index))
                if !piece.isEmpty { pieces.append(piece) }
                start = index + 1
            }
            index += 1
        }
        let piece = folded.original(scalars.trimmedRange(start..<scalars.count))
        if !piece.isEmpty { pieces.append(piece) }
        return pieces
    }

    /// The text before the first separator (space, tab, `／`, `|`).
    private static func firstPiece(_ text: String) -> String? {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !FoldedText.fold($0).isFoldedSpace }) else { return nil }
        let end =
            scalars[start...].firstIndex { scalar in
                let folded = FoldedText.fold(scalar)
                return folded.isFoldedSpace || cellSeparators.contains(folded)
            } ?? scalars.endIndex
        return String(scalars[start..<end])
    }

    private static func isHeaderSlash(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard scalars[index] == "/", index >= 2, index + 2 < scalars.count else { return false }
        let before = String(scalars: scalars[(index - 2)..<index])
        return ["配合", "协办"].contains(before) && scalars[index + 1].isHan
            && (scalars.matches(pattern("责任"), at: index + 1) || scalars.matches(pattern("参与"), at: index + 1))
    }

    // MARK: - Rows

    /// The row number a line opens with (`1`, `1 …`, `1.…`, `1、…`, `（1）…`) when it is
    /// `expected`, and the rest of the line.
    private static func rowStart(_ text: String, expected: Int) -> (rest: String, printed: String)? {
        // The line must open with a digit or a bracket: told before folding it.
        guard let first = text.unicodeScalars.first(where: { !FoldedText.fold($0).isFoldedSpace }),
            FoldedText.fold(first).isASCIIDigit || FoldedText.fold(first) == "("
        else { return nil }
        let (prefix, _) = FoldedText.prefix(of: text.trimmedText, maximumScalars: 12)
        let scalars = prefix.folded
        let digits = Array(String(expected).unicodeScalars)
        var end: Int
        if scalars.first == "(" {
            guard scalars.matches(digits, at: 1), scalars.count > digits.count + 1, scalars[digits.count + 1] == ")" else {
                return nil
            }
            end = digits.count + 2
        } else {
            guard scalars.hasPrefix(digits) else { return nil }
            end = digits.count
            if end < scalars.count {
                let next = scalars[end]
                if next == "." || next == "、" || next == "," {
                    end += 1
                } else if next == " " || cellSeparators.contains(next) {
                    end += 1
                } else {
                    return nil
                }
                // `1.5亿元` opens no row.
                if end < scalars.count, scalars[end].isASCIIDigit { return nil }
            }
        }
        let trimmed = text.trimmedText
        // The number as printed, without the space or separator after it.
        var printedEnd = min(end, prefix.count)
        while printedEnd > 0, scalars[printedEnd - 1] == " " || cellSeparators.contains(scalars[printedEnd - 1]) { printedEnd -= 1 }
        return (trimmed.trimmedText(droppingScalars: end), prefix.original(0..<printedEnd).trimmedText)
    }

    private static func isTerminator(_ text: String) -> Bool {
        // An attachment heading has 附, a number header 序 or 编: other lines are none.
        guard text.utf8Contains("附") || text.utf8Contains("序") || text.utf8Contains("编") else { return false }
        let key = text.compactFolded
        return AttachmentHeading.read(key) != nil || ColumnRole.classify(key) == .number
    }

    /// A category row: `一、…` between numbered rows; with no number column, also `（一）…`
    /// followed straight by a row.
    private static func isCategory(_ text: String, header: Header) -> Bool {
        guard let (marker, _) = MarkerReader.readStart(of: text) else { return false }
        switch marker.style {
        case .chineseComma, .part, .chapter: return true
        case .chineseParen: return header.hasNumber
        default: return false
        }
    }

    private struct Row {
        var number: String
        var cells: [(text: String, line: Int)]
        var line: Int
        var isCategory = false
        /// The cells were split from one line by separators: they are in column order.
        var isOneLine = false
    }

    private static func readTable(_ blocks: [Block], at start: Int) -> (Block, Int)? {
        guard let header = readHeader(blocks, at: start) else { return nil }
        let width = header.cells.count
        var index = start + header.lines
        var expected = 1
        var rows: [Row] = []
        var lastRowLines: Int?
        while index < blocks.count, blocks[index].isText {
            let block = blocks[index]
            let text = block.text
            if isTerminator(text), index > start + header.lines { break }
            // The next row.
            var opened: (rest: String, printed: String)?
            if header.hasNumber {
                opened = rowStart(text, expected: expected)
            } else if let (marker, bodyStart) = MarkerReader.readStart(of: text), !isCategory(text, header: header) {
                opened = (text.trimmedText(droppingScalars: bodyStart), marker.printed)
            }
            // With no number column, a numbered line followed straight by a line numbered in
            // another style (`（一）脱贫攻坚领域` / `1.…`) is the category of the rows below.
            if !header.hasNumber, opened != nil, index + 1 < blocks.count, blocks[index + 1].isText,
                let (own, _) = MarkerReader.readStart(of: text), let (next, _) = MarkerReader.readStart(of: blocks[index + 1].text),
                next.style != own.style
            {
                opened = nil
            }
            guard let (rest, printed) = opened else {
                if isCategory(text, header: header) || (!header.hasNumber && MarkerReader.readStart(of: text) != nil) {
                    rows.append(Row(number: text, cells: [], line: block.source.line, isCategory: true))
                    index += 1
                    continue
                }
                break
            }
            // Its cells: the rest of its line, then every line up to the next row or category.
            var cells: [(String, Int)] = []
            var isOneLine = false
            if !rest.isEmpty {
                let pieces = header.isOneLine || containsCellSeparator(rest) ? splitCells(rest) : [rest]
                cells += pieces.map { ($0, block.source.line) }
                isOneLine = pieces.count > 1
            }
            var cursor = index + 1
            while cursor < blocks.count, blocks[cursor].isText {
                let cell = blocks[cursor].text
                if isTerminator(cell) || isCategory(cell, header: header) { break }
                if header.hasNumber, rowStart(cell, expected: expected + 1) != nil { break }
                if !header.hasNumber, MarkerReader.readStart(of: cell) != nil { break }
                cells.append((cell, blocks[cursor].source.line))
                cursor += 1
            }
            // The last row: nothing after it, or what follows is neither a row nor a category.
            var isLast = cursor >= blocks.count || !blocks[cursor].isText
            if !isLast, header.hasNumber {
                let next = blocks[cursor].text
                isLast = rowStart(next, expected: expected + 1) == nil && !isCategory(next, header: header)
            }
            if isLast {
                // The last row takes as many lines as the row before it (or one per column);
                // what follows is the signature or the next part, not the table's.
                let ownLine = rest.isEmpty ? 0 : 1
                let limit = max(lastRowLines ?? (width - 1), ownLine)
                if cells.count > limit {
                    // Unit lines past the limit still fill the row's unit columns (the row before
                    // may have had fewer lines) unless a date follows them: a signature.
                    let unitColumns = header.roles.filter(isUnitColumn).count
                    var take = limit
                    while take < cells.count, take - ownLine < unitColumns + 1, readsAsUnitList(cells[take].0),
                        cells[..<take].filter({ readsAsUnitList($0.0) }).count < unitColumns,
                        take + 1 >= cells.count || DateReader.dateLine(cells[take + 1].0) == nil
                    {
                        take += 1
                    }
                    let kept = take - ownLine
                    cells = Array(cells.prefix(take))
                    cursor = index + 1 + max(0, kept)
                }
            }
            guard !cells.isEmpty else { break }
            lastRowLines = cells.count
            isOneLine = isOneLine && cursor == index + 1
            rows.append(Row(number: printed, cells: cells, line: block.source.line, isOneLine: isOneLine))
            expected += 1
            index = cursor
        }
        // A category printed last belongs to what follows.
        while let last = rows.last, last.isCategory {
            rows.removeLast()
            index -= 1
        }
        guard rows.contains(where: { !$0.isCategory }) else { return nil }
        return (.table(grid(header, rows, line: blocks[start].source.line), source: blocks[start].source), index - start)
    }

    private static func containsCellSeparator(_ text: String) -> Bool {
        text.unicodeScalars.contains { cellSeparators.contains(FoldedText.fold($0)) }
    }

    // MARK: - Grid

    private static func grid(_ header: Header, _ rows: [Row], line headerLine: Int) -> Table {
        let width = header.cells.count
        var grid: [[TableCell]] = [
            header.cells.enumerated().map { column, text in
                TableCell(text, source: SourceLocation(line: headerLine, row: 1, column: column + 1))
            }
        ]
        var previous: [TableCell]?
        var placedByContent: [Int] = []
        for row in rows {
            let rowNumber = grid.count + 1
            if row.isCategory {
                // A merged cell never spans a category row.
                previous = nil
                grid.append(
                    (0..<width).map { TableCell(row.number, source: SourceLocation(line: row.line, row: rowNumber, column: $0 + 1)) })
                continue
            }
            let columns = Array(header.roles.dropFirst(header.hasNumber ? 1 : 0))
            // Cells in column order: split from one line, or one line per column under a
            // numbered header (the seed's shape). Otherwise they are taken by what they read as.
            let inOrder = row.isOneLine || (header.hasNumber && row.cells.count == columns.count)
            if !inOrder { placedByContent.append(rowNumber) }
            var cells = arrange(row.cells, columns: columns, inOrder: inOrder).enumerated().map { offset, cell in
                TableCell(
                    cell.text,
                    source: SourceLocation(line: cell.line ?? row.line, row: rowNumber, column: offset + (header.hasNumber ? 2 : 1)))
            }
            // A row with no unit cell at all shares the row above's: the cells were merged.
            let unitColumns = columns.indices.filter { isUnitColumn(columns[$0]) }
            if let previous, !unitColumns.isEmpty, unitColumns.allSatisfy({ cells[$0].text.isEmpty }) {
                let offset = header.hasNumber ? 1 : 0
                for column in unitColumns {
                    cells[column] = TableCell(previous[column + offset].text, isSpanCopy: true, source: cells[column].source)
                }
            }
            var full = cells
            if header.hasNumber {
                full.insert(TableCell(row.number, source: SourceLocation(line: row.line, row: rowNumber, column: 1)), at: 0)
            } else if let first = full.first, !row.number.isEmpty {
                // No number column: the number stays with the task text (`1.公开…`), as printed.
                full[0] = TableCell(row.number + first.text, source: first.source)
            }
            grid.append(full)
            previous = full
        }
        return Table(rows: grid, rowsPlacedByContent: placedByContent)
    }

    private static func isUnitColumn(_ role: ColumnRole) -> Bool {
        switch role {
        case .lead, .support, .supportOrResponsible, .responsible: true
        default: false
        }
    }

    /// Spreads a row's cells over its columns (the number column excluded).
    ///
    /// Cells split from one line are in column order (a surplus at the start is the task's
    /// text). Cells on lines of their own are taken by what they read as: deadlines go to the
    /// deadline column, unit lists to the unit columns in order, and everything else — the
    /// task's paragraphs — to the task.
    private static func arrange(
        _ cells: [(text: String, line: Int)], columns: [ColumnRole], inOrder: Bool
    ) -> [(text: String, line: Int?)] {
        let count = columns.count
        var result: [(text: String, line: Int?)] = Array(repeating: ("", nil), count: count)
        guard let taskColumn = columns.firstIndex(of: .task) else { return result }
        if inOrder, cells.count >= count {
            let surplus = cells.count - count
            var cursor = 0
            for column in 0..<count {
                let take = column == taskColumn ? surplus + 1 : 1
                let taken = cells[cursor..<(cursor + take)]
                result[column] = (taken.map(\.text).joined(separator: "\n"), taken.first?.line)
                cursor += take
            }
            return result
        }
        let unitColumns = columns.indices.filter { isUnitColumn(columns[$0]) }
        let deadlineColumn = columns.firstIndex(of: .deadline)
        var nextUnit = 0
        var task: [(String, Int)] = []
        for (offset, cell) in cells.enumerated() {
            if offset > 0, let deadlineColumn, result[deadlineColumn].text.isEmpty, readsAsDeadline(cell.text) {
                result[deadlineColumn] = (cell.text, cell.line)
            } else if offset > 0, nextUnit < unitColumns.count, readsAsUnitList(cell.text) {
                result[unitColumns[nextUnit]] = (cell.text, cell.line)
                nextUnit += 1
            } else if offset > 0, let last = unitColumns.last, nextUnit == unitColumns.count, readsAsUnitList(cell.text) {
                // More unit lines than unit columns: a cell's names split over lines (a run-on
                // save splits `区统计局 区审计局` at its space); they belong to the last column.
                result[last].text += "、" + cell.text
            } else {
                task.append(cell)
            }
        }
        result[taskColumn] = (task.map(\.0).joined(separator: "\n"), task.first?.1)
        return result
    }

    /// A short cell that is one deadline (`9月底前`, `全年`, `持续推进`).
    private static func readsAsDeadline(_ text: String) -> Bool {
        guard text.scalarCount <= 40, !text.utf8Contains("。") else { return false }
        return DeadlineParser.parse(text, workYear: nil)?.kind != nil
    }

    /// A cell that names units and nothing else (`市工商局、市民政局`, `区财政局牵头落实`).
    private static func readsAsUnitList(_ text: String) -> Bool {
        guard text.scalarCount <= 80, !text.utf8Contains("。"), MarkerReader.readStart(of: text) == nil else { return false }
        let units = UnitListParser.parse(text, defaultRole: .responsible)
        guard !units.isEmpty else { return false }
        let folded = FoldedText(text).folded
        return units.allSatisfy { $0.name.scalarCount <= 24 }
            && UnitListParser.split(folded, 0..<folded.count, at: [",", ";", "、"]).allSatisfy { piece in
                UnitVocabulary.endsWithUnitSuffix(folded, piece) || UnitVocabulary.startsLikeUnit(folded, piece)
                    || UnitListParser.openEnding(folded, piece) != nil || hasRoleWord(folded, piece)
            }
    }

    private static func hasRoleWord(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        range.contains { UnitListParser.role(at: $0, in: scalars) != nil }
    }
}

extension Block {
    /// A line or a paragraph: text a flattened table's cells can be.
    fileprivate var isText: Bool { kind == .line || kind == .paragraph }
}
