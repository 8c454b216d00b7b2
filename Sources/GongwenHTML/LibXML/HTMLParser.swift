import CLibXML2
import GongwenCore

/// Parses HTML with libxml2 and copies the tree out as an `HTMLTree`.
///
/// The text handed in is already Unicode (see `TextDecoder`); libxml2 gets it as UTF-8 with
/// the encoding stated, so it never sniffs a `<meta charset>` and never truncates or garbles a
/// page whose label lies. Options: recover from broken markup, no network, no errors printed —
/// libxml2's messages are captured through a structured error handler and returned as
/// diagnostics instead.
public enum HTMLParser {
    /// Parses a page.
    ///
    /// - Parameter text: The decoded page.
    /// - Returns: The tree (its root is the `<html>` element) and libxml2's complaints as
    ///   diagnostics.
    /// - Throws: `HTMLParseError.noDocument` when libxml2 returns no tree at all.
    public static func parse(
        _ text: String, maximumDepth: Int = ReaderLimits.defaultMaximumDepth
    ) throws(HTMLParseError) -> (tree: HTMLTree, diagnostics: [Diagnostic]) {
        let first = try parseOnce(text, maximumDepth: maximumDepth)
        guard first.diagnostics.contains(where: { $0.message.utf8Contains("Excessive depth") }) else { return first }
        // libxml2 stops at 256 open elements and drops the rest of the page. CMS bugs nest
        // thousands of <div>s; flattening container tags keeps every word of the text.
        var second = try parseOnce(DeepNesting.flatten(text), maximumDepth: maximumDepth)
        second.diagnostics.insert(
            Diagnostic(
                .warning, .parse, code: "deep-nesting-flattened",
                "elements nested deeper than libxml2's limit: container tags were flattened to keep the text"),
            at: 0)
        return second
    }

    private static func parseOnce(
        _ text: String, maximumDepth: Int
    ) throws(HTMLParseError) -> (tree: HTMLTree, diagnostics: [Diagnostic]) {
        initializeOnce()
        let collector = ErrorCollector()
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        var utf8 = Array(text.utf8)
        if utf8.isEmpty { utf8 = Array("<html></html>".utf8) }
        let document: htmlDocPtr? = utf8.withUnsafeBufferPointer { buffer in
            xmlSetStructuredErrorFunc(
                unmanaged.toOpaque(),
                { context, error in
                    guard let context, let error else { return }
                    let collector = Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
                    collector.add(error.pointee)
                })
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            return buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                htmlReadMemory(pointer, Int32(clamping: buffer.count), nil, "UTF-8", options)
            }
        }
        guard let document else { throw .noDocument }
        defer { xmlFreeDoc(document) }
        guard let rootPointer = xmlDocGetRootElement(document) else { throw .noDocument }
        var diagnostics = collector.diagnostics
        var copier = TreeCopier(maximumDepth: maximumDepth)
        copier.copy(rootPointer)
        let flattened = copier.flattened
        let tree = copier.finish()
        if flattened {
            diagnostics.append(
                Diagnostic(
                    .warning, .parse, code: "depth-limit",
                    "elements nested deeper than \(maximumDepth) levels were read as text (--max-depth)"))
        }
        return (tree, diagnostics)
    }

    /// libxml2's own work only: parses `text` with the same options and frees the document
    /// without copying anything out. The benchmark's floor; returns whether a document came back.
    public static func parseAndDiscard(_ text: String) -> Bool {
        initializeOnce()
        var text = text
        return text.withUTF8 { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            let document = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                htmlReadMemory(pointer, Int32(clamping: buffer.count), nil, "UTF-8", options)
            }
            guard let document else { return false }
            xmlFreeDoc(document)
            return true
        }
    }

    /// The libxml2 version the program runs with (e.g. `20914`).
    public static var libxml2Version: String {
        String(cString: clibxml2_parser_version())
    }

    // MARK: - Private API

    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    private static func initializeOnce() {
        _ = initialized
    }

    /// Collects libxml2's structured errors during one parse. Confined to the parsing thread:
    /// the handler is installed and removed around a single synchronous `htmlReadMemory`.
    private final class ErrorCollector {
        var diagnostics: [Diagnostic] = []
        private var count = 0
        /// Broken pages raise thousands of identical complaints; the first few say enough.
        private let limit = 20

        func add(_ error: xmlError) {
            count += 1
            guard count <= limit else {
                if count == limit + 1 {
                    diagnostics.append(Diagnostic(.info, .parse, code: "libxml2-more", "further libxml2 messages omitted"))
                }
                return
            }
            let message = error.message.map { String(cString: $0) }?.trimmedText ?? "unknown libxml2 error"
            let severity: Diagnostic.Severity = error.level == XML_ERR_FATAL ? .error : .info
            diagnostics.append(
                Diagnostic(severity, .parse, code: "libxml2-\(error.code)", message, line: Int(error.line)))
        }
    }

    fileprivate static func textOf(_ node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { clibxml2_free(content) }
        return String(cString: content)
    }
}

/// Copies a libxml2 tree into an `HTMLTree` in document order.
///
/// Element and attribute names are classified by their packed bytes (`PackedName`); a name
/// outside the known ones is turned into a String once per tree.
private struct TreeCopier {
    let maximumDepth: Int
    var tree = HTMLTree()
    var flattened = false
    /// Codes given to names outside `Tag.known` in this tree.
    private var extraPacked: [(PackedName, UInt16)] = []
    private var extraCodes: [String: UInt16] = [:]
    private static let knownTags = PackedTable(Tag.known.enumerated().map { ($1, UInt16($0)) })
    private static let keptAttributes = PackedTable(AttributeName.allCases.map { ($0.html, $0.rawValue) })
    /// Codes of the elements that are never copied (script, style …).
    private static let skippedCodes: Set<UInt16> = Set(Tag.skippedNames.map { Tag.codes[$0]! })
    private static let notKept: UInt8 = .max

    init(maximumDepth: Int) {
        self.maximumDepth = maximumDepth
    }

    mutating func copy(_ root: xmlNodePtr) {
        tree.records.reserveCapacity(1024)
        element(root, tagCode: code(of: root), parent: -1, depth: 0)
    }

    mutating func finish() -> HTMLTree {
        numberSiblings()
        return tree
    }

    // MARK: - Nodes

    /// Copies an element and its subtree; returns its index.
    @discardableResult
    private mutating func element(_ node: xmlNodePtr, tagCode: UInt16, parent: Int32, depth: Int) -> Int32 {
        let index = Int32(tree.records.count)
        let attributeStart = Int32(tree.attributes.count)
        copyAttributes(of: node)
        tree.records.append(
            HTMLTree.Record(
                tag: Tag(code: tagCode), parent: parent, line: Int32(clamping: xmlGetLineNo(node)), start: attributeStart,
                end: Int32(tree.attributes.count)))
        var last: Int32 = -1
        func link(_ child: Int32, _ records: inout [HTMLTree.Record]) {
            if last < 0 { records[Int(index)].firstChild = child } else { records[Int(last)].nextSibling = child }
            last = child
        }
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard let content = current.pointee.content else { continue }
                let added = text(content, parent: index)
                link(added, &tree.records)
            case XML_ELEMENT_NODE:
                let childCode = code(of: current)
                if Self.skippedCodes.contains(childCode) { continue }
                if depth >= maximumDepth {
                    flattened = true
                    let added = Array(HTMLParser.textOf(current).utf8).withUnsafeBufferPointer { text($0, parent: index) }
                    link(added, &tree.records)
                } else {
                    let added = element(current, tagCode: childCode, parent: index, depth: depth + 1)
                    link(added, &tree.records)
                }
            default:
                continue
            }
        }
        tree.records[Int(index)].subtreeEnd = Int32(tree.records.count)
        return index
    }

    private mutating func text(_ content: UnsafePointer<xmlChar>, parent: Int32) -> Int32 {
        text(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))), parent: parent)
    }

    private mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, parent: Int32) -> Int32 {
        let index = Int32(tree.records.count)
        let start = Int32(tree.text.count)
        tree.text.append(contentsOf: bytes)
        // Text nodes carry no line: a block takes the line of the element around its text.
        tree.records.append(
            HTMLTree.Record(tag: .text, parent: parent, subtreeEnd: index + 1, line: 0, start: start, end: Int32(tree.text.count)))
        return index
    }

    private mutating func copyAttributes(of node: xmlNodePtr) {
        var attribute = node.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard let namePointer = current.pointee.name else { continue }
            let raw: UInt8 =
                if let packed = PackedName(namePointer) {
                    Self.keptAttributes[packed] ?? Self.notKept
                } else {
                    AttributeName.byName[String(cString: namePointer).lowercased()]?.rawValue ?? Self.notKept
                }
            guard raw != Self.notKept, let name = AttributeName(rawValue: raw) else { continue }
            let start = Int32(tree.text.count)
            appendValue(of: current)
            tree.attributes.append((name, start, Int32(tree.text.count)))
        }
    }

    /// An attribute's value: its single text child read in place, else libxml2's concatenation.
    /// Appends an attribute's value to the text buffer: its single text child read in place,
    /// else libxml2's concatenation.
    private mutating func appendValue(of attribute: xmlAttrPtr) {
        if let child = attribute.pointee.children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE,
            let content = child.pointee.content
        {
            tree.text.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
            return
        }
        guard
            let value = xmlNodeGetContent(UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: xmlNode.self))
        else { return }
        defer { clibxml2_free(value) }
        tree.text.append(contentsOf: UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
    }

    private mutating func code(of node: xmlNodePtr) -> UInt16 {
        guard let name = node.pointee.name else { return codeOfName("") }
        guard let packed = PackedName(name) else { return codeOfName(String(cString: name).lowercased()) }
        if let code = Self.knownTags[packed] { return code }
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

/// Why an HTML page could not be parsed at all.
public enum HTMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libxml2 returned no document (it does so only for input it cannot start on).
    case noDocument

    public var description: String {
        switch self {
        case .noDocument: "libxml2 produced no document"
        }
    }
}

/// Removes nesting from container tags (`div`, `span`, `font` …) so that a pathologically deep
/// page parses within libxml2's depth limit; block containers become paragraph breaks.
enum DeepNesting {
    static let blockTags: Set<String> = ["div", "section", "article", "center", "blockquote", "main", "aside"]
    static let inlineTags: Set<String> = ["span", "font", "b", "i", "u", "em", "strong", "small", "big", "a"]

    static func flatten(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        output.reserveCapacity(scalars.count)
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "<" else {
                output.append(scalars[i])
                i += 1
                continue
            }
            var j = i + 1
            if j < scalars.count, scalars[j] == "/" { j += 1 }
            var name = ""
            while j < scalars.count, name.unicodeScalars.count < 12, scalars[j].properties.isAlphabetic {
                name.unicodeScalars.append(scalars[j])
                j += 1
            }
            let lower = name.lowercased()
            guard blockTags.contains(lower) || inlineTags.contains(lower),
                let end = scalars[j...].firstIndex(of: ">")
            else {
                output.append(scalars[i])
                i += 1
                continue
            }
            if blockTags.contains(lower) { output.append(contentsOf: "<br>".unicodeScalars) }
            i = end + 1
        }
        return String(output)
    }
}
