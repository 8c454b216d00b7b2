import Testing

@testable import GongwenCore

struct TextBlockReaderTests {
    @Test func linesKeepPrintedTextAndRightAlignment() {
        let blocks = TextBlockReader.read("标题\r\n\r\n    正文第一段。\r\n                              蜀山区人民政府办公室\r\n")
        #expect(blocks.map(\.text) == ["标题", "正文第一段。", "蜀山区人民政府办公室"])
        #expect(blocks.map(\.alignment) == [.natural, .natural, .right])
        #expect(blocks.map(\.source.line) == [1, 3, 4])
    }

    @Test func loneCarriageReturnsSplitLines() {
        #expect(TextBlockReader.lines(of: "a\rb\r\nc\nd") == ["a", "b", "c", "d"])
    }

    /// The seed's layout: one cell per line, a blank task header that leaves no line.
    @Test func flattenedTableIsRebuilt() throws {
        let text = """
            附件1

            任务分工

            序号

            \u{00A0}\u{00A0}

            责任单位

            时限要求

            1

            加强政策解读。

            区财政局牵头落实

            全年

            2

            公开财政收支。

            区统计局

            9月底前

            附件2
            """
        let blocks = TextBlockReader.read(text)
        let table = try #require(blocks.first { $0.kind == .table }?.table)
        #expect(
            table.rows.map { $0.map(\.text) } == [
                ["序号", "", "责任单位", "时限要求"],
                ["1", "加强政策解读。", "区财政局牵头落实", "全年"],
                ["2", "公开财政收支。", "区统计局", "9月底前"],
            ])
        #expect(blocks.last?.text == "附件2")
        #expect(table.rows[2][3].source.line == 27)
    }

    @Test func flattenedTableTaskOfSeveralParagraphs() throws {
        let text = "序号\n工作任务\n责任单位\n完成时限\n1\n第一段。\n第二段。\n区财政局\n6月底前\n2\n任务二。\n区审计局\n全年\n"
        let table = try #require(TextBlockReader.read(text).first?.table)
        #expect(table.rows[1].map(\.text) == ["1", "第一段。\n第二段。", "区财政局", "6月底前"])
        #expect(table.rows.count == 3)
    }

    @Test func flattenedCategoryRowsStayRows() throws {
        let text = "序号\n重点任务\n牵头单位\n1\n任务一。\n区财政局\n二、深化改革\n2\n任务二。\n区审计局\n"
        let table = try #require(TextBlockReader.read(text).first?.table)
        #expect(table.rows.map { $0[0].text } == ["序号", "1", "二、深化改革", "2"])
    }

    /// A browser copy: tab-separated cells.
    @Test func tabSeparatedLinesBecomeATable() throws {
        let text = "序号\t工作任务\t责任单位\t完成时限\n1\t完善制度。\t区司法局\t6月底前\n2\t开展检查。\t区审计局\t全年\n"
        let blocks = TextBlockReader.read(text)
        #expect(blocks.count == 1)
        let table = try #require(blocks.first?.table)
        #expect(table.rows.count == 3)
        #expect(table.rows[2][2].text == "区审计局")
    }

    @Test func aSingleTabbedLineIsJustALine() {
        let blocks = TextBlockReader.read("发布时间：2017-11-24\t来源：区政府办\n")
        #expect(blocks.map(\.kind) == [.line])
    }

    /// The flattened-table reader passes lines without 序 or 编 before classifying them: every
    /// number header word must hold one.
    @Test func everyNumberHeaderWordHoldsXuOrBian() {
        for rule in ColumnRole.rules where rule.role == .number {
            #expect(rule.word.contains("序") || rule.word.contains("编"), "\(rule.word)")
        }
    }
}
