import Testing

@testable import GongwenCore

struct OutlineBuilderTests {
    private func outline(_ text: String) -> OutlineBuilder.Result {
        OutlineBuilder().build(TextBlockReader.read(text), mainTitle: "通知")
    }

    private func shape(_ sections: [Section], depth: Int = 0) -> [String] {
        sections.flatMap { section in
            [String(repeating: " ", count: depth) + (section.marker?.printed ?? "")] + shape(section.children, depth: depth + 1)
        }
    }

    @Test func standardLevelsNest() {
        let result = outline("一、总体要求\n（一）指导思想。\n（二）基本原则。\n1.依法。\n2.公开。\n二、主要任务\n（一）任务。\n")
        #expect(shape(result.parts[0].sections) == ["一、", " （一）", " （二）", "  1.", "  2.", "二、", " （一）"])
    }

    /// Numbers past 999 are markers where a list reaches them; a year opening a line is not.
    @Test func numbersPast999ContinueTheirList() {
        let lines = (998...1001).map { "\($0).开展第\($0)项检查。" }.joined(separator: "\n")
        let long = outline("1.开始。\n" + lines + "\n2017.年度工作回顾。\n")
        #expect(shape(long.parts[0].sections) == ["1.", "998.", "999.", "1000.", "1001."])
        #expect(long.parts[0].sections.last?.text.contains("2017.年度工作回顾") == true)
        #expect(shape(outline("2017.年度工作回顾。\n1.开展检查。\n").parts[0].sections) == ["1."])
    }

    /// `附件：` alone, then numbered titles (one broken over two lines): the list of the
    /// attachments, not an attachment; the real one opens at `附件1`. A bare `附件` opens one.
    @Test func anAttachmentListOnLinesOfItsOwnIsNoAttachment() {
        let result = outline(
            "一、加强领导。\n附件：\n1.莆田市\n2020年春节前小城建项目表（第一批）\n2.项目进度报表\n莆田市人民政府办公室\n"
                + "附件1\n城建项目表\n一、道路改造。\n")
        #expect(result.parts.map(\.attachmentNumber) == [0, 1])
        #expect(shape(result.parts[0].sections) == ["一、"])
        #expect(shape(result.parts[1].sections) == ["一、"])
        #expect(outline("一、加强领导。\n附件\n城建项目表\n一、道路改造。\n").parts.map(\.attachmentNumber) == [0, 1])
    }

    @Test func skippedLevelsStillNest() {
        let result = outline("一、第一部分\n1.第一项。\n2.第二项。\n二、第二部分\n1.第一项。\n")
        #expect(shape(result.parts[0].sections) == ["一、", " 1.", " 2.", "二、", " 1."])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func attachmentsArePartsWithTitlesAndRestartNumbering() {
        let result = outline("一、正文。\n附件1\n任务分工方案\n1.任务一。\n附件 2\n第二个附件的标题\n1.任务。\n")
        #expect(result.parts.map(\.attachmentNumber) == [0, 1, 2])
        #expect(result.parts.map(\.title) == ["通知", "任务分工方案", "第二个附件的标题"])
        #expect(shape(result.parts[1].sections) == ["1."])
    }

    @Test func attachmentListIsNotOutline() {
        let result = outline("一、正文。\n附件：1.第一个附件\n2.第二个附件\n")
        #expect(shape(result.parts[0].sections) == ["一、"])
    }

    @Test func headingCarriesItsFirstSentence() throws {
        let result = outline("一、全面深入推进政务公开，推动政务阳光透明。认真落实要求。\n")
        let section = try #require(result.parts[0].sections.first)
        #expect(section.title == "全面深入推进政务公开，推动政务阳光透明")
        #expect(section.text == "全面深入推进政务公开，推动政务阳光透明。认真落实要求。")
    }

    @Test func gapsInNumberingAreDiagnosed() {
        let result = outline("一、甲。\n三、丙。\n")
        #expect(result.diagnostics.map(\.code) == ["numbering-gap"])
    }

    @Test func continuationStopsAtSignaturesAndUnitLabels() throws {
        let result = outline("一、任务。\n继续说明本项任务的内容。\n区财政局：负责资金保障。\n")
        #expect(result.sections.first?.text == "任务。\n继续说明本项任务的内容。")
    }

    @Test func regulationsUseChaptersAndArticles() {
        let result = outline("第一章 总则\n第一条 为了规范。\n第二条 适用范围。\n第二章 职责\n第三条 分工。\n")
        #expect(shape(result.parts[0].sections) == ["第一章", " 第一条", " 第二条", "第二章", " 第三条"])
    }
}

/// Numbered lines that are only labelled fields belong to the item above.
struct FieldChildrenTests {
    @Test func fieldChildrenFoldIntoTheirParent() throws {
        let notice = NoticeAnalyzer.analyze(
            TextBlockReader.read(
                """
                关于开展2011年春季行动的方案
                （四）督导检查
                1．督导内容：重点督查组织动员、责任落实情况。
                2．督查时间：3月20-31日之间。
                （五）总结评比
                1.各县区开展自查。
                2.市里组织抽查。
                """))
        let sections = notice.parts[0].sections
        #expect(sections.map { $0.children.count } == [0, 2])
        let task = try #require(notice.tasks.first)
        #expect(task.number == "（四）")
        #expect(task.deadline?.raw == "3月20-31日之间")
        #expect(task.deadline?.due?.description == "2011-03-31")
    }

    @Test func fieldLines() {
        #expect(OutlineBuilder.isFieldLine("督导内容：重点督查"))
        #expect(!OutlineBuilder.isFieldLine("各县区开展自查。"))
        #expect(!OutlineBuilder.isFieldLine("区财政局牵头负责资金保障工作的：落实"))
    }
}
