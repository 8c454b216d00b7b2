import GongwenCore

/// Reads the disclosure grid of a 信息公开 page (DOMAIN.md §1): key cells such as `索 引 号：`
/// followed by their value cells, printed as a table or as `key：value` lines, often twice
/// (desktop and mobile). The first value of each key wins.
enum DisclosureGrid {
    static let keys: Set<String> = DisclosureKeys.all
    private static let keyStarts = ScalarSet(firstScalarsOf: keys.map { Array($0.unicodeScalars) })

    /// - Parameter pageBlocks: The blocks of the whole page, read only when no table holds a grid.
    /// Tables with more rows than this are never disclosure grids (the longest seen has 8).
    static let maximumGridRows = 24

    static func read(_ body: HTMLTree.Node, in tree: HTMLTree, pageBlocks: () -> [Block]) -> [DisclosureField] {
        var fields: [DisclosureField] = []
        func add(_ key: String, _ value: String) {
            guard !fields.contains(where: { $0.key == key }) else { return }
            fields.append(DisclosureField(key: key, value: value.trimmedText))
        }
        for table in tree.subtree(body) where tree.tag(table) == .table {
            // Its own rows only: a layout table's rows hold whole pages.
            let rows = TableGrid.rowElements(of: table, in: tree)
            // A disclosure grid has a handful of rows; long tables are content.
            guard rows.count <= maximumGridRows else { continue }
            // And a key in its first rows; most tables can be skipped without reading cells.
            let hasKeyEarly = rows.prefix(3).contains { row in
                tree.children(row).contains { cell in
                    tree.tag(cell).isCell && mayStartKey(cell, in: tree) && !tree.hasDescendant(cell, tag: .table)
                        && keyOf(BlockBuilder.resolveSpaces(tree.textContent(cell))) != nil
                }
            }
            guard hasKeyEarly else { continue }
            for row in rows {
                // Grid cells are short; their raw text is enough (no block reading per cell).
                let cells = tree.children(row).filter { tree.tag($0).isCell }.map { cell -> String in
                    // A cell holding a table is layout, not a grid cell.
                    guard !tree.hasDescendant(cell, tag: .table) else { return "" }
                    return BlockBuilder.resolveSpaces(tree.textContent(cell))
                }
                var index = 0
                while index < cells.count {
                    if let (key, inlineValue) = keyOf(cells[index]) {
                        if let inlineValue, !inlineValue.isEmpty {
                            add(key, inlineValue)
                        } else if index + 1 < cells.count, keyOf(cells[index + 1]) == nil {
                            add(key, cells[index + 1])
                            index += 1
                        }
                    }
                    index += 1
                }
            }
        }
        if fields.count >= 2 { return fields }
        // Grids built from <li>/<span> read as `key：value` lines.
        for block in pageBlocks() where block.kind != .table {
            if let (key, value) = keyOf(block.text), let value, !value.isEmpty { add(key, value) }
        }
        return fields.count >= 2 ? fields : []
    }

    /// Whether the cell's first printed scalar can start a key: what `keyOf` checks first,
    /// read from the tree's text in place (most cells of most tables fail here, before their
    /// text is copied out and resolved).
    private static func mayStartKey(_ cell: HTMLTree.Node, in tree: HTMLTree) -> Bool {
        for node in tree.subtree(cell) where tree.isText(node) {
            let first: Unicode.Scalar? = tree.withTextBytes(node) { bytes in
                var index = 0
                while index < bytes.count {
                    let (scalar, width) = FoldedText.scalar(in: bytes, at: index)
                    if !FoldedText.fold(scalar).isFoldedSpace { return scalar }
                    index += width
                }
                return nil
            }
            if let first { return keyStarts.contains(first) }
        }
        return false
    }

    /// The key of a cell (`索 引 号：` → `索引号`), with any value printed after the colon.
    static func keyOf(_ text: String) -> (key: String, value: String?)? {
        // Keys are at most seven characters; a long cell can still carry `key：value` inline,
        // but nothing over a few hundred bytes is a grid cell.
        guard text.utf8.count <= 300 else { return nil }
        // Most cells and lines start with a scalar no key starts with.
        guard let first = text.unicodeScalars.first(where: { !FoldedText.fold($0).isFoldedSpace }),
            keyStarts.contains(first)
        else { return nil }
        let folded = FoldedText(text)
        let colon = folded.folded.firstOffset(of: [":"], before: 12)
        let keyRange = colon.map { 0..<$0 } ?? 0..<folded.count
        let key = folded.original(keyRange).compactFolded
        guard keys.contains(key) else { return nil }
        guard let colon else { return (key, nil) }
        return (key, folded.original((colon + 1)..<folded.count).trimmedText)
    }

    /// Whether a block is a disclosure grid table (not part of the notice's own content).
    static func isGridTable(_ block: Block) -> Bool {
        guard let table = block.table, table.rows.count <= maximumGridRows else { return false }
        let keyCells = table.rows.joined().filter { !$0.isSpanCopy && keyOf($0.text) != nil }.count
        return keyCells >= 3
    }
}
