/// A page's element tree in flat arrays, built from libxml2's parser events (`TreeBuilder`).
///
/// Nothing of libxml2's outlives `HTMLParser.parse`; everything after it works on this value,
/// so no C pointer outlives the parse and no node-lifetime rule exists. Nodes
/// are indices in document (pre-)order, each subtree a contiguous range; all text is one UTF-8
/// buffer; tags are small codes, so the readers compare integers, not strings, and no node is
/// an object of its own. (A tree of node values with a String, a Dictionary and an Array each
/// spent more on retain/release and hashing than the readers spent reading.)
public struct HTMLTree: Sendable {
    /// A node: its index in document order. The root element is 0.
    public typealias Node = Int

    struct Record: Sendable {
        var tag: Tag
        var parent: Int32
        var firstChild: Int32 = -1
        var nextSibling: Int32 = -1
        /// One past the last node of this node's subtree.
        var subtreeEnd: Int32 = 0
        /// The line libxml2 reports for an element (1-based; 0 for text and when unknown).
        var line: Int32
        /// 1-based index among the element siblings with the same tag (0 for text).
        var siblingIndex: Int32 = 0
        /// Text: its bytes in `text`. Element: its attributes in `attributes`.
        var start: Int32
        var end: Int32
    }

    var records: [Record] = []
    var text: [UInt8] = []
    /// Kept attributes: the name, and the value's bytes in `text` (a String only when asked).
    var attributes: [(name: AttributeName, start: Int32, end: Int32)] = []
    /// Names of tags outside `Tag.known`, by `code - Tag.known.count`.
    var extraNames: [String] = []

    public var root: Node { 0 }

    public func tag(_ node: Node) -> Tag { records[node].tag }

    public func isText(_ node: Node) -> Bool { records[node].tag == .text }

    /// The lower-cased tag name, or nil for text.
    public func tagName(_ node: Node) -> String? {
        let tag = records[node].tag
        if tag == .text { return nil }
        return name(of: tag)
    }

    public func name(of tag: Tag) -> String {
        Int(tag.code) < Tag.known.count ? Tag.known[Int(tag.code)] : extraNames[Int(tag.code) - Tag.known.count]
    }

    public func line(_ node: Node) -> Int { Int(records[node].line) }

    /// The 1-based index of an element among its siblings of the same tag (`p[3]`).
    public func siblingIndex(_ node: Node) -> Int { Int(records[node].siblingIndex) }

    public func parent(_ node: Node) -> Node? {
        let parent = records[node].parent
        return parent < 0 ? nil : Int(parent)
    }

    /// The node's children in order.
    public func children(_ node: Node) -> Children { Children(tree: self, first: records[node].firstChild) }

    /// The node and everything below it, in document order.
    public func subtree(_ node: Node) -> Range<Node> { node..<Int(records[node].subtreeEnd) }

    /// Whether a node strictly below `node` has `tag`.
    public func hasDescendant(_ node: Node, tag: Tag) -> Bool {
        subtree(node).dropFirst().contains { records[$0].tag == tag }
    }

    /// An attribute's value (only the attributes the readers use are kept; see `AttributeName`).
    public func attribute(_ name: AttributeName, of node: Node) -> String? {
        attributeBytes(name, of: node).map { String(decoding: $0, as: UTF8.self) }
    }

    /// An attribute's value as UTF-8 bytes, without making a String.
    public func attributeBytes(_ name: AttributeName, of node: Node) -> ArraySlice<UInt8>? {
        let record = records[node]
        guard record.tag != .text, record.start < record.end else { return nil }
        for index in Int(record.start)..<Int(record.end) where attributes[index].name == name {
            return text[Int(attributes[index].start)..<Int(attributes[index].end)]
        }
        return nil
    }

    /// An attribute's value lower-cased, as UTF-8: an ASCII value byte by byte (most are),
    /// others through `String.lowercased()` (Unicode lower-casing can make ASCII letters of
    /// other scalars). For the readers that compare values with ASCII words.
    public func lowercasedAttribute(_ name: AttributeName, of node: Node) -> [UInt8]? {
        guard let value = attributeBytes(name, of: node) else { return nil }
        guard value.allSatisfy({ $0 < 0x80 }) else { return Array(String(decoding: value, as: UTF8.self).lowercased().utf8) }
        return value.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    public func hasAttributes(_ node: Node) -> Bool {
        let record = records[node]
        return record.tag != .text && record.start < record.end
    }

    /// A text node's UTF-8 bytes.
    public func textBytes(_ node: Node) -> ArraySlice<UInt8> {
        let record = records[node]
        guard record.tag == .text else { return [] }
        return text[Int(record.start)..<Int(record.end)]
    }

    /// Calls `body` with a text node's UTF-8 bytes in place (no slice of the buffer to retain).
    func withTextBytes<Result>(_ node: Node, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let record = records[node]
        let range = record.tag == .text ? Int(record.start)..<Int(record.end) : 0..<0
        return text.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// All text below (and in) this node, concatenated as stored.
    public func textContent(_ node: Node) -> String {
        var bytes: [UInt8] = []
        for index in subtree(node) where records[index].tag == .text {
            bytes += text[Int(records[index].start)..<Int(records[index].end)]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first child, or nil. With `nextSibling(_:)`, a walk that copies nothing.
    public func firstChild(_ node: Node) -> Node? {
        let child = records[node].firstChild
        return child < 0 ? nil : Int(child)
    }

    public func nextSibling(_ node: Node) -> Node? {
        let sibling = records[node].nextSibling
        return sibling < 0 ? nil : Int(sibling)
    }

    /// The children of a node, following the sibling links (no array is built).
    public struct Children: Sequence {
        let tree: HTMLTree
        let first: Int32

        public func makeIterator() -> Iterator { Iterator(tree: tree, upcoming: first) }

        public struct Iterator: IteratorProtocol {
            let tree: HTMLTree
            var upcoming: Int32

            public mutating func next() -> Node? {
                guard upcoming >= 0 else { return nil }
                let node = Int(upcoming)
                upcoming = tree.records[node].nextSibling
                return node
            }
        }
    }
}

/// An element name as a small code: the names the readers ask about have fixed codes, other
/// names get codes per tree.
public struct Tag: Hashable, Sendable {
    let code: UInt16

    /// The fixed names; code = index. `#text` marks text nodes.
    static let known: [String] = [
        "#text", "html", "head", "body", "title", "meta", "br", "a", "span", "font", "table", "tr", "td", "th", "thead",
        "tbody", "tfoot", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "section", "article", "main", "header",
        "footer", "aside", "nav", "blockquote", "pre", "center", "ul", "ol", "li", "dl", "dt", "dd", "form", "fieldset",
        "address", "figure", "figcaption", "hr", "ucapcontent", "script", "style", "noscript", "iframe", "object", "embed",
        "svg", "canvas", "template", "select", "option", "button", "input", "textarea", "map", "audio", "video",
    ]
    static let codes: [String: UInt16] = Dictionary(uniqueKeysWithValues: known.enumerated().map { ($1, UInt16($0)) })

    static var text: Tag { Tag(code: 0) }
    static var html: Tag { Tag(code: 1) }
    static var head: Tag { Tag(code: 2) }
    static var body: Tag { Tag(code: 3) }
    static var title: Tag { Tag(code: 4) }
    static var meta: Tag { Tag(code: 5) }
    static var br: Tag { Tag(code: 6) }
    static var a: Tag { Tag(code: 7) }
    static var table: Tag { Tag(code: 10) }
    static var tr: Tag { Tag(code: 11) }
    static var td: Tag { Tag(code: 12) }
    static var th: Tag { Tag(code: 13) }
    static var thead: Tag { Tag(code: 14) }
    static var tbody: Tag { Tag(code: 15) }
    static var tfoot: Tag { Tag(code: 16) }
    static var h1: Tag { Tag(code: 18) }
    static var h2: Tag { Tag(code: 19) }
    static var h3: Tag { Tag(code: 20) }
    static var center: Tag { Tag(code: 35) }
    static var ucapcontent: Tag { Tag(code: 48) }

    init(code: UInt16) {
        self.code = code
    }

    /// Elements that start and end a block.
    static let blockNames: Set<String> = [
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote", "pre", "center",
        "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "form", "fieldset", "address", "figure",
        "figcaption", "hr", "body", "html", "tr", "td", "th", "caption", "thead", "tbody", "tfoot", "table", "title",
        "ucapcontent",
    ]

    /// Elements whose content is never text of the notice; they are not copied.
    static let skippedNames: Set<String> = [
        "script", "style", "noscript", "iframe", "object", "embed", "svg", "canvas", "template", "select", "option",
        "button", "input", "textarea", "map", "audio", "video",
    ]

    /// Bit `code` set for the codes of `blockNames` (all below 64); a literal, so reading it
    /// costs no lazy initialisation. `HTMLTreeTests` check it and the constants above against
    /// the names.
    static let blockMask: UInt64 = 0x1_ffff_ffff_fc1a

    /// Whether the element starts and ends a block.
    var isBlock: Bool { code < 64 && Tag.blockMask >> code & 1 == 1 }

    var isCell: Bool { self == .td || self == .th }
}

/// The attributes the readers use; the rest (inline event handlers, data-*) are dropped.
public enum AttributeName: UInt8, Sendable, CaseIterable {
    case `class`, id, style, align, rowspan, colspan, name, content, httpEquiv, charset, property, hidden, href

    var html: String {
        switch self {
        case .httpEquiv: "http-equiv"
        default: "\(self)"
        }
    }

    static let byName: [String: AttributeName] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.html, $0) })
}
