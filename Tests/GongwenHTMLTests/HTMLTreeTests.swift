import Testing

@testable import GongwenHTML

/// The flat tree the HTML readers walk: what is copied out of libxml2 and how it is indexed.
struct HTMLTreeTests {
    private let page = """
        <html><head><title>标题</title><script>var x = "脚本";</script></head>
        <body><div id="Zoom" class="TRS_Editor" onclick="evil()" data-x="1"><p>一、第一段。</p>
        <p style="text-align:center">二、<a href="#">链接</a>第二段。</p><table><tr><td rowspan="2">格</td></tr></table></div>
        <p>页脚</p></body></html>
        """

    @Test func elementsTextAndAttributesAreCopiedInDocumentOrder() throws {
        let tree = try HTMLParser.parse(page).tree
        #expect(tree.tagName(tree.root) == "html")
        let names = tree.subtree(tree.root).compactMap { tree.tagName($0) }
        // Scripts are not copied; everything else is, in document order.
        #expect(names == ["html", "head", "title", "body", "div", "p", "p", "a", "table", "tr", "td", "p"])
        let div = try #require(tree.subtree(tree.root).first { tree.tagName($0) == "div" })
        // Kept attributes keep their values; event handlers and data-* are dropped.
        #expect(tree.attribute(.id, of: div) == "Zoom")
        #expect(tree.attribute(.class, of: div) == "TRS_Editor")
        #expect(tree.attribute(.style, of: div) == nil)
        #expect(tree.textContent(div).contains("一、第一段。"))
        #expect(!tree.textContent(tree.root).contains("脚本"))
        #expect(tree.hasDescendant(div, tag: .table))
        #expect(tree.line(div) == 2)
    }

    @Test func subtreesAreContiguousAndSiblingsNumberedByTag() throws {
        let tree = try HTMLParser.parse(page).tree
        for node in tree.subtree(tree.root) {
            // Every child lies inside its parent's range, and ranges nest.
            for child in tree.children(node) {
                #expect(tree.parent(child) == node)
                #expect(tree.subtree(node).contains(child))
                #expect(tree.subtree(child).upperBound <= tree.subtree(node).upperBound)
            }
        }
        let body = try #require(tree.children(tree.root).first { tree.tagName($0) == "body" })
        let div = try #require(tree.children(body).first { tree.tagName($0) == "div" })
        let paragraphs = tree.children(div).filter { tree.tagName($0) == "p" }
        #expect(paragraphs.map { tree.siblingIndex($0) } == [1, 2])
        // The footer <p> is the first <p> of body: indices count per parent.
        let footer = try #require(tree.children(body).first { tree.tagName($0) == "p" })
        #expect(tree.siblingIndex(footer) == 1)
        #expect(tree.children(div).contains { tree.isText($0) })
    }

    @Test func contentRegionAndBlocksReadFromTheTree() throws {
        let read = try HTMLPageReader.read(page)
        // A one-column table is layout: its cell is read as a paragraph. The footer is outside.
        #expect(read.blocks.map(\.text) == ["一、第一段。", "二、链接第二段。", "格"])
        #expect(read.blocks.map(\.source.path) == ["div/p[1]", "div/p[2]", "div/table[1]/tr[1]/td[1]"])
        #expect(read.blocks.map(\.alignment) == [.natural, .center, .natural])
        #expect(read.hints.documentTitle == "标题")
    }

    /// The tag constants and the block mask are literals (no lazy initialisation in the
    /// readers' loops); they must stay what their names say.
    @Test func tagConstantsAndBlockMaskMatchTheNames() {
        let constants: [(GongwenHTML.Tag, String)] = [
            (.text, "#text"), (.html, "html"), (.head, "head"), (.body, "body"), (.title, "title"), (.meta, "meta"), (.br, "br"),
            (.a, "a"), (.table, "table"), (.tr, "tr"), (.td, "td"), (.th, "th"), (.thead, "thead"), (.tbody, "tbody"),
            (.tfoot, "tfoot"), (.h1, "h1"), (.h2, "h2"), (.h3, "h3"), (.center, "center"), (.ucapcontent, "ucapcontent"),
        ]
        for (tag, name) in constants { #expect(GongwenHTML.Tag.codes[name] == tag.code, "Tag.\(name)") }
        for (code, name) in GongwenHTML.Tag.known.enumerated() {
            #expect(GongwenHTML.Tag(code: UInt16(code)).isBlock == GongwenHTML.Tag.blockNames.contains(name), "\(name) as a block")
        }
        #expect(Set(GongwenHTML.Tag.known).isSuperset(of: GongwenHTML.Tag.blockNames))
    }

    /// The content locator counts sentence punctuation by searching for lead bytes; it must
    /// count what a scalar-by-scalar count counts.
    @Test func punctuationCountMatchesAScalarCount() {
        let marks: Set<Unicode.Scalar> = ["，", "。", "；", "：", "、", "（", "）"]
        let texts = [
            "", "。", "a。", "一、二，三；四：五（六）七。", "ＡＢ！？“”《》—…〔〕【】", "，，，", "结尾。", String(repeating: "各单位，请于9月底前报送。", count: 20),
        ]
        for text in texts {
            let expected = Int32(text.unicodeScalars.filter { marks.contains($0) }.count)
            #expect(ContentLocator.countPunctuation(ArraySlice(text.utf8)) == expected, "\(text)")
        }
    }
}
