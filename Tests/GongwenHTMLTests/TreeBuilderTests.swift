import CLibXML2
import Foundation
import GongwenCore
import GongwenTestSupport
import Testing

@testable import GongwenHTML

/// `TreeBuilder` builds the tree from libxml2's parser events, following the rules of
/// libxml2's own tree builder. These tests parse each page both ways — events into
/// `TreeBuilder`, and libxml2's `htmlReadMemory` tree copied node by node (`DOMOracle`, the
/// way pages were read before) — and require the same nodes, text, attributes, lines and
/// diagnostics. A libxml2 upgrade that changes its tree builder shows up here first.
struct TreeBuilderTests {
    /// One page per rule of libxml2's tree builder.
    static let rules: [(String, String)] = [
        ("namespace prefixes are cut", "<html><body><p>甲<o:p></o:p></p><st1:place>乙</st1:place><x:1y>丙</x:1y></body></html>"),
        ("text around a comment stays two nodes", "<html><body><p>前<!-- 注 -->后</p></body></html>"),
        ("text around a skipped element stays two nodes", "<p>前<script>var a = 1;</script>后<style>p{}</style></p>"),
        ("entities and character references join the text", "<p>一&amp;二&#19977;&nbsp;&unknown;四</p>"),
        ("text after the root closes is dropped", "<html><body><p>正文</p></body></html>\n尾巴 <!-- end -->"),
        ("an element after the root closes joins the root", "<html><body><p>正文</p></body></html><div>后来的</div>"),
        (
            "after a DOCTYPE, a late element is a second root", "<!DOCTYPE html><html><body><p>正文</p></body></html><div>后来的</div>"
        ),
        ("after a leading comment, a late element is a second root", "<!-- 头 --><html><body><p>正文</p></body></html><div>后</div>"),
        ("a misplaced DOCTYPE", "<html><body><p>一</p><!DOCTYPE html></body></html><div>二</div>"),
        (
            "duplicate IDs are reported",
            "<div id=\"a\"><p id=\"a\">一</p><a name=\"b\">二</a><a name=\"b\">三</a><p name=\"c\" id=\"\">四</p></div>"
        ),
        ("IDs inside skipped elements count", "<div id=\"x\"><select id=\"x\"><option>一</option></select></div>"),
        (
            "bare and kept attributes",
            "<div hidden class=\"c\" CLASS=\"d\" id=z align=center><p style>一</p><td colspan=2 nowrap>二</td></div>"
        ),
        ("processing instructions", "<?xml version=\"1.0\"?><html><body><p>一<?php echo 1; ?>二</p></body></html>"),
        ("upper-case tags and implied elements", "<TITLE>题</TITLE><P>一<P>二<TABLE><TR><TD>格</TABLE>"),
        (
            "blank text between elements",
            "<html>\n<head>\n<title>题</title>\n</head>\n<body>\n<div>\n<p> 一 </p>\n\n<p>二</p>\n</div>\n</body>\n</html>\n"
        ),
        ("CDATA-like script content", "<div><script><![CDATA[ x < y ]]></script>正文<style>/* a */</style></div>"),
        ("text only", "只有一行字，没有标签。"),
        ("broken markup", "<div><p>一<b>二</p>三</i></div><td>四</table><<>>&;<p"),
        ("unknown elements", "<ucapcontent><custom-tag>一</custom-tag><verylongtagname>二</verylongtagname></ucapcontent>"),
        ("deeper than libxml2's limit", String(repeating: "<div>", count: 300) + "深" + String(repeating: "</div>", count: 300)),
        (
            "deep tables stay deep after flattening",
            String(repeating: "<table><tr><td>", count: 100) + "格" + String(repeating: "</td></tr></table>", count: 100)
        ),
    ]

    @Test(arguments: rules.map(\.0))
    func ruleGivesLibxml2sTree(_ name: String) throws {
        let page = try #require(Self.rules.first { $0.0 == name }).1
        try expectSameTree(page, label: name)
    }

    @Test(arguments: [
        "<html><body><div><div><p>一<b>二<i>三</i></b><script>x</script>四</p></div>甲</div></body></html>",
        // Elements added to the root after it closed count their depth from the root.
        "<html><body><p>一</p></body></html><div><div><table><tr><td>深</td></tr></table></div></div>",
    ])
    func readingBelowTheDepthLimitGivesLibxml2sTree(_ page: String) throws {
        for depth in [0, 1, 2, 3, 4] { try expectSameTree(page, maximumDepth: depth, label: "maximum depth \(depth)") }
    }

    @Test(arguments: ["seed-portal.utf8.html", "seed-portal.gbk.html"])
    func sampleGivesLibxml2sTree(_ name: String) throws {
        try expectSameTree(TextDecoder.decode(Paths.bytes(Paths.sample(name))).text, label: name)
    }

    @Test(
        .enabled(if: Paths.corpus != nil, "../shared/corpus is absent on this machine: corpus pages not compared"))
    func corpusPagesGiveLibxml2sTree() throws {
        let folder = try #require(Paths.corpus) + "/html"
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            try expectSameTree(TextDecoder.decode(Paths.bytes(folder + "/" + name)).text, label: name)
        }
    }

    // MARK: - Comparison

    private func expectSameTree(
        _ page: String, maximumDepth: Int = ReaderLimits.defaultMaximumDepth, label: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let built = try HTMLParser.parse(page, maximumDepth: maximumDepth)
        let copied = try DOMOracle.parse(page, maximumDepth: maximumDepth)
        // Nodes first, then where each subtree ends (a wrong end on the root would otherwise
        // hide which node went astray), then the diagnostics.
        let builtLines =
            Self.describe(built.tree) + built.tree.records.map { "end \($0.subtreeEnd)" } + built.diagnostics.map(Self.describe)
        let copiedLines =
            Self.describe(copied.tree) + copied.tree.records.map { "end \($0.subtreeEnd)" } + copied.diagnostics.map(Self.describe)
        guard builtLines != copiedLines else { return }
        let at =
            zip(builtLines, copiedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(builtLines.count, copiedLines.count)
        let fromEvents = at < builtLines.count ? builtLines[at] : "(end)"
        let fromTree = at < copiedLines.count ? copiedLines[at] : "(end)"
        Issue.record("\(label): line \(at) differs\n  events: \(fromEvents)\n  libxml2 tree: \(fromTree)", sourceLocation: sourceLocation)
    }

    /// One line per node: where it is, what it is, what it holds.
    static func describe(_ tree: HTMLTree) -> [String] {
        tree.records.indices.map { index in
            let record = tree.records[index]
            let links = "parent \(record.parent) first \(record.firstChild) next \(record.nextSibling)"
            if record.tag == .text {
                return "\(index) text \(links): \(String(decoding: tree.textBytes(index), as: UTF8.self).debugDescription)"
            }
            let attributes = tree.attributes[Int(record.start)..<Int(record.end)].map { attribute in
                "\(attribute.name)=\(String(decoding: tree.text[Int(attribute.start)..<Int(attribute.end)], as: UTF8.self))"
            }
            // libxml2's tree keeps lines up to 65,534; the events carry them all.
            let line = record.line < 65_535 ? "line \(record.line)" : "line ≥ 65535"
            return "\(index) <\(tree.name(of: record.tag))>[\(record.siblingIndex)] \(links) \(line) \(attributes)"
        } + ["extra names: \(tree.extraNames)"]
    }

    static func describe(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.severity) \(diagnostic.code) line \(diagnostic.line.map(String.init) ?? "-"): \(diagnostic.message)"
    }
}

/// The way pages were read before `TreeBuilder`: libxml2 builds its tree (`htmlReadMemory`),
/// which is copied node by node into an `HTMLTree` and freed. Kept as the reference the
/// builder is compared with.
enum DOMOracle {
    /// Through `HTMLParser`'s own retry for pages deeper than libxml2's limit.
    static func parse(_ text: String, maximumDepth: Int) throws -> (tree: HTMLTree, diagnostics: [Diagnostic]) {
        try HTMLParser.parse(text) { text throws(HTMLParseError) in try parseOnce(text, maximumDepth: maximumDepth) }
    }

    private static func parseOnce(
        _ text: String, maximumDepth: Int
    ) throws(HTMLParseError) -> (tree: HTMLTree, diagnostics: [Diagnostic]) {
        let utf8 = text.isEmpty ? Array("<html></html>".utf8) : Array(text.utf8)
        let (copied, diagnostics) = HTMLParser.collectingErrors { _ -> Copier? in
            let document: htmlDocPtr? = utf8.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                    htmlReadMemory(pointer, Int32(clamping: buffer.count), nil, "UTF-8", HTMLParser.options)
                }
            }
            guard let document else { return nil }
            defer { xmlFreeDoc(document) }
            guard let root = xmlDocGetRootElement(document) else { return nil }
            var copier = Copier(maximumDepth: maximumDepth)
            copier.element(root, tagCode: copier.code(of: root), parent: -1, depth: 0)
            copier.numberSiblings()
            return copier
        }
        guard let copied else { throw .noDocument }
        return (copied.tree, diagnostics + (copied.flattened ? [HTMLParser.depthLimitDiagnostic(maximumDepth)] : []))
    }

    private struct Copier {
        let maximumDepth: Int
        var tree = HTMLTree()
        var flattened = false
        private static let skippedCodes: Set<UInt16> = Set(Tag.skippedNames.map { Tag.codes[$0]! })

        init(maximumDepth: Int) { self.maximumDepth = maximumDepth }

        @discardableResult
        mutating func element(_ node: xmlNodePtr, tagCode: UInt16, parent: Int32, depth: Int) -> Int32 {
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
                    link(text(Array(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))), parent: index), &tree.records)
                case XML_ELEMENT_NODE:
                    let childCode = code(of: current)
                    if Self.skippedCodes.contains(childCode) { continue }
                    if depth >= maximumDepth {
                        flattened = true
                        let content = xmlNodeGetContent(current)
                        defer { clibxml2_free(content) }
                        let bytes = content.map { Array(UnsafeBufferPointer(start: $0, count: Int(xmlStrlen($0)))) } ?? []
                        link(text(bytes, parent: index), &tree.records)
                    } else {
                        link(element(current, tagCode: childCode, parent: index, depth: depth + 1), &tree.records)
                    }
                default:
                    continue
                }
            }
            tree.records[Int(index)].subtreeEnd = Int32(tree.records.count)
            return index
        }

        private mutating func text(_ bytes: [UInt8], parent: Int32) -> Int32 {
            let index = Int32(tree.records.count)
            let start = Int32(tree.text.count)
            tree.text.append(contentsOf: bytes)
            tree.records.append(
                HTMLTree.Record(tag: .text, parent: parent, subtreeEnd: index + 1, line: 0, start: start, end: Int32(tree.text.count)))
            return index
        }

        private mutating func copyAttributes(of node: xmlNodePtr) {
            var attribute = node.pointee.properties
            while let current = attribute {
                defer { attribute = current.pointee.next }
                guard let namePointer = current.pointee.name,
                    let name = AttributeName.byName[String(cString: namePointer).lowercased()]
                else { continue }
                let start = Int32(tree.text.count)
                let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self))
                defer { clibxml2_free(value) }
                if let value { tree.text.append(contentsOf: UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value)))) }
                tree.attributes.append((name, start, Int32(tree.text.count)))
            }
        }

        mutating func code(of node: xmlNodePtr) -> UInt16 {
            let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
            if let code = Tag.codes[name] { return code }
            if let index = tree.extraNames.firstIndex(of: name) { return UInt16(Tag.known.count + index) }
            tree.extraNames.append(name)
            return UInt16(Tag.known.count + tree.extraNames.count - 1)
        }

        mutating func numberSiblings() {
            for parent in tree.records.indices where tree.records[parent].tag != .text {
                var seen: [UInt16: Int32] = [:]
                var child = tree.records[parent].firstChild
                while child >= 0 {
                    let tag = tree.records[Int(child)].tag
                    if tag != .text {
                        seen[tag.code, default: 0] += 1
                        tree.records[Int(child)].siblingIndex = seen[tag.code]!
                    }
                    child = tree.records[Int(child)].nextSibling
                }
            }
            if !tree.records.isEmpty { tree.records[0].siblingIndex = 1 }
        }
    }
}
