/// Turns plain text into blocks: one block per non-blank line, then tables recognised.
///
/// Plain text arrives as a browser copy (table cells separated by tabs) or as the seed's
/// one-cell-per-line layout; both become `.table` blocks here so that the task reader sees one
/// shape. Lines keep their printed text; a line indented far to the right (a signature or a
/// date set flush right with spaces) is marked `.right`.
public enum TextBlockReader {
    /// Leading white space, in scalars, from which a line counts as set to the right. Signature
    /// lines in saved text are padded with 20–60 spaces; body paragraphs with at most 4–8.
    static let rightAlignedIndent = 16

    /// Reads plain text.
    ///
    /// - Parameter text: The decoded text, any line ending.
    /// - Returns: Blocks in reading order.
    public static func read(_ text: String) -> [Block] {
        // Lines first, as runs of adjacent lines between blank lines and tab-separated rows
        // (hard breaks), so that a text save's broken sentences can be rejoined.
        enum Piece {
            case run([SoftBreakJoiner.Line])
            case tabRows([(cells: [String], line: Int)])
        }
        var pieces: [Piece] = []
        var run: [SoftBreakJoiner.Line] = []
        var tabRows: [(cells: [String], line: Int)] = []
        func flushRun() {
            if !run.isEmpty { pieces.append(.run(run)) }
            run.removeAll()
        }
        func flushTabRows() {
            if !tabRows.isEmpty { pieces.append(.tabRows(tabRows)) }
            tabRows.removeAll()
        }
        var lineNumber = 0
        for rawLine in lines(of: text) {
            lineNumber += 1
            let trimmed = rawLine.trimmedText
            if trimmed.isEmpty {
                flushRun()
                continue
            }
            if rawLine.utf8Contains("\t") {
                let cells = rawLine.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmedText }
                if cells.filter({ !$0.isEmpty }).count >= 2 {
                    flushRun()
                    tabRows.append((cells, lineNumber))
                    continue
                }
            }
            flushTabRows()
            run.append(SoftBreakJoiner.Line(text: trimmed, number: lineNumber, indent: leadingSpaceCount(rawLine)))
        }
        flushRun()
        flushTabRows()

        var runs = pieces.compactMap { piece -> [SoftBreakJoiner.Line]? in
            if case .run(let lines) = piece { return lines }
            return nil
        }
        runs = SoftBreakJoiner.join(runs)
        var blocks: [Block] = []
        var runIndex = 0
        for piece in pieces {
            switch piece {
            case .run:
                for line in runs[runIndex] {
                    let alignment: Block.Alignment = line.indent >= rightAlignedIndent ? .right : .natural
                    for piece in RunOnSplitter.split(line.text) {
                        blocks.append(Block(.line, text: piece, alignment: alignment, source: SourceLocation(line: line.number)))
                    }
                }
                runIndex += 1
            case .tabRows(let rows):
                blocks.append(tableBlock(rows))
            }
        }
        return FlattenedTableRecognizer.recognize(blocks)
    }

    /// Tab-separated rows as a table; one such line is a line with tabs in it, not a table.
    private static func tableBlock(_ tabRows: [(cells: [String], line: Int)]) -> Block {
        if tabRows.count == 1 {
            let row = tabRows[0]
            return Block(.line, text: row.cells.joined(separator: " "), source: SourceLocation(line: row.line))
        }
        let width = tabRows.map(\.cells.count).max() ?? 0
        let rows = tabRows.enumerated().map { index, row in
            (0..<width).map { column in
                TableCell(
                    column < row.cells.count ? row.cells[column] : "",
                    source: SourceLocation(line: row.line, row: index + 1, column: column + 1))
            }
        }
        return .table(Table(rows: rows), source: SourceLocation(line: tabRows[0].line))
    }

    /// Lines split at LF, CRLF or a lone CR.
    static func lines(of text: String) -> [String] {
        // Split on the bytes: LF and CR never occur inside a multi-byte UTF-8 sequence, so
        // every piece is valid UTF-8 and is copied out whole.
        var text = text
        return text.withUTF8 { bytes in
            var result: [String] = []
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == 0x0A || byte == 0x0D else {
                    index += 1
                    continue
                }
                result.append(String(validUTF8: UnsafeBufferPointer(rebasing: bytes[start..<index])))
                // CRLF is one break.
                index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                start = index
            }
            if start < bytes.count {
                result.append(String(validUTF8: UnsafeBufferPointer(rebasing: bytes[start...])))
            }
            return result
        }
    }

    private static func leadingSpaceCount(_ line: String) -> Int {
        var count = 0
        for scalar in line.unicodeScalars {
            guard FoldedText.fold(scalar).isFoldedSpace else { break }
            // A full-width space is two columns wide.
            count += scalar.value == 0x3000 ? 2 : 1
        }
        return count
    }
}
