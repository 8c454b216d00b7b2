import Testing

@testable import GongwenCore

/// Cue accounting: every assignment cue of a body, claimed by a task, rejected by a named rule,
/// or left unclaimed (a blind spot). The fixture is written for these tests: one notice with
/// one cue of each fate.
struct CueAccountantTests {
    static let notice = """
        关于开展2020年专项整治的通知
        各镇人民政府，区直有关单位：
        现将方案印发给你们，请于5月27日前报送联系人。
        一、工作目标
        （一）总体目标。区财政局负责统筹资金。
        二、工作任务
        （一）开展排查。全面排查隐患。（牵头单位：区应急局；配合单位：区公安局；完成时限：9月底前）
        （二）加强宣传。牵头领导：张三。企业负责人要落实宣传责任。
        （三）强化保障。区交通局将会同区财政局做好保障。
        （四）做好衔接。各有关部门要加强指导。
        """

    private func cues() -> [Cue] {
        NoticeAnalyzer.analyze(TextBlockReader.read(Self.notice), accountingCues: true).cues
    }

    private func status(of text: String, _ kind: Cue.Kind) -> Cue.Status? {
        cues().first { $0.kind == kind && $0.text == text }?.status
    }

    @Test func labelsAndDeadlinesOfATaskAreClaimedByIt() {
        #expect(status(of: "牵头单位：", .unitLabel) == .claimed(task: 0))
        #expect(status(of: "配合单位：", .unitLabel) == .claimed(task: 0))
        #expect(status(of: "完成时限：", .deadlineLabel) == .claimed(task: 0))
        #expect(status(of: "9月底前", .deadlinePhrase) == .claimed(task: 0))
    }

    @Test func rulesNameWhyACueAssignsNothing() {
        // The cover letter's date is no numbered item's.
        #expect(status(of: "5月27日前", .deadlinePhrase) == .rejected(.outsideNumberedItems))
        // 区财政局负责 stands in an aims section.
        #expect(status(of: "负责", .rolePhrase) == .rejected(.aimsSection))
        // A person label names people; 负责人 is a person.
        #expect(status(of: "牵头领导：", .personLabel) == .rejected(.personNotUnit))
        #expect(cues().contains { $0.text == "负责" && $0.status == .rejected(.roleWordAsNoun) })
    }

    @Test func aUnitTheReaderDidNotTakeIsABlindSpot() {
        // `区交通局将会同…`: a unit-like word before the role word that no rule reads (将, a
        // plan of the issuer or an order?).
        #expect(status(of: "会同", .rolePhrase) == .unclaimed)
    }

    @Test func cuesKeepTheirLinesAndSections() throws {
        let label = try #require(cues().first { $0.text == "牵头单位：" })
        #expect(label.line == 7)
        #expect(label.sectionPath.last == "（一）开展排查")
        #expect(label.context.contains("区应急局"))
    }

    @Test func nothingIsAccountedUnlessAskedFor() {
        #expect(NoticeAnalyzer.analyze(TextBlockReader.read(Self.notice)).cues.isEmpty)
    }
}
