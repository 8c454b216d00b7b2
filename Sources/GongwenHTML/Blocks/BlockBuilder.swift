import GongwenCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns an HTML subtree into blocks in reading order.
///
/// Not a `<p>`/`<td>` filter: libxml2 leaves text that sits directly in `<div>` or `<td>` (often
/// as `…<br>…` runs) unwrapped, so every block element *and* every `<br>` closes a block. Data
/// tables become `.table` blocks with merged cells resolved; layout tables (a table holding
/// another table, or one column of prose) are read as containers.
struct BlockBuilder {
    /// Spans beyond these are clamped: a cell never spans more than the table's real rows, and
    /// never more than this many columns (`colspan="1000000000"` in a broken CMS export).
    static let maximumColumnSpan = 256

    private let tree: HTMLTree
    private(set) var blocks: [Block] = []
    private var buffer: [UInt8] = []
    private var bufferLine = 0
    private var bufferAlignment: Block.Alignment = .natural
    /// The elements from the root (exclusive) down to the node being visited; turned into a
    /// path string (`div[2]/p[3]`) only when a block is written.
    private var pathStack: [HTMLTree.Node] = []
    private var bufferPath: [HTMLTree.Node] = []
    private var rootPath = ""
    private var limit = Int.max
    private var readTables = true
    private var maximumTableCells = ReaderLimits.defaultMaximumTableCells
    private var diagnostics: [Diagnostic] = []
    /// A subtree not to read (the content, read on its own), and where its blocks would be.
    private var skipped: HTMLTree.Node?
    private var skippedAt: Int?
    /// Whether blocks carry their element path (the page-head scan reads only their text).
    private var recordsPaths = true
    /// The path of the parent of the last block written (see `pathString`).
    private var parentPath: (node: HTMLTree.Node, path: String)?
    /// Reused for each element's compacted style attribute, and for assembling paths.
    private var styleScratch: [UInt8] = []
    private var pathScratch: [UInt8] = []

    private init(tree: HTMLTree) {
        self.tree = tree
    }

    /// The blocks of `node` for their text only: sources carry lines, not element paths.
    static func textBlocks(of node: HTMLTree.Node, in tree: HTMLTree) -> [Block] {
        var builder = BlockBuilder(tree: tree)
        builder.recordsPaths = false
        builder.visit(node, alignment: .natural)
        builder.flush()
        return builder.blocks
    }

    /// The blocks of `node`, and warnings for tables too large to read as grids.
    static func blocksAndDiagnostics(
        of node: HTMLTree.Node, in tree: HTMLTree, path: String = "",
        maximumTableCells: Int = ReaderLimits.defaultMaximumTableCells
    ) -> (blocks: [Block], diagnostics: [Diagnostic]) {
        var builder = BlockBuilder(tree: tree)
        builder.maximumTableCells = maximumTableCells
        builder.rootPath = path.isEmpty ? (tree.tagName(node) ?? "") : path
        builder.visit(node, alignment: .natural)
        builder.flush()
        return (builder.blocks, builder.diagnostics)
    }

    /// The blocks of `node` without the subtree `skipped` (the content, read on its own), and
    /// the index among them where that subtree stood. Their sources carry lines, not paths.
    /// - Parameters:
    ///   - limit: Stop after this many blocks (the page header is near the top; a 50 MB page
    ///     need not be read twice to find it).
    ///   - readTables: When false, tables are skipped unread (a header scan needs none).
    static func blocks(
        of node: HTMLTree.Node, in tree: HTMLTree, path: String, limit: Int, readTables: Bool, skipping skipped: HTMLTree.Node
    ) -> (blocks: [Block], skippedAt: Int) {
        // The skipped subtree is the root itself: nothing around it.
        if skipped == node { return ([], 0) }
        var builder = BlockBuilder(tree: tree)
        builder.limit = limit
        builder.readTables = readTables
        builder.rootPath = path
        builder.skipped = skipped
        // Only the text of these blocks is read (grid lines, the publish line).
        builder.recordsPaths = false
        builder.visit(node, alignment: .natural)
        builder.flush()
        return (builder.blocks, builder.skippedAt ?? builder.blocks.count)
    }

    /// The path of the last component (`div/div[2]/p[3]`). Blocks of one parent share its
    /// path up to the parent, which is kept from the last call. Paths are assembled as bytes
    /// in a reused buffer and made a String once.
    private mutating func pathString(_ components: [HTMLTree.Node]) -> String {
        guard let last = components.last else { return rootPath }
        let parent: String
        if components.count == 1 {
            parent = rootPath
        } else if let cached = parentPath, cached.node == components[components.count - 2] {
            parent = cached.path
        } else {
            pathScratch.removeAll(keepingCapacity: true)
            pathScratch += rootPath.utf8
            for node in components.dropLast() { Self.appendComponent(node, of: tree, to: &pathScratch) }
            parent = String(decoding: pathScratch, as: UTF8.self)
            parentPath = (components[components.count - 2], parent)
        }
        pathScratch.removeAll(keepingCapacity: true)
        pathScratch += parent.utf8
        Self.appendComponent(last, of: tree, to: &pathScratch)
        return String(decoding: pathScratch, as: UTF8.self)
    }

    /// `/name[index]`.
    private static func appendComponent(_ node: HTMLTree.Node, of tree: HTMLTree, to path: inout [UInt8]) {
        path.append(UInt8(ascii: "/"))
        path += tree.name(of: tree.tag(node)).utf8
        path.append(UInt8(ascii: "["))
        let index = tree.siblingIndex(node)
        var divisor = 1
        while index / divisor >= 10 { divisor *= 10 }
        repeat {
            path.append(UInt8(ascii: "0") + UInt8(index / divisor % 10))
            divisor /= 10
        } while divisor > 0
        path.append(UInt8(ascii: "]"))
    }

    // MARK: - Walking

    private mutating func visit(_ node: HTMLTree.Node, alignment: Block.Alignment) {
        guard blocks.count < limit else { return }
        let tag = tree.tag(node)
        if tag == .text {
            append(node, line: 0, alignment: alignment)
            return
        }
        let presentation = presentation(of: node)
        if presentation.hidden { return }
        if tag == .br {
            flush(asLine: true)
            return
        }
        // A header scan skips data tables but still looks inside layout tables (a table
        // holding tables), where portals put their whole page.
        if tag == .table, !readTables, !tree.hasDescendant(node, tag: .table) { return }
        if tag == .table, readTables {
            let line = tree.line(node)
            let path = pathString(pathStack)
            switch TableGrid.grid(node, in: tree, path: path, maximumCells: maximumTableCells) {
            case .success(let table):
                flush()
                blocks.append(.table(table, source: SourceLocation(line: line, path: path)))
                return
            case .failure(.tooLarge(let cells)):
                diagnostics.append(
                    Diagnostic(
                        .warning, .blocks, code: "table-too-large",
                        "a table of \(cells) cells is over the limit of \(maximumTableCells); its cells are read as paragraphs",
                        line: line))
            case .failure(.layout):
                break
            }
        }
        let isBlock = tag.isBlock
        let ownAlignment = presentation.alignment ?? alignment
        if isBlock { flush() }
        var child = tree.firstChild(node)
        while let current = child {
            child = tree.nextSibling(current)
            let isElement = !tree.isText(current)
            if bufferLine == 0, !isElement { bufferLine = tree.line(node) }
            if current == skipped {
                // The skipped subtree: its blocks go between the ones around it.
                flush()
                skippedAt = blocks.count
                continue
            }
            if isElement { pathStack.append(current) }
            visit(current, alignment: ownAlignment)
            if isElement { pathStack.removeLast() }
        }
        if isBlock { flush() }
    }

    /// Appends a text node's text to the open block.
    private mutating func append(_ node: HTMLTree.Node, line: Int, alignment: Block.Alignment) {
        if buffer.isEmpty {
            bufferAlignment = alignment
            bufferPath = pathStack
        }
        if bufferLine == 0 { bufferLine = line }
        tree.withTextBytes(node) { Self.appendCollapsed($0, to: &buffer) }
    }

    /// Appends text with its source formatting marked: a run of ASCII white space with a line
    /// break becomes the marker byte 0xFF (never part of UTF-8), resolved by `resolveSpaces`:
    /// dropped between two Chinese characters, a space elsewhere; other runs become one
    /// space. The buffer is UTF-8 (appending scalars to a String one at a time cost more than
    /// the rest of the reader together); runs of other bytes are copied whole.
    static func appendCollapsed(_ text: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        var inSpace = false
        var spaceHasBreak = false
        var runStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else {
                if inSpace {
                    buffer.append(spaceHasBreak ? Self.lineBreakMarker : 0x20)
                    inSpace = false
                    spaceHasBreak = false
                    runStart = index
                }
                index += 1
                continue
            }
            if !inSpace { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index])) }
            inSpace = true
            if byte == 0x0A || byte == 0x0D { spaceHasBreak = true }
            index += 1
        }
        if inSpace {
            buffer.append(spaceHasBreak ? Self.lineBreakMarker : 0x20)
        } else {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
        }
    }

    private mutating func flush(asLine: Bool = false) {
        defer {
            buffer.removeAll(keepingCapacity: true)
            bufferLine = 0
            bufferPath = []
        }
        guard !buffer.isEmpty else { return }
        let text = Self.resolveSpaces(buffer)
        guard !text.isEmpty else { return }
        let kind: Block.Kind = asLine || blocksEndWithOpenLine ? .line : .paragraph
        blocksEndWithOpenLine = asLine
        blocks.append(
            Block(
                kind, text: text, alignment: bufferAlignment,
                source: SourceLocation(line: max(bufferLine, 1), path: recordsPaths ? pathString(bufferPath) : nil)))
    }

    /// Set after a `<br>` so that the last line of a `<br>` run is also a `.line`.
    private var blocksEndWithOpenLine = false

    /// Stands for a run of source white space that held a line break.
    static let lineBreakMarker: UInt8 = 0xFF

    /// Text as stored in the page, with runs of spaces collapsed to one and the ends trimmed.
    static func resolveSpaces(_ text: String) -> String {
        resolveSpaces(Array(text.utf8))
    }

    /// Resolves the buffer's white space: a line-break marker between two CJK characters
    /// (U+2E80 and above) is dropped — the page wrapped a Chinese sentence in its source —
    /// and every other marker or run of spaces becomes one space. The ends are trimmed as
    /// `trimmedText` trims, before the one String is made.
    static func resolveSpaces(_ bytes: [UInt8]) -> String {
        // Written straight into the String's storage (never longer than the input), then the
        // ends trimmed by moving the kept bytes to the front.
        bytes.withUnsafeBufferPointer { input in
            String(unsafeUninitializedCapacity: input.count) { output in
                var written = 0
                var endsWithSpace = false
                for index in 0..<input.count {
                    let byte = input[index]
                    if byte == lineBreakMarker || byte == 0x20 {
                        if byte == lineBreakMarker, index > 0, index + 1 < input.count,
                            isWide(scalarEnding: index, in: input), isWide(scalarStarting: index + 1, in: input)
                        {
                            continue
                        }
                        if !endsWithSpace {
                            output[written] = 0x20
                            written += 1
                            endsWithSpace = true
                        }
                    } else {
                        output[written] = byte
                        written += 1
                        endsWithSpace = false
                    }
                }
                let kept = FoldedText.trimmedBounds(UnsafeBufferPointer(rebasing: output[0..<written]))
                if kept.lowerBound > 0, let base = output.baseAddress {
                    // (The regions overlap: memmove.)
                    memmove(base, base + kept.lowerBound, kept.count)
                }
                return kept.count
            }
        }
    }

    /// Whether the scalar whose UTF-8 starts at `index` is U+2E80 or above.
    private static func isWide(scalarStarting index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let lead = bytes[index]
        if lead >= 0xF0, lead != lineBreakMarker { return true }
        guard lead >= 0xE2, lead < 0xF0, index + 1 < bytes.count else { return false }
        // Three-byte scalars: U+2E80 is E2 BA 80.
        return lead > 0xE2 || bytes[index + 1] >= 0xBA
    }

    /// Whether the scalar whose UTF-8 ends at `index - 1` is U+2E80 or above.
    private static func isWide(scalarEnding index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80, index - start < 4 { start -= 1 }
        return bytes[start] & 0xC0 != 0x80 && isWide(scalarStarting: start, in: bytes)
    }

    // MARK: - Attributes

    /// Whether the element is hidden, and the alignment it sets (nil: inherited). The style
    /// attribute is compacted once for both questions; most elements have no attributes.
    private mutating func presentation(of node: HTMLTree.Node) -> (hidden: Bool, alignment: Block.Alignment?) {
        let isCenter = tree.tag(node) == .center
        guard tree.hasAttributes(node) else { return (false, isCenter ? .center : nil) }
        if tree.attributeBytes(.hidden, of: node) != nil { return (true, nil) }
        var style = StyleFacts()
        if let raw = tree.attributeBytes(.style, of: node) {
            Self.compactASCII(raw, into: &styleScratch)
            style = StyleFacts(compact: styleScratch)
        }
        if style.displayNone || style.visibilityHidden { return (true, nil) }
        if isCenter { return (false, .center) }
        let align = tree.attributeBytes(.align, of: node).map { raw -> [UInt8] in
            var compact: [UInt8] = []
            Self.compactASCII(raw, into: &compact)
            return compact
        }
        func alignIs(_ word: StaticString) -> Bool { align.map { Self.bytes(of: word).elementsEqual($0) } ?? false }
        if alignIs("right") { return (false, .right) }
        if style.alignment == .right { return (false, .right) }
        if alignIs("center") { return (false, .center) }
        if style.alignment == .center { return (false, .center) }
        if alignIs("left") || alignIs("justify") { return (false, .natural) }
        if style.alignment == .natural { return (false, .natural) }
        return (false, nil)
    }

    /// A literal's bytes. (Words compared per element are literals, not static arrays: reading
    /// a static array is a lazy-initialisation check each time.)
    static func bytes(of word: StaticString) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
    }

    /// What a compacted style (lower case, no white space) says about showing and aligning:
    /// whether it contains `display:none`, `visibility:hidden`, and which of
    /// `text-align:right`, `…center`, `…left`/`…justify` (in that order of precedence). Each
    /// of these has one colon, so one pass over the colons finds them all: Word-pasted pages put
    /// a long style on nearly every element, and searching each for seven strings cost more
    /// than the rest of the reader.
    struct StyleFacts {
        var displayNone = false
        var visibilityHidden = false
        var alignment: Block.Alignment?

        init() {}

        init(compact style: [UInt8]) {
            var right = false
            var center = false
            var natural = false
            style.withUnsafeBufferPointer { bytes in
                var colon = 0
                while colon < bytes.count {
                    guard bytes[colon] == UInt8(ascii: ":") else {
                        colon += 1
                        continue
                    }
                    func before(_ literal: StaticString) -> Bool {
                        let word = BlockBuilder.bytes(of: literal)
                        return colon >= word.count && bytes[(colon - word.count)..<colon].elementsEqual(word)
                    }
                    func after(_ literal: StaticString) -> Bool {
                        let word = BlockBuilder.bytes(of: literal)
                        return colon + 1 + word.count <= bytes.count && bytes[(colon + 1)..<(colon + 1 + word.count)].elementsEqual(word)
                    }
                    if before("display"), after("none") { displayNone = true }
                    if before("visibility"), after("hidden") { visibilityHidden = true }
                    if before("text-align") {
                        if after("right") { right = true }
                        if after("center") { center = true }
                        if after("left") || after("justify") { natural = true }
                    }
                    colon += 1
                }
            }
            alignment = right ? .right : center ? .center : natural ? .natural : nil
        }

    }

    /// An attribute value lower-cased (ASCII only) with white space removed, into `bytes`.
    static func compactASCII(_ text: ArraySlice<UInt8>, into bytes: inout [UInt8]) {
        // Copied whole, then compacted in place: no per-byte append.
        bytes.removeAll(keepingCapacity: true)
        bytes += text
        let kept = bytes.withUnsafeMutableBufferPointer { buffer in
            var write = 0
            for read in 0..<buffer.count {
                let byte = buffer[read]
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
                buffer[write] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                write += 1
            }
            return write
        }
        bytes.removeLast(bytes.count - kept)
    }
}
