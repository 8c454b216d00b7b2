import Foundation
import GongwenCore

/// A Word document (DOCX) read into blocks, in the order it prints.
///
/// `word/document.xml` is read with libxml2's streaming reader: each body paragraph becomes a
/// paragraph block (a line break inside it starts a new line block), with its automatic number
/// printed before its text as Word prints it (`WordNumbering`); each table becomes a table
/// block whose merged cells (`w:gridSpan`, `w:vMerge`) are copied into every grid position
/// they cover, as an HTML table's `colspan`/`rowspan` are. Deleted text (tracked changes),
/// field instructions, comments, and the fallback copies of text boxes are left out; headers
/// and footers are other parts and are not read. Locations: `line` is the paragraph's (or
/// table's) place among the body's blocks, `path` names it (`word/document.xml#p12`, `#tbl2`),
/// and a table cell adds its grid row and column.
public enum DOCXReader {
    public struct Result: Sendable {
        public var blocks: [Block]
        public var hints: PageHints
        public var diagnostics: [Diagnostic]
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case container(String)
        case xml(String)

        public var description: String {
            switch self {
            case .container(let reason), .xml(let reason): reason
            }
        }
    }

    /// - Parameters:
    ///   - maximumBytes: The most uncompressed bytes read from the container.
    ///   - maximumTableCells: Grid positions a table may have; past them its rows are dropped
    ///     with a warning.
    public static func read(_ bytes: [UInt8], maximumBytes: Int, maximumTableCells: Int) throws(Failure) -> Result {
        var archive = try opening(bytes, maximumBytes: maximumBytes)
        return try saying { try read(&archive, maximumTableCells: maximumTableCells) }
    }

    /// The document of an opened container.
    static func read(_ archive: inout OfficeArchive, maximumTableCells: Int) throws -> Result {
        let document = try archive.require("word/document.xml")
        let numbering = try WordNumbering(archive.read("word/numbering.xml"))
        let styles = try WordStyles(archive.read("word/styles.xml"))
        let hints = try CoreProperties.read(archive.read("docProps/core.xml"))
        var body = BodyReader(numbering: numbering, styles: styles, maximumTableCells: maximumTableCells)
        try body.read(document)
        return Result(blocks: body.blocks, hints: hints, diagnostics: body.diagnostics)
    }

    /// The ZIP container of an office file, its failure said as the readers say it.
    static func opening(_ bytes: [UInt8], maximumBytes: Int) throws(Failure) -> OfficeArchive {
        do {
            return try OfficeArchive(bytes, maximumBytes: maximumBytes)
        } catch {
            throw .container(error.description)
        }
    }

    /// Runs a reader, its container and XML failures said as `Failure`s (for DOCX and XLSX).
    static func saying<T>(_ body: () throws -> T) throws(Failure) -> T {
        do {
            return try body()
        } catch let failure as OfficeArchive.Failure {
            throw .container(failure.description)
        } catch let failure as XMLStreamReader.Failure {
            throw .xml(failure.description)
        } catch {
            throw .xml("\(error)")
        }
    }
}

/// Paragraph styles that number their paragraphs (`w:style/w:pPr/w:numPr`), through `basedOn`.
struct WordStyles {
    private var numbering: [String: (list: String?, level: Int?)] = [:]
    private var basedOn: [String: String] = [:]

    init(_ data: Data?) throws(XMLStreamReader.Failure) {
        guard let data else { return }
        let reader = try XMLStreamReader(data, part: "word/styles.xml")
        var style: String?
        while try reader.read() {
            switch reader.type {
            case .element:
                switch reader.name {
                case "style": style = reader.attribute("type") == "paragraph" ? reader.attribute("styleId") : nil
                case "basedOn": if let style, let value = reader.attribute("val") { basedOn[style] = value }
                case "numId": if let style { numbering[style, default: (nil, nil)].list = reader.attribute("val") }
                case "ilvl": if let style { numbering[style, default: (nil, nil)].level = reader.attribute("val").flatMap(Int.init) }
                default: break
                }
            case .endElement where reader.name == "style":
                style = nil
            default: break
            }
        }
    }

    /// The list and level a style numbers its paragraphs with, looking through `basedOn`.
    func numbering(of style: String) -> (list: String?, level: Int?) {
        var current: String? = style
        var found: (list: String?, level: Int?) = (nil, nil)
        var seen = Set<String>()
        while let name = current, seen.insert(name).inserted {
            if let own = numbering[name] {
                found.list = found.list ?? own.list
                found.level = found.level ?? own.level
            }
            current = basedOn[name]
        }
        return found
    }
}

/// `docProps/core.xml`: the title as a hint (dates are the file's, not the notice's).
enum CoreProperties {
    static func read(_ data: Data?) throws(XMLStreamReader.Failure) -> PageHints {
        guard let data else { return PageHints() }
        let reader = try XMLStreamReader(data, part: "docProps/core.xml")
        var title: String?
        var inTitle = false
        while try reader.read() {
            switch reader.type {
            case .element: inTitle = reader.name == "title"
            case .text where inTitle: title = (title ?? "") + reader.value
            case .endElement: inTitle = false
            default: break
            }
        }
        let trimmed = title?.trimmingCharacters(in: .whitespacesAndNewlines)
        return PageHints(metaTitle: trimmed?.isEmpty == false ? trimmed : nil)
    }
}

/// Reads `word/document.xml` into blocks.
struct BodyReader {
    private(set) var blocks: [Block] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var numbering: WordNumbering
    private let styles: WordStyles
    private let maximumTableCells: Int
    private var paragraphs = 0
    private var tables = 0

    init(numbering: WordNumbering, styles: WordStyles, maximumTableCells: Int) {
        self.numbering = numbering
        self.styles = styles
        self.maximumTableCells = maximumTableCells
    }

    /// One paragraph as read: its lines (split at `w:br`), alignment and numbering.
    struct Paragraph {
        var lines: [String] = [""]
        var alignment: Block.Alignment = .natural
        var style: String?
        var list: String?
        var level: Int?

        var text: String { lines.joined(separator: "\n") }
    }

    /// One table cell as read.
    struct Cell {
        var text = ""
        var span = 1
        /// `w:vMerge` without `restart`: the cell above continues here.
        var continuesAbove = false
    }

    mutating func read(_ document: Data) throws(XMLStreamReader.Failure) {
        let reader = try XMLStreamReader(document, part: "word/document.xml")
        while try reader.read() {
            guard reader.type == .element else { continue }
            switch reader.name {
            case "p":
                let paragraph = try readParagraph(reader)
                addParagraph(paragraph)
            case "tbl":
                let rows = try readTable(reader)
                addTable(rows)
            case "Fallback", "del", "moveFrom":
                try reader.skipElement()
            default:
                continue
            }
        }
    }

    // MARK: - Paragraphs

    /// Reads a `w:p` from its start element to its end.
    private mutating func readParagraph(_ reader: XMLStreamReader) throws(XMLStreamReader.Failure) -> Paragraph {
        var paragraph = Paragraph()
        guard !reader.isEmptyElement else { return paragraph }
        let depth = reader.depth
        var inText = false
        // Field instructions sit between `begin` and `separate`: what the field shows comes after.
        var inFieldInstructions = false
        while try reader.read() {
            switch reader.type {
            case .element:
                switch reader.name {
                case "t": inText = !inFieldInstructions
                case "tab", "ptab": if !inFieldInstructions { paragraph.lines[paragraph.lines.count - 1] += " " }
                case "br", "cr":
                    if reader.attribute("type") != "page" { paragraph.lines.append("") }
                case "numId": paragraph.list = reader.attribute("val")
                case "ilvl": paragraph.level = reader.attribute("val").flatMap(Int.init)
                case "pStyle": paragraph.style = reader.attribute("val")
                case "jc":
                    switch reader.attribute("val") {
                    case "center": paragraph.alignment = .center
                    case "right", "end": paragraph.alignment = .right
                    default: break
                    }
                case "fldChar":
                    switch reader.attribute("fldCharType") {
                    case "begin": inFieldInstructions = true
                    case "separate", "end": inFieldInstructions = false
                    default: break
                    }
                // Deleted runs, comments' anchors, the fallback of a text box, and a nested
                // paragraph of a text box (read in its own right when it is in the body).
                case "del", "moveFrom", "Fallback", "commentReference", "footnoteReference", "endnoteReference":
                    try reader.skipElement()
                case "instrText", "delText":
                    try reader.skipElement()
                default: break
                }
            case .text where inText:
                paragraph.lines[paragraph.lines.count - 1] += reader.value
            case .endElement:
                if reader.name == "t" { inText = false }
                if reader.name == "p", reader.depth == depth { return paragraph }
            default: break
            }
        }
        return paragraph
    }

    /// The paragraph's printed text: its automatic number (direct or from its style), then its lines.
    private mutating func printed(_ paragraph: Paragraph) -> [String] {
        var list = paragraph.list
        var level = paragraph.level
        if let style = paragraph.style {
            let inherited = styles.numbering(of: style)
            list = list ?? inherited.list
            level = level ?? inherited.level
        }
        var lines = paragraph.lines.map { $0.trimmingCharacters(in: .whitespaces) }
        if let list, let marker = numbering.next(list: list, level: level ?? 0), !lines.isEmpty {
            lines[0] = marker + lines[0]
        }
        return lines
    }

    private mutating func addParagraph(_ paragraph: Paragraph) {
        paragraphs += 1
        let lines = printed(paragraph).filter { !$0.isEmpty }
        let source = SourceLocation(line: paragraphs + tables, path: "word/document.xml#p\(paragraphs)")
        for line in lines {
            blocks.append(Block(lines.count > 1 ? .line : .paragraph, text: line, alignment: paragraph.alignment, source: source))
        }
    }

    // MARK: - Tables

    /// Reads a `w:tbl` into rows of cells (a nested table's text goes into its cell).
    private mutating func readTable(_ reader: XMLStreamReader) throws(XMLStreamReader.Failure) -> [[Cell]] {
        var rows: [[Cell]] = []
        guard !reader.isEmptyElement else { return rows }
        let depth = reader.depth
        var cell: Cell?
        var cellDepth = 0
        var texts: [String] = []
        while try reader.read() {
            switch reader.type {
            case .element:
                switch reader.name {
                case "tr" where cell == nil: rows.append([])
                case "gridBefore" where cell == nil:
                    // Grid columns a row skips before its first cell.
                    let skipped = reader.attribute("val").flatMap(Int.init) ?? 0
                    if !rows.isEmpty, skipped > 0, skipped < 64 {
                        rows[rows.count - 1].append(contentsOf: Array(repeating: Cell(), count: skipped))
                    }
                case "tc" where cell == nil:
                    cell = Cell()
                    cellDepth = reader.depth
                    texts = []
                case "gridSpan" where cell != nil && reader.depth <= cellDepth + 2:
                    cell?.span = max(1, min(64, reader.attribute("val").flatMap(Int.init) ?? 1))
                case "vMerge" where cell != nil && reader.depth <= cellDepth + 2:
                    cell?.continuesAbove = reader.attribute("val") != "restart"
                case "p" where cell != nil:
                    let paragraph = try readParagraph(reader)
                    let lines = printed(paragraph).filter { !$0.isEmpty }
                    if !lines.isEmpty { texts.append(lines.joined(separator: "\n")) }
                case "del", "moveFrom", "Fallback":
                    try reader.skipElement()
                default: break
                }
            case .endElement:
                if reader.name == "tc", cell != nil, reader.depth == cellDepth {
                    cell?.text = texts.joined(separator: "\n")
                    if let finished = cell, !rows.isEmpty { rows[rows.count - 1].append(finished) }
                    cell = nil
                }
                if reader.name == "tbl", reader.depth == depth { return rows }
            default: break
            }
        }
        return rows
    }

    /// The rows as a grid: a cell spanning columns fills each of them, a vertically merged cell
    /// is copied down; the copies are marked.
    private mutating func addTable(_ rows: [[Cell]]) {
        tables += 1
        let source = SourceLocation(line: paragraphs + tables, path: "word/document.xml#tbl\(tables)")
        var grid: [[TableCell]] = []
        var cells = 0
        for (rowIndex, row) in rows.enumerated() {
            var gridRow: [TableCell] = []
            for cell in row {
                let column = gridRow.count
                let location = source.cell(row: rowIndex + 1, column: column + 1)
                if cell.continuesAbove, let above = grid.last, column < above.count {
                    gridRow.append(TableCell(above[column].text, isSpanCopy: true, source: location))
                } else {
                    gridRow.append(TableCell(cell.text, source: location))
                }
                for extra in 1..<max(1, cell.span) {
                    gridRow.append(
                        TableCell(
                            gridRow[column].text, isSpanCopy: true, source: source.cell(row: rowIndex + 1, column: column + 1 + extra)))
                }
            }
            cells += gridRow.count
            if cells > maximumTableCells {
                diagnostics.append(
                    Diagnostic(
                        .warning, .blocks, code: "table-too-large",
                        "table \(tables) has more than \(maximumTableCells) cells: rows after \(grid.count) are left out",
                        line: source.line))
                break
            }
            grid.append(gridRow)
        }
        // Rows shorter than the widest are padded, as an HTML grid is.
        let width = grid.map(\.count).max() ?? 0
        for index in grid.indices where grid[index].count < width {
            let row = index + 1
            grid[index] += (grid[index].count..<width).map { TableCell("", source: source.cell(row: row, column: $0 + 1)) }
        }
        guard !grid.isEmpty else { return }
        blocks.append(.table(Table(rows: grid), source: source))
    }
}
