import GongwenCore

/// Reads a PDF's words, as `pdftotext -tsv` places them on the page, into blocks: tables
/// rebuilt from where their words stand, the rest as lines of text.
///
/// A PDF has no table structure, only words at positions. A task table is found by its header
/// row — a band of the page whose word clusters are all header words (`ColumnRole`), at least
/// three, one of them naming units or a deadline — and read the way a reader's eye reads it:
///
/// - **Columns** are split between two headers' centres where the fewest of the table's words
///   cover the page (the gutter), so headers centred over left-aligned data still find it.
/// - **Rows** are bands of words whose vertical extents overlap (the lines of one cell overlap
///   or touch; rows are parted by cell padding). Where the first column holds numbers, each
///   number anchors one row: bands without a number join the nearest numbered band, a band
///   with two numbers is cut between them.
/// - A cell's lines are joined without a break (a PDF cell wraps its text wherever the column
///   ends); a page's running number (`- 3 -`, `第3页`) is dropped; a header repeated on a new
///   page is skipped, and the table goes on across pages.
/// - The table ends at a line whose words run over two header cells' middles and is not followed
///   by a row (body text after the table).
///
/// Everything outside tables is handed to `TextBlockReader` as lines, indented by their
/// position and parted by blank lines where the page leaves a paragraph's gap.
public enum PDFLayoutReader {
    struct Word {
        var page: Int
        var left: Double
        var top: Double
        var right: Double
        var bottom: Double
        var text: String
        var center: Double { (left + right) / 2 }
        var height: Double { bottom - top }
    }

    /// Reads `pdftotext -tsv` output.
    public static func read(tsv: String) -> [Block] {
        let (words, pageHeights) = parse(tsv)
        var reader = Reader(pageHeights: pageHeights)
        var pageStart = 0
        while pageStart < words.count {
            var pageEnd = pageStart
            while pageEnd < words.count, words[pageEnd].page == words[pageStart].page { pageEnd += 1 }
            reader.readPage(Array(words[pageStart..<pageEnd]))
            pageStart = pageEnd
        }
        return reader.finish()
    }

    /// The words (level 5 rows) and each page's height (level 1 rows).
    static func parse(_ tsv: String) -> (words: [Word], pageHeights: [Int: Double]) {
        var words: [Word] = []
        var pageHeights: [Int: Double] = [:]
        for line in tsv.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 12, let level = Int(fields[0]), let page = Int(fields[1]),
                let left = Double(fields[6]), let top = Double(fields[7]), let width = Double(fields[8]),
                let height = Double(fields[9])
            else { continue }
            if level == 1 {
                pageHeights[page] = height
                continue
            }
            let text = fields[11...].joined(separator: "\t").trimmedText
            guard level == 5, !text.isEmpty, !text.hasPrefix("###") else { continue }
            words.append(Word(page: page, left: left, top: top, right: left + width, bottom: top + height, text: text))
        }
        return (words, pageHeights)
    }

    /// Words that share a baseline band, left to right.
    struct VisualLine {
        var words: [Word]
        var top: Double { words.map(\.top).min() ?? 0 }
        var bottom: Double { words.map(\.bottom).max() ?? 0 }
        var height: Double { words.map(\.height).max() ?? 0 }
        var text: String { Reader.join(words) }
    }

    /// Groups a page's words into visual lines: a word whose vertical middle falls within a
    /// line's extent belongs to it.
    static func visualLines(_ words: [Word]) -> [VisualLine] {
        var lines: [VisualLine] = []
        for word in words.sorted(by: { ($0.top, $0.left) < ($1.top, $1.left) }) {
            let middle = (word.top + word.bottom) / 2
            if let index = lines.indices.last, middle > lines[index].top, middle < lines[index].bottom {
                lines[index].words.append(word)
            } else {
                lines.append(VisualLine(words: [word]))
            }
        }
        for index in lines.indices { lines[index].words.sort { $0.left < $1.left } }
        return lines
    }

    /// A table being read: its columns, and its words so far.
    struct OpenTable {
        var header: [(text: String, left: Double, right: Double)]
        var headerSignature: [String]
        var words: [Word] = []
        /// Column boundaries, once known (from the header and the words below it).
        var boundaries: [Double] = []
        var line: Int
    }

    struct Reader {
        let pageHeights: [Int: Double]
        var blocks: [Block] = []
        var textLines: [String] = []
        /// The visual line number and page of each of `textLines`.
        var textPlaces: [(line: Int, page: Int)] = []
        var lineNumber = 0
        var table: OpenTable?
        /// A line that ran across the columns: it ends the table unless a row follows it.
        var pendingCrossing: VisualLine?

        init(pageHeights: [Int: Double]) { self.pageHeights = pageHeights }

        mutating func readPage(_ words: [Word]) {
            let lines = visualLines(words).filter { !isRunningNumber($0) }
            let margin = words.map(\.left).min() ?? 0
            var index = 0
            var previousBottom: Double?
            while index < lines.count {
                let line = lines[index]
                lineNumber += 1
                if var open = table {
                    if let header = header(lines, at: index), header.signature == open.headerSignature {
                        // The header printed again at the top of a new page.
                        index += header.lineCount
                        continue
                    }
                    if crossesColumns(line, open.header) {
                        if let crossing = pendingCrossing {
                            // Two lines running across the page: body text, the table is over.
                            table = open
                            pendingCrossing = nil
                            closeTable()
                            addText(crossing, margin: margin, gapBefore: false)
                        } else {
                            pendingCrossing = line
                            table = open
                            index += 1
                            continue
                        }
                    } else {
                        if let crossing = pendingCrossing {
                            open.words += crossing.words
                            pendingCrossing = nil
                        }
                        open.words += line.words
                        table = open
                        index += 1
                        continue
                    }
                }
                if let header = header(lines, at: index) {
                    flushText()
                    table = OpenTable(header: header.columns, headerSignature: header.signature, line: lineNumber)
                    index += header.lineCount
                    previousBottom = nil
                    continue
                }
                let gap = previousBottom.map { line.top - $0 > line.height * 0.8 } ?? false
                addText(line, margin: margin, gapBefore: gap)
                previousBottom = line.bottom
                index += 1
            }
        }

        mutating func finish() -> [Block] {
            if let crossing = pendingCrossing {
                closeTable()
                addText(crossing, margin: crossing.words.map(\.left).min() ?? 0, gapBefore: false)
            }
            closeTable()
            flushText()
            return blocks
        }

        mutating func addText(_ line: VisualLine, margin: Double, gapBefore: Bool) {
            let page = line.words.first?.page ?? 0
            if gapBefore, !textLines.isEmpty {
                textLines.append("")
                textPlaces.append((lineNumber, page))
            }
            // Indentation in half-em steps, so that lines set to the right read as such.
            let em = max(line.height, 1)
            let indent = max(0, Int(((line.words.first?.left ?? margin) - margin) / (em / 2)))
            textLines.append(String(repeating: " ", count: min(indent, 200)) + line.text)
            textPlaces.append((lineNumber, page))
        }

        /// Hands the text lines so far to `TextBlockReader`; each block is placed at its visual
        /// line and page (`page2`).
        mutating func flushText() {
            guard !textLines.isEmpty else { return }
            for var block in TextBlockReader.read(textLines.joined(separator: "\n")) {
                let index = min(max(block.source.line - 1, 0), textPlaces.count - 1)
                block.source.line = textPlaces[index].line
                block.source.path = "page\(textPlaces[index].page)"
                blocks.append(block)
            }
            textLines.removeAll()
            textPlaces.removeAll()
        }

        /// A header band starting at `index`: one to three lines whose word clusters are all
        /// header words.
        func header(_ lines: [VisualLine], at index: Int) -> (
            columns: [(text: String, left: Double, right: Double)], signature: [String], lineCount: Int
        )? {
            for count in 1...3 where index + count <= lines.count {
                let band = lines[index..<(index + count)]
                // Stacked header lines belong together only when they touch.
                if count > 1, band.last!.top - lines[index + count - 2].bottom > band.last!.height * 0.3 { break }
                let columns = clusters(band.flatMap(\.words))
                guard columns.count >= 3, columns.count <= 12 else { continue }
                let roles = columns.map { ColumnRole.classify($0.text.compactFolded) }
                guard roles.allSatisfy({ $0 != nil }) else { continue }
                let named: Set<ColumnRole> = [.lead, .support, .supportOrResponsible, .responsible, .deadline]
                guard roles.contains(where: { named.contains($0!) }), roles.contains(.task) || roles.contains(.number)
                else { continue }
                return (columns, columns.map { $0.text.compactFolded }, count)
            }
            return nil
        }

        /// Words grouped into columns by horizontal overlap, each column's text read top to bottom.
        func clusters(_ words: [Word]) -> [(text: String, left: Double, right: Double)] {
            var groups: [[Word]] = []
            for word in words.sorted(by: { $0.left < $1.left }) {
                if let last = groups.indices.last, word.left < groups[last].map(\.right).max()! {
                    groups[last].append(word)
                } else {
                    groups.append([word])
                }
            }
            return groups.map { group in
                let ordered = group.sorted { ($0.top, $0.left) < ($1.top, $1.left) }
                return (ordered.map(\.text).joined(), group.map(\.left).min()!, group.map(\.right).max()!)
            }
        }

        /// The x positions parting the columns. Between two headers' centres the table's words
        /// leave gutters: the stretches that the fewest of them cover. The widest gutter parts
        /// the two headers' columns; any further gutter as empty, with at least two words
        /// standing between it and the next, parts a column printed without a header (a task
        /// column whose header cell is blank).
        func boundaries(_ table: OpenTable) -> [Double] {
            let centers = table.header.map { ($0.left + $0.right) / 2 }
            var result: [Double] = []
            for index in 0..<(centers.count - 1) {
                let low = centers[index]
                let high = centers[index + 1]
                // Edges of every word inside (low, high) cut it into stretches.
                var edges = [low, high]
                for word in table.words {
                    if word.left > low, word.left < high { edges.append(word.left) }
                    if word.right > low, word.right < high { edges.append(word.right) }
                }
                for column in table.header {
                    for edge in [column.left, column.right] where edge > low && edge < high { edges.append(edge) }
                }
                edges.sort()
                // How many words cover each stretch, by one sweep over their edges (a stretch
                // lies between two edges, so a word covers it from its left edge to its right).
                var base = 0
                var changes: [(x: Double, delta: Int)] = []
                for word in table.words where word.right > low && word.left < high {
                    if word.left <= low { base += 1 } else { changes.append((word.left, 1)) }
                    if word.right < high { changes.append((word.right, -1)) }
                }
                changes.sort { $0.x < $1.x }
                var cover = base
                var next = 0
                var stretches: [(start: Double, end: Double, cover: Int)] = []
                for (start, end) in zip(edges, edges.dropFirst()) where end > start {
                    while next < changes.count, changes[next].x <= start {
                        cover += changes[next].delta
                        next += 1
                    }
                    if let last = stretches.last, last.cover == cover, last.end == start {
                        stretches[stretches.count - 1].end = end
                    } else {
                        stretches.append((start, end, cover))
                    }
                }
                guard let fewest = stretches.map(\.cover).min() else {
                    result.append((low + high) / 2)
                    continue
                }
                let gutters = stretches.filter { $0.cover == fewest }
                // Words whose centres lie in (a, b), by binary search over the sorted centres.
                let wordCenters = table.words.map(\.center).sorted()
                func firstIndex(where above: (Double) -> Bool) -> Int {
                    var (lower, upper) = (0, wordCenters.count)
                    while lower < upper {
                        let middle = (lower + upper) / 2
                        if above(wordCenters[middle]) { upper = middle } else { lower = middle + 1 }
                    }
                    return lower
                }
                func wordsCentred(in a: Double, _ b: Double) -> Int {
                    max(0, firstIndex { $0 >= b } - firstIndex { $0 > a })
                }
                let widest = gutters.max { ($0.end - $0.start) < ($1.end - $1.start) }!
                var chosen = [(widest.start + widest.end) / 2]
                // Further gutters part headerless columns where enough words stand between.
                for gutter in gutters where gutter.start != widest.start {
                    let middle = (gutter.start + gutter.end) / 2
                    let candidate = (chosen + [middle]).sorted()
                    let parts = zip([low] + candidate, candidate + [high])
                    let filled = parts.allSatisfy { part in
                        wordsCentred(in: part.0, part.1) >= 2
                            || centers.contains { $0 >= part.0 && $0 <= part.1 }
                    }
                    if fewest == 0, gutter.end - gutter.start >= 2, filled { chosen = candidate }
                }
                result += chosen.sorted()
            }
            return result
        }

        /// Each column's header text (blank for a column printed without one).
        func columnHeaders(_ table: OpenTable) -> [String] {
            var headers = Array(repeating: "", count: table.boundaries.count + 1)
            for column in table.header {
                let center = (column.left + column.right) / 2
                headers[table.boundaries.count(where: { $0 <= center })] += column.text
            }
            return headers
        }

        /// Whether a line has a word running over the middles of two header cells: prose, not a
        /// cell (a cell's text stays inside its column; a category row is short).
        func crossesColumns(_ line: VisualLine, _ header: [(text: String, left: Double, right: Double)]) -> Bool {
            let centers = header.map { ($0.left + $0.right) / 2 }
            return line.words.contains { word in
                centers.count(where: { word.left < $0 - word.height && word.right > $0 + word.height }) >= 2
            }
        }

        /// A page's running number on a line of its own, near the top or bottom of the page.
        func isRunningNumber(_ line: VisualLine) -> Bool {
            guard let page = line.words.first?.page, let height = pageHeights[page], height > 0 else { return false }
            guard line.top > height * 0.88 || line.bottom < height * 0.1 else { return false }
            var digits = 0
            for scalar in line.text.unicodeScalars {
                if scalar.properties.numericType != nil && scalar.value < 0x80 {
                    digits += 1
                } else if !" -—－–·第页共/".unicodeScalars.contains(scalar) {
                    return false
                }
            }
            return digits > 0
        }

        mutating func closeTable() {
            guard var open = table else { return }
            table = nil
            open.boundaries = boundaries(open)
            guard !open.words.isEmpty else { return }
            let headers = columnHeaders(open)
            let columnCount = headers.count
            func column(of word: Word) -> Int { open.boundaries.count(where: { $0 <= word.center }) }
            let rows = rowGroups(open.words, numberColumn: column(of:))
            let source = SourceLocation(line: open.line, path: "page\(open.words.map(\.page).min() ?? 0)")
            var grid: [[TableCell]] = [
                headers.enumerated().map { TableCell($0.element, source: source.cell(row: 1, column: $0.offset + 1)) }
            ]
            var cells: [[[Word]]] = rows.map { row in
                var cells = Array(repeating: [Word](), count: columnCount)
                for word in row { cells[column(of: word)].append(word) }
                return cells
            }
            let spans = Self.mergedSpans(rows: rows, cells: &cells, header: headers.map { ColumnRole.classify($0.compactFolded) })
            for (index, rowCells) in cells.enumerated() {
                let rowNumber = index + 2
                grid.append(
                    rowCells.enumerated().map { column, words in
                        if let origin = spans[index][column] {
                            return TableCell(
                                Self.cellText(cells[origin][column]), isSpanCopy: true,
                                source: source.cell(row: rowNumber, column: column + 1))
                        }
                        return TableCell(Self.cellText(words), source: source.cell(row: rowNumber, column: column + 1))
                    })
            }
            blocks.append(.table(Table(rows: grid), source: source))
        }

        /// Cells merged over several rows (`rowspan`, Word's `vMerge`) print their text once,
        /// centred on the rows they cover; a PDF keeps no trace of the merge but that place. For
        /// each filled cell of a column other than the number and the task, the rows around it
        /// whose cells in that column are blank are tried as its span: the span whose middle
        /// lies nearest the text's middle (within a third of a line, and nearer than the cell's
        /// own row) is taken. Returns, per row and column, the row whose text covers the cell.
        static func mergedSpans(rows: [[Word]], cells: inout [[[Word]]], header: [ColumnRole?]) -> [[Int?]] {
            let columnCount = header.count
            var spans = Array(repeating: [Int?](repeating: nil, count: columnCount), count: rows.count)
            for column in 0..<columnCount where header[column] != .number && header[column] != .task {
                // Each row's extent by its other cells; a span does not cross a page break.
                let extents = cells.indices.map { row in
                    let others = cells[row].indices.filter { $0 != column }.flatMap { cells[row][$0] }
                    let words = others.isEmpty ? rows[row] : others
                    return (page: words.map(\.page).min()!, top: words.map(\.top).min()!, bottom: words.map(\.bottom).max()!)
                }
                var claimed = Set<Int>()
                for row in rows.indices where !cells[row][column].isEmpty {
                    let words = cells[row][column]
                    let textMiddle = (words.map(\.top).min()! + words.map(\.bottom).max()!) / 2
                    let lineHeight = words.map(\.height).max()!
                    func isOpen(_ other: Int) -> Bool {
                        cells[other][column].isEmpty && !claimed.contains(other) && extents[other].page == extents[row].page
                    }
                    var first = row
                    while first > 0, isOpen(first - 1) { first -= 1 }
                    var last = row
                    while last + 1 < rows.count, isOpen(last + 1) { last += 1 }
                    guard first < row || last > row else { continue }
                    func distance(_ low: Int, _ high: Int) -> Double {
                        abs((extents[low].top + extents[high].bottom) / 2 - textMiddle)
                    }
                    let own = distance(row, row)
                    var best = (low: row, high: row, distance: own)
                    for low in first...row {
                        for high in row...last where distance(low, high) < best.distance {
                            best = (low, high, distance(low, high))
                        }
                    }
                    guard best.low != row || best.high != row, best.distance < lineHeight / 3, best.distance < own - lineHeight / 3
                    else { continue }
                    for covered in best.low...best.high where covered != row {
                        spans[covered][column] = row
                        claimed.insert(covered)
                    }
                }
            }
            return spans
        }

        /// The table's words in rows: bands of overlapping words, anchored on the numbers of the
        /// first column where it has them.
        func rowGroups(_ words: [Word], numberColumn column: (Word) -> Int) -> [[Word]] {
            // Bands: words in reading order (page, top); a word that overlaps the band joins it.
            var bands: [[Word]] = []
            var bandBottom = 0.0
            var bandPage = 0
            for word in words.sorted(by: { ($0.page, $0.top) < ($1.page, $1.top) }) {
                if !bands.isEmpty, word.page == bandPage, word.top < bandBottom {
                    bands[bands.count - 1].append(word)
                    bandBottom = max(bandBottom, word.bottom)
                } else {
                    bands.append([word])
                    bandBottom = word.bottom
                    bandPage = word.page
                }
            }
            func isNumber(_ word: Word) -> Bool {
                column(word) == 0 && !word.text.isEmpty && word.text.unicodeScalars.allSatisfy { $0.properties.numericType != nil }
            }
            // Anchors in reading order; each number-less band joins the nearest anchor on its
            // page, or, above the page's first number, the row the previous page left open.
            let anchors = words.filter(isNumber).sorted { ($0.page, $0.top) < ($1.page, $1.top) }
            guard anchors.count >= 2 else { return bands }
            func middle(_ word: Word) -> Double { (word.top + word.bottom) / 2 }
            func nearest(to y: Double, among candidates: [Int]) -> Int {
                candidates.min { abs(middle(anchors[$0]) - y) < abs(middle(anchors[$1]) - y) }!
            }
            // Each anchor by its place, and each page's anchors (consecutive: sorted by page).
            struct Place: Hashable {
                var page: Int
                var top: Double
                var left: Double
            }
            var anchorAt: [Place: Int] = [:]
            var pageAnchors: [Int: Range<Int>] = [:]
            for (index, anchor) in anchors.enumerated() {
                anchorAt[Place(page: anchor.page, top: anchor.top, left: anchor.left)] = index
                pageAnchors[anchor.page] = (pageAnchors[anchor.page]?.lowerBound ?? index)..<(index + 1)
            }
            var rows = Array(repeating: [Word](), count: anchors.count)
            // Category rows (`一、…`, `（二）…` without a number in the first column) stand alone.
            var categories: [[Word]] = []
            for band in bands {
                let page = band[0].page
                let onPage = Array(pageAnchors[page] ?? 0..<0)
                let inBand = band.filter(isNumber).compactMap { anchorAt[Place(page: $0.page, top: $0.top, left: $0.left)] }.sorted()
                if inBand.count >= 2 {
                    // Two rows whose bands touch: each word to the nearest number.
                    for word in band { rows[nearest(to: middle(word), among: inBand)].append(word) }
                    continue
                }
                if let only = inBand.first {
                    rows[only] += band
                    continue
                }
                let categoryStyles: [MarkerStyle] = [.chineseComma, .chineseParen, .part, .chapter, .section]
                if let marker = MarkerReader.readStart(of: Self.cellText(band))?.marker, categoryStyles.contains(marker.style) {
                    categories.append(band)
                    continue
                }
                let bandMiddle = (band.map(\.top).min()! + band.map(\.bottom).max()!) / 2
                // The last anchor of an earlier page: just before the first of this page's, or
                // the last of all when this page has none (anchors are in page order).
                let previous: Int? =
                    if let range = pageAnchors[page] { range.lowerBound > 0 ? range.lowerBound - 1 : nil } else {
                        anchors.lastIndex { $0.page < page }
                    }
                if let first = onPage.first, band.map(\.bottom).max()! <= anchors[first].top, let previous {
                    rows[previous] += band  // a row the previous page left open
                } else if !onPage.isEmpty {
                    rows[nearest(to: bandMiddle, among: onPage)] += band
                } else {
                    rows[previous ?? 0] += band
                }
            }
            // Rows in reading order, each keyed by its first word.
            func key(_ row: [Word]) -> (Int, Double) {
                let first = row.min { ($0.page, $0.top) < ($1.page, $1.top) }!
                return (first.page, first.top)
            }
            return (rows.filter { !$0.isEmpty } + categories).sorted { key($0) < key($1) }
        }

        /// A cell's words: lines joined without a break, words on one line with a space
        /// where both sides are Latin letters or digits.
        static func cellText(_ words: [Word]) -> String {
            let lines = visualLines(words)
            var text = ""
            for line in lines {
                let piece = line.text
                if let last = text.unicodeScalars.last, let first = piece.unicodeScalars.first,
                    last.isASCIIWordScalar, first.isASCIIWordScalar
                {
                    text += " "
                }
                text += piece
            }
            return text
        }

        /// Words of one line left to right, a space kept where the page leaves one.
        static func join(_ words: [Word]) -> String {
            var text = ""
            var previous: Word?
            for word in words {
                if let previous, word.left - previous.right > word.height * 0.2 { text += " " }
                text += word.text
                previous = word
            }
            return text
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIIWordScalar: Bool {
        value < 0x80 && (properties.isAlphabetic || properties.numericType != nil)
    }
}
