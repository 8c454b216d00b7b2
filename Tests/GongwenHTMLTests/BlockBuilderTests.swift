import GongwenCore
import Testing

@testable import GongwenHTML

struct BlockBuilderTests {
    private func blocks(_ html: String) throws -> [Block] {
        try HTMLPageReader.read(html).blocks
    }

    @Test func brRunsSplitIntoLines() throws {
        let read = try blocks("<html><body><div class=\"TRS_Editor\">组长：区长，负责全面工作。<br>副组长：副区长，协助组长工作。<br>成员：各部门负责人。</div></body></html>")
        #expect(read.map(\.text) == ["组长：区长，负责全面工作。", "副组长：副区长，协助组长工作。", "成员：各部门负责人。"])
        #expect(read.allSatisfy { $0.kind == .line })
    }

    @Test func sourceFormattingBetweenChineseCharactersIsNotASpace() throws {
        let read = try blocks("<html><body><div id=\"zoom\"><p>区发改局、\n    区财政局负责，落实。</p><p>A  B，C。</p></div></body></html>")
        #expect(read.map(\.text) == ["区发改局、区财政局负责，落实。", "A B，C。"])
    }

    @Test func sourceLineBreaksAreResolvedByTheirNeighbours() throws {
        // A break between CJK characters (U+2E80 and above, four-byte ones included) is the
        // page's source wrapping; next to Latin text, digits or punctuation below U+2E80 it is
        // a space; runs of breaks and spaces become one space.
        let read = try blocks(
            "<html><body><div id=\"zoom\"><p>第一\n\n  部分</p><p>𠀀\n𠀁</p><p>2017\n年</p><p>—\n专项</p><p>A \n \n B</p></div></body></html>")
        #expect(read.map(\.text) == ["第一部分", "𠀀𠀁", "2017 年", "— 专项", "A B"])
    }

    /// A cell whose content is one text node in a chain of shown elements is read without a
    /// block reader of its own; it must read exactly as the block reader reads it.
    @Test func bareTextCellsReadLikeAnyOtherCell() throws {
        let contents = ["区发改局、\n   区财政局", "  A \n B  ", "\u{3000}全年\u{00A0}", " \n ", "第一\r\n部分 2017\n年"]
        for content in contents {
            let cells = [
                "<td>\(content)</td>", "<td class=\"c\">\(content)</td>", "<td><p>\(content)</p></td>",
                "<td style=\"width:30%\"><p class=\"MsoNormal\" align=\"center\"><span lang=\"EN\">\(content)</span></p></td>",
            ]
            let html =
                "<html><body><div id=\"zoom\"><table><tr><td>序号</td><td>甲</td><td>乙</td></tr><tr>"
                + cells.joined() + "</tr></table></div></body></html>"
            let table = try #require(try blocks(html).first { $0.kind == .table }?.table)
            let texts = table.rows[1].map(\.text)
            #expect(Set(texts).count == 1, "\(content.debugDescription): \(texts)")
        }
        // A hidden element in the chain hides the text; a <br> makes two lines.
        let html = """
            <html><body><div id="zoom"><table><tr><td>序号</td><td>甲</td><td>乙</td></tr><tr><td><p style="display: none"><span>隐藏</span></p></td><td><span>一<br>二</span></td><td><p hidden>三</p></td></tr></table></div></body></html>
            """
        let table = try #require(try blocks(html).first { $0.kind == .table }?.table)
        #expect(table.rows[1].map(\.text) == ["", "一\n二", ""])
    }

    @Test func rowspanAndColspanAreResolved() throws {
        let html = """
            <html><body><div class="TRS_Editor"><p>任务如下，请落实。</p>
            <table><tr><td>序号</td><td>工作任务</td><td>责任单位</td><td>完成时限</td></tr>
            <tr><td>1</td><td>任务一。</td><td rowspan="2">区财政局</td><td>全年</td></tr>
            <tr><td>2</td><td>任务二。</td><td>6月底前</td></tr>
            <tr><td colspan="4">二、保障措施</td></tr></table></div></body></html>
            """
        let table = try #require(try blocks(html).first { $0.kind == .table }?.table)
        #expect(
            table.rows.map { $0.map(\.text) } == [
                ["序号", "工作任务", "责任单位", "完成时限"],
                ["1", "任务一。", "区财政局", "全年"],
                ["2", "任务二。", "区财政局", "6月底前"],
                ["二、保障措施", "二、保障措施", "二、保障措施", "二、保障措施"],
            ])
        #expect(table.rows[2][2].isSpanCopy)
        #expect(!table.rows[1][2].isSpanCopy)
        #expect(table.rows[2][2].source.row == 2)
    }

    @Test func hugeAndBrokenSpansAreClamped() throws {
        let html = """
            <html><body><table><tr><td rowspan="100000">甲</td><td colspan="1000000000">乙</td></tr>
            <tr><td rowspan="-3">丙</td><td colspan="x">丁</td></tr></table></body></html>
            """
        let table = try #require(try blocks(html).first { $0.kind == .table }?.table)
        #expect(table.rows.count == 2)
        #expect(table.columnCount <= BlockBuilder.maximumColumnSpan + 2)
        #expect(table.rows[1][0].text == "甲")
    }

    @Test func hiddenElementsScriptsAndStylesAreDropped() throws {
        let read = try blocks(
            "<html><body><div id=\"zoom\"><script>var a='，。';</script><style>p{}</style><p style=\"display: none\">隐藏。</p><p>正文，内容。</p></div></body></html>"
        )
        #expect(read.map(\.text) == ["正文，内容。"])
    }

    @Test func layoutTablesAreContainers() throws {
        let html = "<html><body><table><tr><td><table><tr><td>左</td><td>右</td></tr></table><p>正文，一段。</p></td></tr></table></body></html>"
        let read = try HTMLPageReader.read(html).blocks
        #expect(read.contains { $0.text == "正文，一段。" && $0.kind == .paragraph })
    }

    @Test func alignmentComesFromStyleOrAttribute() throws {
        let read = try blocks(
            "<html><body><div id=\"zoom\"><p>正文，一段。</p><p style=\"text-align: right\">某某区人民政府</p><p align=\"center\">标题</p></div></body></html>"
        )
        #expect(read.map(\.alignment) == [.natural, .right, .center])
    }
}
