/// Rebuilds task tables that were flattened into one cell per line (DOMAIN.md §4, layout 2).
///
/// A saved page copied as text loses its table: each cell becomes a line, rows run together.
/// The seed shows the shape:
///
/// ```
/// 序号            <- header: 序号, then header words (a blank task header leaves no line)
/// 责任单位
/// 时限要求
/// 1               <- a row starts at the next expected number alone on a line
/// 围绕积极的…      <- its cells follow, one per line
/// 区发改局…牵头落实
/// 全年
/// 2
/// …
/// ```
///
/// The recogniser finds such a header, infers the missing task column, and collects rows while
/// the numbers run on (1, 2, 3 …). A line `一、…` between rows is a category row. The table
/// ends at the first line where neither the next number nor a category follows a full row,
/// or at a line `附件N`.
enum FlattenedTableRecognizer {
    static func recognize(_ blocks: [Block]) -> [Block] {
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

    /// A header: `序号` then at least one more header word, each on its own line.
    private static func readHeader(_ blocks: [Block], at start: Int) -> [String]? {
        // A number header is 序号, 编号 or 序 (`ColumnRole.rules`): every other line is passed
        // before its key is folded and tried against every header word.
        let first = blocks[start].text
        guard blocks[start].kind == .line, first.utf8Contains("序") || first.utf8Contains("编"),
            ColumnRole.classify(first) == .number
        else { return nil }
        var header = [blocks[start].text]
        var index = start + 1
        while index < blocks.count, blocks[index].kind == .line, header.count < 10 {
            let text = blocks[index].text
            guard let role = ColumnRole.classify(text), role != .number else { break }
            header.append(text)
            index += 1
        }
        guard header.count >= 2 else { return nil }
        // The task column's header is often blank and leaves no line (the seed): the column
        // is there all the same, right after the number.
        let roles = header.compactMap(ColumnRole.classify)
        if !roles.contains(.task) { header.insert("", at: 1) }
        return header
    }

    private static func isRowNumber(_ text: String, _ expected: Int) -> Bool {
        text.compactFolded == String(expected) || rowStart(text, expected) != nil
    }

    /// `1 将母婴设施建设…`: the row number and the first cell on one line, a space between.
    private static func rowStart(_ text: String, _ expected: Int) -> String? {
        // The line must open with a digit (ASCII or full-width): told before folding it.
        guard let first = text.unicodeScalars.first(where: { !FoldedText.fold($0).isFoldedSpace }),
            FoldedText.fold(first).isASCIIDigit
        else { return nil }
        let folded = FoldedText(text.trimmedText)
        let digits = Array(String(expected).unicodeScalars)
        guard folded.folded.hasPrefix(digits), folded.count > digits.count + 1, folded.folded[digits.count] == " " else { return nil }
        let rest = folded.original((digits.count + 1)..<folded.count).trimmedText
        return rest.isEmpty ? nil : rest
    }

    private static func isTerminator(_ text: String) -> Bool {
        // An attachment heading has 附, a number header 序 or 编: other lines are none.
        guard text.utf8Contains("附") || text.utf8Contains("序") || text.utf8Contains("编") else { return false }
        let key = text.compactFolded
        return AttachmentHeading.read(key) != nil || ColumnRole.classify(key) == .number
    }

    private static func readTable(_ blocks: [Block], at start: Int) -> (Block, Int)? {
        guard let header = readHeader(blocks, at: start) else { return nil }
        let headerLines = header.filter { !$0.isEmpty }.count
        let width = header.count
        var index = start + headerLines
        var expected = 1
        var lastRowLines: Int?
        var rows: [[String]] = [header]
        var rowLines: [[Int]] = [Array(repeating: blocks[start].source.line, count: width)]
        while index < blocks.count {
            let text = blocks[index].text
            if blocks[index].kind == .line, MarkerReader.read(text)?.marker.style == .chineseComma, expected > 1 || rows.count == 1 {
                // A category row between task rows.
                rows.append(Array(repeating: text, count: width))
                rowLines.append(Array(repeating: blocks[index].source.line, count: width))
                index += 1
                continue
            }
            guard blocks[index].kind == .line, isRowNumber(text, expected) else { break }
            // Collect this row's cells: every line up to the next row number or a terminator.
            var cellBlocks: [Block] = []
            var cursor = index + 1
            while cursor < blocks.count, blocks[cursor].kind == .line {
                let cellText = blocks[cursor].text
                if isRowNumber(cellText, expected + 1) || isTerminator(cellText) { break }
                if MarkerReader.read(cellText)?.marker.style == .chineseComma, cellBlocks.count >= width - 1 { break }
                cellBlocks.append(blocks[cursor])
                cursor += 1
            }
            let isLast = cursor >= blocks.count || !isRowNumber(blocks[cursor].text, expected + 1)
            let gluedFirstCell = rowStart(text, expected)
            if isLast {
                // The last row takes as many lines as the row before it (or one per column);
                // what follows is the signature or the next part, not the table's.
                let limit = lastRowLines ?? (width - 1 - (gluedFirstCell == nil ? 0 : 1))
                if cellBlocks.count > limit {
                    cellBlocks = Array(cellBlocks.prefix(limit))
                    cursor = index + 1 + cellBlocks.count
                }
            }
            guard !cellBlocks.isEmpty || gluedFirstCell != nil else { break }
            lastRowLines = cellBlocks.count
            var lines = cellBlocks.map(\.text)
            var lineNumbers = cellBlocks.map(\.source.line)
            if let gluedFirstCell {
                lines.insert(gluedFirstCell, at: 0)
                lineNumbers.insert(blocks[index].source.line, at: 0)
            }
            let cells = arrange(lines, width: width)
            rows.append([String(expected)] + cells)
            rowLines.append([blocks[index].source.line] + arrangeLines(lineNumbers, width: width))
            expected += 1
            index = cursor
        }
        guard expected > 1 else { return nil }
        let gridRows = rows.enumerated().map { rowIndex, row in
            row.enumerated().map { column, text in
                TableCell(
                    text,
                    source: SourceLocation(line: rowLines[rowIndex][column], row: rowIndex + 1, column: column + 1))
            }
        }
        return (.table(Table(rows: gridRows), source: blocks[start].source), index - start)
    }

    /// Spreads a row's lines over the columns after the number: surplus lines at the start
    /// belong to the task text (a task of several paragraphs).
    private static func arrange(_ lines: [String], width: Int) -> [String] {
        let columns = width - 1
        if lines.count == columns { return lines }
        if lines.count > columns {
            let surplus = lines.count - columns + 1
            return [lines.prefix(surplus).joined(separator: "\n")] + lines.suffix(columns - 1)
        }
        return lines + Array(repeating: "", count: columns - lines.count)
    }

    private static func arrangeLines(_ lines: [Int], width: Int) -> [Int] {
        let columns = width - 1
        if lines.count >= columns { return [lines[0]] + lines.suffix(columns - 1) }
        return lines + Array(repeating: lines.last ?? 0, count: columns - lines.count)
    }
}
