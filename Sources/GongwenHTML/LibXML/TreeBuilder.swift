import CLibXML2

/// Builds an `HTMLTree` from libxml2's parser events (its SAX interface), so that libxml2
/// never builds its own tree: no node is allocated, linked, copied out and freed again.
/// libxml2's tree builder took almost half of its parse time on the corpus pages.
///
/// The tree is the one libxml2's tree builder (`SAX2.c`, 2.9) would give, node for node,
/// because the builder follows its rules:
/// - element names lose a namespace prefix (`<o:p>` from Word is a `p`);
/// - adjacent text is one node, unless an element, a comment or an instruction stands
///   between; text outside every element is dropped;
/// - an element opened after the root closed becomes the root's last child, unless the
///   document's first node is a DOCTYPE, a comment or an instruction (then it is a second
///   root, not read);
/// - more than 256 open elements stop the parse with libxml2's own message, which makes
///   `HTMLParser.parse` flatten the page and parse again.
/// Elements copied as before: script, style and the other `Tag.skippedNames` are left out
/// with everything in them; below `maximumDepth`, an element is read as one text node.
/// `TreeBuilderTests` parse pages both ways and compare the trees.
struct TreeBuilder {
    let maximumDepth: Int
    private(set) var tree = HTMLTree()
    /// Whether elements below `maximumDepth` were read as text.
    private(set) var flattened = false
    /// Whether libxml2's depth limit stopped the parse.
    private(set) var stopped = false
    private let errors: HTMLParser.ErrorCollector

    /// libxml2's tree builder refuses an element when this many are open (`xmlParserMaxDepth`).
    static let libxml2MaximumDepth = 256

    /// What the last child of an open element is, for joining text as libxml2 does.
    private enum LastChild {
        case none, text, cdata, other
    }

    /// An open element. `record` is -1 for elements that are not copied; `depth` counts
    /// from the root, at 0.
    private struct Frame {
        var record: Int32
        var depth = 0
        var lastRecord: Int32 = -1
        var lastChild = LastChild.none
    }

    private var frames: [Frame] = []
    /// Open elements inside a skipped element (or a second root), the skipped one included.
    private var skipped = 0
    /// Open elements inside an element read as text, that one included; and its text node.
    private var flattening = 0
    private var flatteningRecord: Int32 = -1
    /// The root after it closed, for elements libxml2 still adds to it.
    private var closedRoot: Frame?
    /// Whether the document node has children yet, and whether its first is the root.
    private var documentHasChildren = false
    private var rootIsFirstChild = false
    private var hasDoctype = false
    /// The document's ID values so far.
    private var ids: Set<[UInt8]> = []

    /// Codes given to names outside `Tag.known` in this tree.
    private var extraPacked: [(PackedName, UInt16)] = []
    private var extraCodes: [String: UInt16] = [:]
    private static let knownTags = PackedTable(Tag.known.enumerated().map { ($1, UInt16($0)) })
    private static let keptAttributes = PackedTable(AttributeName.allCases.map { ($0.html, $0.rawValue) })
    /// Codes of the elements that are never copied (script, style …).
    private static let skippedCodes: Set<UInt16> = Set(Tag.skippedNames.map { Tag.codes[$0]! })
    private static let notKept: UInt8 = .max

    /// The name tables, read from the statics once per parse: a static read in a per-element
    /// callback is a lazy-initialisation check every time.
    private let tagTable = TreeBuilder.knownTags
    private let attributeTable = TreeBuilder.keptAttributes
    private let skippedCodeSet = TreeBuilder.skippedCodes

    init(maximumDepth: Int, errors: HTMLParser.ErrorCollector) {
        self.maximumDepth = maximumDepth
        self.errors = errors
        tree.records.reserveCapacity(1024)
    }

    /// Parses UTF-8 bytes into a tree; nil when libxml2 could not start (no parser context).
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, options: Int32, maximumDepth: Int, errors: HTMLParser.ErrorCollector
    ) -> TreeBuilder? {
        let builder = UnsafeMutablePointer<TreeBuilder>.allocate(capacity: 1)
        builder.initialize(to: TreeBuilder(maximumDepth: maximumDepth, errors: errors))
        defer { builder.deallocate() }
        var handler = xmlSAXHandler()
        handler.initialized = 1
        handler.startElement = { context, name, attributes in
            guard let context, let name else { return }
            TreeBuilder.with(context) { $0.startElement(name, attributes, context: $1) }
        }
        handler.endElement = { context, _ in
            guard let context else { return }
            TreeBuilder.with(context) { builder, _ in builder.endElement() }
        }
        handler.characters = { context, bytes, length in
            guard let context, let bytes else { return }
            TreeBuilder.with(context) { builder, _ in builder.characters(bytes, Int(length), kind: .text) }
        }
        handler.cdataBlock = { context, bytes, length in
            guard let context, let bytes else { return }
            TreeBuilder.with(context) { builder, _ in builder.characters(bytes, Int(length), kind: .cdata) }
        }
        handler.comment = { context, _ in
            guard let context else { return }
            TreeBuilder.with(context) { builder, _ in builder.otherNode() }
        }
        handler.processingInstruction = { context, _, _ in
            guard let context else { return }
            TreeBuilder.with(context) { builder, _ in builder.otherNode() }
        }
        handler.internalSubset = { context, _, _, _ in
            guard let context else { return }
            TreeBuilder.with(context) { builder, _ in builder.doctype() }
        }
        let status = bytes.withMemoryRebound(to: CChar.self) { chars in
            clibxml2_html_sax_parse(chars.baseAddress, Int32(clamping: chars.count), &handler, builder, options)
        }
        var result = builder.move()
        guard status == 0 else { return nil }
        result.finish()
        return result
    }

    /// Calls `body` with the builder a parser context carries.
    private static func with(
        _ context: UnsafeMutableRawPointer, _ body: (inout TreeBuilder, xmlParserCtxtPtr) -> Void
    ) {
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let builder = parser.pointee._private else { return }
        body(&builder.assumingMemoryBound(to: TreeBuilder.self).pointee, parser)
    }

    // MARK: - Events

    private mutating func startElement(
        _ fullName: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        context: xmlParserCtxtPtr
    ) {
        guard !stopped else { return }
        let line = context.pointee.input.map { Int($0.pointee.line) } ?? 0
        let name = localName(fullName, line: line)
        if frames.count > Self.libxml2MaximumDepth {
            // libxml2's tree builder stops here (nodePush); so does this one.
            errors.add(
                code: Int(XML_ERR_INTERNAL_ERROR.rawValue), fatal: true,
                message: "Excessive depth in document: \(Self.libxml2MaximumDepth) use XML_PARSE_HUGE option", line: line)
            stopped = true
            xmlStopParser(context)
            return
        }
        if let attributes { registerIDs(attributes, element: name, line: line) }
        if skipped > 0 || flattening > 0 {
            if skipped > 0 { skipped += 1 } else { flattening += 1 }
            frames.append(Frame(record: -1))
            return
        }
        guard !frames.isEmpty else {
            startTopLevel(name, attributes, line: line)
            return
        }
        var parent = frames.removeLast()
        let child = startChild(name, attributes, line: line, parent: &parent)
        frames.append(parent)
        frames.append(child)
    }

    /// An element with no open element around it: the root, a late child of the root, or a
    /// second root (not read).
    private mutating func startTopLevel(
        _ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, line: Int
    ) {
        if tree.records.isEmpty {
            if !documentHasChildren { rootIsFirstChild = true }
            documentHasChildren = true
            let code = code(of: name)
            appendElement(code: code, attributes, parent: -1, line: line)
            frames.append(Frame(record: 0))
        } else if rootIsFirstChild, var root = closedRoot {
            frames.append(startChild(name, attributes, line: line, parent: &root))
            closedRoot = root
        } else {
            skipped = 1
            frames.append(Frame(record: -1))
        }
    }

    /// An element inside `parent`; returns its frame.
    private mutating func startChild(
        _ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, line: Int,
        parent: inout Frame
    ) -> Frame {
        parent.lastChild = .other
        let code = code(of: name)
        if skippedCodeSet.contains(code) {
            skipped = 1
            return Frame(record: -1)
        }
        if parent.depth >= maximumDepth {
            // Too deep: the element and everything in it is one text node.
            flattened = true
            flattening = 1
            flatteningRecord = appendText(parent: parent.record)
            link(flatteningRecord, to: &parent)
            return Frame(record: -1)
        }
        let index = appendElement(code: code, attributes, parent: parent.record, line: line)
        link(index, to: &parent)
        return Frame(record: index, depth: parent.depth + 1)
    }

    private mutating func endElement() {
        guard !stopped, let frame = frames.popLast() else { return }
        if skipped > 0 {
            skipped -= 1
            return
        }
        if flattening > 0 {
            flattening -= 1
            return
        }
        guard frame.record >= 0 else { return }
        tree.records[Int(frame.record)].subtreeEnd = Int32(tree.records.count)
        if frame.record == 0 { closedRoot = frame }
    }

    private mutating func characters(_ bytes: UnsafePointer<xmlChar>, _ length: Int, kind: LastChild) {
        guard !stopped, skipped == 0 else { return }
        let buffer = UnsafeBufferPointer(start: bytes, count: length)
        if flattening > 0 {
            tree.text.append(contentsOf: buffer)
            tree.records[Int(flatteningRecord)].end = Int32(tree.text.count)
            return
        }
        // Text outside every element is dropped, as libxml2 drops it.
        guard var frame = frames.popLast() else { return }
        defer { frames.append(frame) }
        if frame.lastChild == kind, frame.lastRecord >= 0 {
            tree.text.append(contentsOf: buffer)
            tree.records[Int(frame.lastRecord)].end = Int32(tree.text.count)
            return
        }
        let index = appendText(parent: frame.record)
        tree.text.append(contentsOf: buffer)
        tree.records[Int(index)].end = Int32(tree.text.count)
        link(index, to: &frame)
        frame.lastChild = kind
    }

    /// A comment or processing instruction: not copied, but text on either side of it stays
    /// two nodes.
    private mutating func otherNode() {
        guard !stopped, skipped == 0, flattening == 0 else { return }
        if frames.isEmpty {
            documentHasChildren = true
        } else {
            frames[frames.count - 1].lastChild = .other
        }
    }

    /// A DOCTYPE: libxml2 makes the first one the document's first child, wherever it stands.
    private mutating func doctype() {
        guard !stopped, !hasDoctype else { return }
        hasDoctype = true
        documentHasChildren = true
        rootIsFirstChild = false
    }

    private mutating func finish() {
        for frame in frames where frame.record >= 0 {
            tree.records[Int(frame.record)].subtreeEnd = Int32(tree.records.count)
        }
        if !tree.records.isEmpty { tree.records[0].subtreeEnd = Int32(tree.records.count) }
        numberSiblings()
    }

    // MARK: - Records

    @discardableResult
    private mutating func appendElement(
        code: UInt16, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, parent: Int32, line: Int
    ) -> Int32 {
        let index = Int32(tree.records.count)
        let attributeStart = Int32(tree.attributes.count)
        if let attributes { copyAttributes(attributes) }
        tree.records.append(
            HTMLTree.Record(
                tag: Tag(code: code), parent: parent, subtreeEnd: index + 1, line: Int32(clamping: line),
                start: attributeStart, end: Int32(tree.attributes.count)))
        return index
    }

    /// An empty text node; its bytes are appended after it.
    private mutating func appendText(parent: Int32) -> Int32 {
        let index = Int32(tree.records.count)
        let start = Int32(tree.text.count)
        // Text nodes carry no line: a block takes the line of the element around its text.
        tree.records.append(HTMLTree.Record(tag: .text, parent: parent, subtreeEnd: index + 1, line: 0, start: start, end: start))
        return index
    }

    private mutating func link(_ child: Int32, to parent: inout Frame) {
        if parent.lastRecord < 0 {
            tree.records[Int(parent.record)].firstChild = child
        } else {
            tree.records[Int(parent.lastRecord)].nextSibling = child
        }
        parent.lastRecord = child
    }

    /// Name/value pairs, NULL-terminated; a value is NULL for an attribute written bare.
    private mutating func copyAttributes(_ pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>) {
        var index = 0
        while let name = pairs[index] {
            let value = pairs[index + 1]
            index += 2
            let raw: UInt8 =
                if let packed = PackedName(name) {
                    attributeTable[packed] ?? Self.notKept
                } else {
                    AttributeName.byName[String(cString: name).lowercased()]?.rawValue ?? Self.notKept
                }
            guard raw != Self.notKept, let attribute = AttributeName(rawValue: raw) else { continue }
            let start = Int32(tree.text.count)
            // libxml2 gives a bare boolean attribute (`checked`) its name as value.
            if let text = value ?? (htmlIsBooleanAttr(name) != 0 ? name : nil) {
                tree.text.append(contentsOf: UnsafeBufferPointer(start: text, count: Int(xmlStrlen(text))))
            }
            tree.attributes.append((attribute, start, Int32(tree.text.count)))
        }
    }

    /// libxml2's tree builder registers the IDs of an HTML document (`id`, `xml:id`, and
    /// `name` on `a`) and reports a value met twice (`xmlAddID`), and an `xml:id` that is no
    /// XML name; so does this builder, for every element, copied or not.
    private mutating func registerIDs(
        _ pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>, element: UnsafePointer<xmlChar>, line: Int
    ) {
        var index = 0
        while let name = pairs[index] {
            let given = pairs[index + 1]
            index += 2
            let value = given ?? (htmlIsBooleanAttr(name) != 0 ? name : nil)
            let isXMLID = Self.equals(name, "xml:id")
            if isXMLID, xmlValidateNCName(value, 1) != 0 {
                errors.add(
                    code: Int(XML_DTD_XMLID_VALUE.rawValue), fatal: false,
                    message: "xml:id : attribute value \(value.map { String(cString: $0) } ?? "(null)") is not an NCName",
                    line: line)
            }
            guard isXMLID || Self.equals(name, "id") || (Self.equals(name, "name") && Self.equals(element, "a")),
                let value, value[0] != 0
            else { continue }
            let bytes = Array(UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
            if !ids.insert(bytes).inserted {
                errors.add(
                    code: Int(XML_DTD_ID_REDEFINED.rawValue), fatal: false,
                    message: "ID \(String(decoding: bytes, as: UTF8.self)) already defined", line: line)
            }
        }
    }

    /// Whether a C string is `text` (ASCII), byte for byte.
    private static func equals(_ name: UnsafePointer<xmlChar>, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        let expected = text.utf8Start
        for index in 0..<count where name[index] != expected[index] { return false }
        return name[count] == 0
    }

    // MARK: - Names

    /// The element name without a namespace prefix, as libxml2's `xmlSplitQName` cuts it:
    /// after the first colon, unless the name starts or ends with one. Reports what libxml2
    /// reports for a local name that starts with a digit, `-` or `.`.
    private func localName(_ name: UnsafePointer<xmlChar>, line: Int) -> UnsafePointer<xmlChar> {
        guard name[0] != UInt8(ascii: ":") else { return name }
        var index = 0
        while name[index] != 0, name[index] != UInt8(ascii: ":") { index += 1 }
        guard name[index] == UInt8(ascii: ":"), name[index + 1] != 0 else { return name }
        let first = name[index + 1]
        let isLetter = (0x61...0x7A).contains(first) || (0x41...0x5A).contains(first) || first >= 0x80
        if !isLetter, first != UInt8(ascii: "_"), first != UInt8(ascii: ":") {
            errors.add(
                code: Int(XML_NS_ERR_QNAME.rawValue), fatal: true,
                message: "Name \(String(cString: name)) is not XML Namespace compliant", line: line)
        }
        return name + index + 1
    }

    private mutating func code(of name: UnsafePointer<xmlChar>) -> UInt16 {
        guard let packed = PackedName(name) else { return codeOfName(String(cString: name).lowercased()) }
        if let code = tagTable[packed] { return code }
        if let extra = extraPacked.first(where: { $0.0 == packed }) { return extra.1 }
        let code = codeOfName(String(cString: name).lowercased())
        extraPacked.append((packed, code))
        return code
    }

    private mutating func codeOfName(_ name: String) -> UInt16 {
        if let code = Tag.codes[name] { return code }
        if let code = extraCodes[name] { return code }
        let code = UInt16(clamping: Tag.known.count + tree.extraNames.count)
        tree.extraNames.append(name)
        extraCodes[name] = code
        return code
    }

    /// Gives every element its 1-based index among the element siblings with its tag.
    private mutating func numberSiblings() {
        let codeCount = Tag.known.count + tree.extraNames.count
        var owner = [Int32](repeating: -1, count: codeCount)
        var count = [Int32](repeating: 0, count: codeCount)
        for parent in tree.records.indices where tree.records[parent].tag != .text {
            var child = tree.records[parent].firstChild
            while child >= 0 {
                let code = Int(tree.records[Int(child)].tag.code)
                if code != 0 {
                    if owner[code] != Int32(parent) {
                        owner[code] = Int32(parent)
                        count[code] = 0
                    }
                    count[code] += 1
                    tree.records[Int(child)].siblingIndex = count[code]
                }
                child = tree.records[Int(child)].nextSibling
            }
        }
        if !tree.records.isEmpty { tree.records[0].siblingIndex = 1 }
    }
}

/// An element or attribute name of up to eight bytes packed into one integer, ASCII
/// lower-cased: names are classified by comparing integers, without building a String.
/// (libxml2's HTML parser copies every node's name, so names cannot be told by address.)
struct PackedName: Hashable, Comparable, Sendable {
    let value: UInt64

    /// The packed name, or nil for names longer than eight bytes (read as Strings instead).
    init?(_ name: UnsafePointer<xmlChar>) {
        var value: UInt64 = 0
        var index = 0
        while true {
            var byte = name[index]
            if byte == 0 { break }
            guard index < 8 else { return nil }
            if byte >= 0x41, byte <= 0x5A { byte += 0x20 }
            value |= UInt64(byte) << (8 * UInt64(index))
            index += 1
        }
        self.value = value
    }

    init?(_ name: String) {
        guard name.utf8.count <= 8 else { return nil }
        let bytes = Array(name.utf8) + [0]
        guard let packed = bytes.withUnsafeBufferPointer({ PackedName($0.baseAddress!) }) else { return nil }
        self = packed
    }

    static func < (lhs: PackedName, rhs: PackedName) -> Bool { lhs.value < rhs.value }
}

/// Names sorted by their packed form, found by binary search (no hashing).
struct PackedTable<Value: Sendable>: Sendable {
    private let keys: [PackedName]
    private let values: [Value]

    init(_ entries: [(String, Value)]) {
        let packed = entries.compactMap { name, value in PackedName(name).map { ($0, value) } }.sorted { $0.0 < $1.0 }
        keys = packed.map(\.0)
        values = packed.map(\.1)
    }

    subscript(name: PackedName) -> Value? {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < name { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == name ? values[low] : nil
    }
}
