import GongwenCore

/// Builds the grid of a data table, resolving `rowspan` and `colspan`.
///
/// A merged cell is copied into every position it covers, the copies flagged `isSpanCopy`, so
/// a category cell spanning five rows applies to each of them (DOMAIN.md §4). Spans are
/// clamped to the table's real size: `rowspan="100000"` covers only the rows that exist, and
/// negative or non-numeric spans count as 1.
enum TableGrid {
    /// Why a table was not read as a grid.
    enum Refusal: Error {
        case layout
        case tooLarge(cells: Int)
    }

    /// The grid, or why there is none (a layout table, or one over the cell limit).
    static func grid(_ table: HTMLTree.Node, in tree: HTMLTree, path: String, maximumCells: Int) -> Result<Table, Refusal> {
        let rows = rowElements(of: table, in: tree)
        guard !rows.isEmpty else { return .failure(.layout) }
        if tree.hasDescendant(table, tag: .table) { return .failure(.layout) }
        let cellRows = rows.map { row in tree.children(row).filter { tree.tag($0).isCell } }
        // A colspan never makes a table wider than its widest row counted cell by cell, or than
        // the column limit: `colspan="1000000000"` in a broken export covers the real columns.
        let naturalWidth = min(cellRows.map(\.count).max() ?? 0, BlockBuilder.maximumColumnSpan)
        let widest = cellRows.map { cells in cells.reduce(0) { $0 + span($1, in: tree, .colspan, limit: max(naturalWidth, 1)) } }.max() ?? 0
        guard widest >= 2 else { return .failure(.layout) }
        // A grid too large to hold is read as a container instead (its cells become blocks).
        let cells = rows.count * min(widest, naturalWidth * 2)
        guard cells <= maximumCells else { return .failure(.tooLarge(cells: cells)) }

        var grid: [[TableCell?]] = Array(repeating: [], count: rows.count)
        for (rowIndex, cells) in cellRows.enumerated() {
            var column = 0
            for cell in cells {
                while column < grid[rowIndex].count, grid[rowIndex][column] != nil { column += 1 }
                let rowSpan = span(cell, in: tree, .rowspan, limit: rows.count - rowIndex)
                let columnSpan = span(cell, in: tree, .colspan, limit: max(1, min(widest, naturalWidth * 2) - column))
                let text = cellText(cell, in: tree)
                let source = SourceLocation(line: tree.line(cell), path: path, row: rowIndex + 1, column: column + 1)
                for r in rowIndex..<(rowIndex + rowSpan) {
                    for c in column..<(column + columnSpan) {
                        while grid[r].count <= c { grid[r].append(nil) }
                        let isCopy = r != rowIndex || c != column
                        grid[r][c] = TableCell(text, isSpanCopy: isCopy, source: source)
                    }
                }
                column += columnSpan
            }
        }
        let width = grid.map(\.count).max() ?? 0
        let resolved = grid.enumerated().map { rowIndex, row in
            (0..<width).map { column in
                (column < row.count ? row[column] : nil)
                    ?? TableCell(
                        "", source: SourceLocation(line: tree.line(rows[rowIndex]), path: path, row: rowIndex + 1, column: column + 1))
            }
        }
        return .success(Table(rows: resolved))
    }

    /// `<tr>` elements of this table, inside `<thead>`/`<tbody>`/`<tfoot>` or directly under it.
    static func rowElements(of table: HTMLTree.Node, in tree: HTMLTree) -> [HTMLTree.Node] {
        var rows: [HTMLTree.Node] = []
        for child in tree.children(table) {
            switch tree.tag(child) {
            case .tr: rows.append(child)
            case .thead, .tbody, .tfoot: rows += tree.children(child).filter { tree.tag($0) == .tr }
            default: continue
            }
        }
        return rows
    }

    private static func span(_ cell: HTMLTree.Node, in tree: HTMLTree, _ name: AttributeName, limit: Int) -> Int {
        guard let raw = tree.attribute(name, of: cell)?.trimmedText, let value = Int(raw.prefix(9)), value > 1 else { return 1 }
        return min(value, max(1, limit))
    }

    /// A cell's text: its paragraphs and `<br>` lines joined with line breaks.
    static func cellText(_ cell: HTMLTree.Node, in tree: HTMLTree) -> String {
        // A cell whose content is one text node, alone in a chain of shown elements (`<td>`,
        // `<td><p><span>` from Word), reads as that text with its white space resolved: what
        // the block reader gives, without one. Most cells of task tables are such.
        if let only = soleText(of: cell, in: tree) {
            var buffer: [UInt8] = []
            tree.withTextBytes(only) { BlockBuilder.appendCollapsed($0, to: &buffer) }
            return BlockBuilder.resolveSpaces(buffer)
        }
        // (Nested data tables in a cell are read with the default limits.)
        return BlockBuilder.textBlocks(of: cell, in: tree).map { block in
            if block.kind == .table, let table = block.table {
                return table.rows.map { $0.map(\.text).joined(separator: " ") }.joined(separator: "\n")
            }
            return block.text
        }.joined(separator: "\n")
    }

    /// The text node a cell's content comes down to: every element from the cell down has one
    /// child, none hides itself or breaks a line (`<br>`) or holds a table, and the last child
    /// is text. Nil otherwise.
    private static func soleText(of cell: HTMLTree.Node, in tree: HTMLTree) -> HTMLTree.Node? {
        var node = cell
        var style: [UInt8] = []
        while true {
            let tag = tree.tag(node)
            guard tag != .br, tag != .table, !isHidden(node, in: tree, scratch: &style),
                let child = tree.firstChild(node), tree.nextSibling(child) == nil
            else { return nil }
            if tree.isText(child) { return child }
            node = child
        }
    }

    /// Whether an element hides itself, as the block reader tells it (`hidden`, or a style with
    /// `display:none` or `visibility:hidden`).
    private static func isHidden(_ node: HTMLTree.Node, in tree: HTMLTree, scratch: inout [UInt8]) -> Bool {
        guard tree.hasAttributes(node) else { return false }
        if tree.attributeBytes(.hidden, of: node) != nil { return true }
        guard let raw = tree.attributeBytes(.style, of: node) else { return false }
        BlockBuilder.compactASCII(raw, into: &scratch)
        let facts = BlockBuilder.StyleFacts(compact: scratch)
        return facts.displayNone || facts.visibilityHidden
    }
}
