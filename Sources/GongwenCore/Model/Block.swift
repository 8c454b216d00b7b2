/// One unit of reading order: a paragraph, a line, a heading or a table.
///
/// Blocks are what the input readers (HTML and plain text) hand to the analysis. Everything
/// after them is independent of the input format.
///
/// ```
/// 附件1                          -> .line   "附件1"
/// <p>一、全面深入推进…</p>        -> .paragraph "一、全面深入推进…"
/// <table>…</table>               -> .table  (grid with rowspan/colspan resolved)
/// ```
public struct Block: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// An HTML block element's text (`<p>`, `<div>` text run, `<li>`).
        case paragraph
        /// A line of plain text, or one `<br>`-separated line of HTML.
        case line
        /// An HTML heading (`<h1>`–`<h6>`) or `<title>`-like element.
        case heading
        /// A table; see `table`.
        case table
    }

    /// How a block is set on the page; signatures are right-aligned, titles centred.
    public enum Alignment: String, Sendable, Codable {
        case natural
        case center
        case right
    }

    public var kind: Kind
    /// The printed text, trimmed of surrounding white space. Empty for tables.
    public var text: String
    /// The grid, for `.table` blocks.
    public var table: Table?
    public var alignment: Alignment
    public var source: SourceLocation

    public init(
        _ kind: Kind, text: String, table: Table? = nil, alignment: Alignment = .natural, source: SourceLocation
    ) {
        self.kind = kind
        self.text = text
        self.table = table
        self.alignment = alignment
        self.source = source
    }

    /// A table block.
    public static func table(_ table: Table, source: SourceLocation) -> Block {
        Block(.table, text: "", table: table, source: source)
    }
}

/// A table as a rectangular grid, with merged cells already resolved.
///
/// A cell that spans several rows or columns (`rowspan`/`colspan`) is copied into every grid
/// position it covers; the copies have `isSpanCopy` set so that a reader can tell a merged
/// category cell from text printed twice.
public struct Table: Sendable, Equatable {
    public var rows: [[TableCell]]
    /// Rows of a table rebuilt from flattened text whose cells were placed in their columns by
    /// what they read as (a deadline, a unit list), not by their order: the 1-based grid rows.
    public var rowsPlacedByContent: [Int]

    public init(rows: [[TableCell]], rowsPlacedByContent: [Int] = []) {
        self.rows = rows
        self.rowsPlacedByContent = rowsPlacedByContent
    }

    public var columnCount: Int { rows.map(\.count).max() ?? 0 }
}

/// One position of a table grid.
public struct TableCell: Sendable, Equatable {
    /// The cell's text; paragraphs and `<br>` lines inside the cell are joined with a newline.
    public var text: String
    /// True where this position is covered by a cell that started in an earlier row or column.
    public var isSpanCopy: Bool
    public var source: SourceLocation

    public init(_ text: String, isSpanCopy: Bool = false, source: SourceLocation) {
        self.text = text
        self.isSpanCopy = isSpanCopy
        self.source = source
    }
}
