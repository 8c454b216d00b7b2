import Testing

@testable import GongwenCore

struct ItemTaskReaderTests {
    private func tasks(_ text: String, workYear: Int = 2023) -> [WorkTask] {
        NoticeAnalyzer.analyze(TextBlockReader.read("关于做好2023年工作的通知\n" + text)).tasks
    }

    @Test func labelledClauseInBrackets() throws {
        let task = try #require(tasks("1.加强统筹。（牵头单位：市发改委；配合单位：市财政局、市人社局；完成时限：2023年12月底前）\n").first)
        #expect(task.units(.lead) == ["市发改委"])
        #expect(task.units(.support) == ["市财政局", "市人社局"])
        #expect(task.deadline?.raw == "2023年12月底前")
        #expect(task.deadline?.due?.description == "2023-12-31")
        #expect(task.text == "加强统筹。")
        #expect(task.layout == .inlineClause)
        #expect(task.number == "1.")
    }

    /// People in a bracketed aside are no units: a leader's stand-in (`暂由其他领导负责`).
    @Test func peopleInABracketAreNoUnits() {
        #expect(tasks("二、副主任周青松：负责指导宣传领域的安全生产工作（学习期间，其分管领域的工作，暂由其他领导负责）。\n").isEmpty)
    }

    @Test func labelsWithoutBrackets() throws {
        let task = try #require(tasks("（一）完善机制。责任单位：区司法局。完成时间：6月底前\n").first)
        #expect(task.units(.responsible) == ["区司法局"])
        #expect(task.deadline?.due?.description == "2023-06-30")
    }

    @Test func rolePhrasesInSentences() throws {
        let task = try #require(tasks("2.建立台账，市商务局牵头，市财政局配合。\n").first)
        #expect(task.units(.lead) == ["市商务局"])
        #expect(task.units(.support) == ["市财政局"])
        #expect(task.layout == .sentence)
        let second = try #require(tasks("3.由区政府办负责，将本方案纳入督查范围。\n").first)
        #expect(second.units(.responsible) == ["区政府办"])
    }

    @Test func bareSubjectsAndManagementPhrasesAreNotTasks() {
        #expect(tasks("1.各单位要高度重视，主要负责同志亲自抓。\n2.按照分级负责、谁主管谁负责的原则开展工作。\n").isEmpty)
    }

    @Test func aimsSectionsAreOutline() {
        #expect(tasks("一、指导思想\n1.市发改委牵头，坚持统筹。\n").isEmpty)
    }

    @Test func proseDeadlineMakesATask() throws {
        let task = try #require(tasks("1.清理规范性文件，9月底前完成。\n").first)
        #expect(task.deadline?.raw == "9月底前")
        #expect(task.units.isEmpty)
    }

    @Test func itemsWithChildrenAreNotTasksThemselves() {
        let found = tasks("一、深化改革（市发改委牵头）\n1.完善制度。（责任单位：市司法局）\n")
        #expect(found.map(\.number) == ["1."])
    }
}
