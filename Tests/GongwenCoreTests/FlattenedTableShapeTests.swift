import Testing

@testable import GongwenCore

/// Task tables flattened into text in the shapes DOMAIN.md §5 lists, each written for these
/// tests: every shape must give the same tasks as the table it came from.
struct FlattenedTableShapeTests {
    private func tasks(_ body: String) -> [(number: String?, units: [String], deadline: String?)] {
        let text = "关于印发2020年重点工作分工方案的通知\n附件\n重点任务分工表\n" + body
        return NoticeAnalyzer.analyze(TextBlockReader.read(text)).tasks.map {
            ($0.number, $0.units.map { "\($0.name)/\($0.role.rawValue)" }, $0.deadline?.due?.description)
        }
    }

    private static let expected: [(number: String?, units: [String], deadline: String?)] = [
        ("1", ["区财政局/responsible"], "2020-09-30"), ("2", ["区统计局/responsible", "区审计局/responsible"], "2020-12-31"),
    ]

    private func expectTheTwoTasks(_ body: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let found = tasks(body)
        #expect(found.map(\.number) == Self.expected.map(\.number), sourceLocation: sourceLocation)
        #expect(found.map(\.units) == Self.expected.map(\.units), sourceLocation: sourceLocation)
        #expect(found.map(\.deadline) == Self.expected.map(\.deadline), sourceLocation: sourceLocation)
    }

    @Test func rowsOnOneLineSeparatedBySpaces() {
        expectTheTwoTasks("序号 工作任务 责任单位 完成时限\n1 加强政策解读，做好宣传 区财政局 9月底前\n2 公开财政收支 区统计局、区审计局 12月底前\n")
    }

    @Test func rowsOnOneLineSeparatedBySlashes() {
        expectTheTwoTasks("序号／工作任务／责任单位／完成时限\n1／加强政策解读，做好宣传／区财政局／9月底前\n2／公开财政收支／区统计局、区审计局／12月底前\n")
    }

    @Test func numberAndTaskOnOneLineCellsBelow() {
        expectTheTwoTasks("序号 工作任务 责任单位 完成时限\n1 加强政策解读，做好宣传\n区财政局\n9月底前\n2 公开财政收支\n区统计局、区审计局\n12月底前\n")
    }

    @Test func oneCellPerLineWithoutBlankLines() {
        expectTheTwoTasks("序号\n工作任务\n责任单位\n完成时限\n1\n加强政策解读，做好宣传。\n区财政局\n9月底前\n2\n公开财政收支。\n区统计局、区审计局\n12月底前\n")
    }

    /// No number column: the rows are the numbered lines, a line numbered in another style
    /// before them is their category, and a row without unit cells shares the row above's.
    @Test func headerWithoutNumberAndMergedUnitCells() {
        let found = tasks("公开内容\n牵头单位\n责任单位\n（一）脱贫攻坚领域\n1.公开扶贫政策。\n市农业局\n各县区政府\n2.公开扶贫资金项目。\n")
        #expect(found.map(\.number) == ["1.", "2."])
        #expect(found.map(\.units) == [["市农业局/lead", "各县区政府/responsible"], ["市农业局/lead", "各县区政府/responsible"]])
    }

    /// The last row keeps its unit lines even when the row before it had fewer lines; a date
    /// after them would make them a signature.
    @Test func theLastRowKeepsItsUnitLines() {
        let body = "公开内容\n牵头单位\n责任单位\n（一）脱贫攻坚领域\n1.公开扶贫政策。\n市农业局\n（二）公共文化领域\n推进公共文化服务信息公开。\n市文广局、市体育局\n各县区政府\n"
        #expect(tasks(body).last?.units == ["市文广局/lead", "市体育局/lead", "各县区政府/responsible"])
    }

    /// A category row's deadline and units reach the rows under it; a row's own wins.
    @Test func aCategoryRowStatesForItsRows() {
        let found = tasks(
            "序号 工作任务 责任单位 完成时限\n一、一季度前完成以下工作\n1 加强政策解读 区财政局\n2 公开财政收支 区统计局 9月底前\n二、以下工作由区政务办牵头\n3 推进信息公开 年底前\n")
        #expect(found.map(\.deadline) == ["2020-03-31", "2020-09-30", "2020-12-31"])
        #expect(found.last?.units == ["区政务办/lead"])
    }

    /// A heading line that only contains header words is no header: a paragraph stays a paragraph.
    @Test func labelledLinesAreNoHeader() {
        let blocks = TextBlockReader.read("完成时限：贯穿全过程\n五、保障措施\n（一）加强组织领导。\n")
        #expect(blocks.allSatisfy { $0.kind == .line })
    }
}

/// A section's sentence that names its scope (`以下各项工作…`, `以下任务由X牵头`) states for the
/// items under it; a section heading's span does not (DOMAIN.md §5, GOLD.md).
struct ProseGroupStatementTests {
    private func tasks(_ body: String) -> [WorkTask] {
        NoticeAnalyzer.analyze(TextBlockReader.read("关于印发2019年重点工作的通知\n" + body)).tasks
    }

    @Test func itemsTakeWhatTheirSectionStatesForThem() {
        let found = tasks(
            "一、以下各项工作于年底前完成\n（一）推进改革。全面清理证明事项。\n（二）强化监管。区市场监管局牵头，9月底前开展检查。\n二、以下任务由区财政局牵头\n（一）完善资金管理。\n（二）加强审计。区审计局负责。\n")
        #expect(found.map { $0.deadline?.due?.description } == ["2019-12-31", "2019-09-30", nil, nil])
        #expect(found.map { $0.units.map(\.name) } == [[], ["区市场监管局"], ["区财政局"], ["区审计局"]])
    }

    @Test func aHeadingSpanStaysWithItsSection() {
        let found = tasks("二、集中攻坚阶段（2019年5月—8月）\n（一）全面排查。各镇开展排查。\n（二）集中整治。区城管局负责。\n")
        #expect(found.map(\.number) == ["（二）"])
        #expect(found.first?.deadline == nil)
    }

    @Test func theStatementIsClaimedByItsItems() {
        let notice = NoticeAnalyzer.analyze(
            TextBlockReader.read("关于印发2019年重点工作的通知\n一、以下各项工作于年底前完成\n（一）推进改革。全面清理证明事项。\n"), accountingCues: true)
        #expect(notice.cues.first { $0.text == "年底前" }?.status == .claimed(task: 0))
    }
}
