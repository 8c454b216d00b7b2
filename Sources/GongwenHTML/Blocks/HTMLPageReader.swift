import GongwenCore

/// Reads a whole HTML page: the notice's blocks plus what the page says about it.
///
/// ```
/// <html>
///   <head><title>…的通知_XX门户网站</title><meta name=PubDate …></head>   -> PageHints
///   <body>
///     breadcrumb, font widget, disclosure grid (索引号 …)              -> PageHints.disclosure
///     <div class=TRS_Editor> notice </div>                            -> [Block]
///     footer                                                         (dropped)
/// ```
public enum HTMLPageReader {
    /// The blocks of the notice and the page's hints.
    public struct Page: Sendable, Equatable {
        public var blocks: [Block]
        public var hints: PageHints
        public var diagnostics: [Diagnostic]
    }

    /// Reads a decoded page.
    ///
    /// - Throws: `HTMLParseError` when libxml2 yields no document.
    public static func read(_ text: String, limits: ReaderLimits = ReaderLimits()) throws(HTMLParseError) -> Page {
        var (tree, diagnostics) = try HTMLParser.parse(text, maximumDepth: limits.maximumDepth)
        let root = tree.root
        let head = tree.children(root).first { tree.tag($0) == .head }
        let body = tree.children(root).first { tree.tag($0) == .body } ?? root
        var hints = PageHints()
        if let head { readHead(head, in: tree, into: &hints) }
        let content = ContentLocator.locate(body, in: tree)
        let (readBlocks, blockDiagnostics) = BlockBuilder.blocksAndDiagnostics(
            of: content, in: tree, path: tree.tagName(content) ?? "body", maximumTableCells: limits.maximumTableCells)
        diagnostics += blockDiagnostics
        // The whole page's blocks are read at most once, and only when a hint needs them. The
        // walk skips the content, whose blocks are already read, and splices them in.
        var cachedPageBlocks: [Block]?
        func pageBlocks() -> [Block] {
            if let cachedPageBlocks { return cachedPageBlocks }
            // The grid and the publish line sit above the notice: the first blocks are enough.
            let (around, contentAt) = BlockBuilder.blocks(
                of: body, in: tree, path: "body", limit: pageHeadBlocks, readTables: false, skipping: content)
            let blocks = Array(
                (around[..<contentAt] + readBlocks.filter { $0.kind != .table } + around[contentAt...]).prefix(pageHeadBlocks))
            cachedPageBlocks = blocks
            return blocks
        }
        hints.disclosure = DisclosureGrid.read(body, in: tree, pageBlocks: pageBlocks)
        // A task table pasted as one paragraph per cell is rebuilt as a table, as in plain text.
        let contentBlocks = FlattenedTableRecognizer.recognize(readBlocks.filter { !DisclosureGrid.isGridTable($0) })
        // The title and the publish line often sit above the content region.
        if hints.metaPublished == nil, !hints.disclosure.contains(where: { $0.key == "发布日期" || $0.key == "发布时间" }) {
            hints.metaPublished = pageBlocks().first { PublishLine.date(in: $0.text) != nil }?.text
        }
        hints.headingTitle = headingTitle(body, in: tree)
        hints.attachmentLinks = attachmentLinks(body, in: tree)
        return Page(blocks: contentBlocks, hints: hints, diagnostics: diagnostics)
    }

    /// Links to office and PDF files anywhere in the body (portals put the attachment list in
    /// the content, below it, or in a sidebar box), each once, in page order.
    static func attachmentLinks(_ body: HTMLTree.Node, in tree: HTMLTree) -> [AttachmentLink] {
        var links: [AttachmentLink] = []
        var seen = Set<String>()
        for node in tree.subtree(body) where tree.tag(node) == .a {
            guard let bytes = tree.attributeBytes(.href, of: node), isAttachment(href: bytes) else { continue }
            let href = String(decoding: bytes, as: UTF8.self).trimmedText
            guard seen.insert(href).inserted else { continue }
            links.append(AttachmentLink(href: href, text: BlockBuilder.resolveSpaces(tree.textContent(node)).trimmedText))
        }
        return links
    }

    /// Whether an `href` names an attachment's file, asked of the attribute's bytes: most links
    /// are not attachments, and no String is made of them.
    private static func isAttachment(href: ArraySlice<UInt8>) -> Bool {
        href.withUnsafeBufferPointer { bytes in
            AttachmentLink.attachmentExtension(ofUTF8: UnsafeBufferPointer(rebasing: bytes[FoldedText.trimmedBounds(bytes)])) != nil
        }
    }

    // MARK: - Private API

    /// How many of the page's first blocks are searched for a text-line grid or publish line.
    /// Portal headers take a few dozen; 400 leaves room for long navigation menus.
    static let pageHeadBlocks = 400

    private static let titleMetaNames: Set<String> = ["articletitle", "og:title", "title", "dc.title"]
    private static let publishedMetaNames: Set<String> = [
        "pubdate", "publishdate", "article:published_time", "dc.date", "firstpublishedtime", "publishtime",
    ]

    private static func readHead(_ head: HTMLTree.Node, in tree: HTMLTree, into hints: inout PageHints) {
        for node in tree.subtree(head) where tree.tag(node) == .meta {
            let name = (tree.attribute(.name, of: node) ?? tree.attribute(.property, of: node) ?? "").lowercased()
            guard let content = tree.attribute(.content, of: node)?.trimmedText, !content.isEmpty else { continue }
            if hints.metaTitle == nil, titleMetaNames.contains(name) { hints.metaTitle = content }
            if hints.metaPublished == nil, publishedMetaNames.contains(name) { hints.metaPublished = content }
        }
        if let title = tree.subtree(head).first(where: { tree.tag($0) == .title }) {
            let text = BlockBuilder.resolveSpaces(tree.textContent(title))
            if !text.isEmpty { hints.documentTitle = text }
        }
    }

    /// A heading above the content (`<h1>`, `.title`) that reads as a notice title.
    private static func headingTitle(_ body: HTMLTree.Node, in tree: HTMLTree) -> String? {
        let candidates = tree.subtree(body).lazy.filter { node in
            let tag = tree.tag(node)
            if tag == .text { return false }
            if tag == .h1 || tag == .h2 || tag == .h3 { return true }
            guard tree.hasAttributes(node) else { return false }
            // (Asked of every element with attributes: the bytes are searched, no String made.)
            guard let value = tree.lowercasedAttribute(.class, of: node) ?? tree.lowercasedAttribute(.id, of: node) else {
                return false
            }
            return ByteSearch.contains(value, Array("title".utf8))
        }
        for node in candidates {
            let text = BlockBuilder.resolveSpaces(tree.textContent(node))
            let key = text.compactFolded
            if (6...120).contains(key.scalarCount), key.utf8Contains("关于") || TitleLine.endsLikeTitle(key) {
                return text
            }
        }
        return nil
    }
}
