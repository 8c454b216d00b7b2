import Testing

@testable import GongwenCore

struct TaskTableReaderTests {
    private func table(_ rows: [[String]], copies: Set<[Int]> = []) -> Table {
        Table(
            rows: rows.enumerated().map { r, row in
                row.enumerated().map { c, text in
                    TableCell(text, isSpanCopy: copies.contains([r, c]), source: SourceLocation(line: r + 1, row: r + 1, column: c + 1))
                }
            })
    }

    private func read(_ table: Table) -> [WorkTask] {
        TaskTableReader(workYear: 2023).read(table, sectionPath: ["附件"]).tasks
    }

    @Test func leadAndSupportColumns() throws {
        let tasks = read(
            table([
                ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
                ["1", "完善制度。", "市司法局", "市财政局、市人社局", "2023年6月底前"],
            ]))
        let task = try #require(tasks.first)
        #expect(task.units(.lead) == ["市司法局"])
        #expect(task.units(.support) == ["市财政局", "市人社局"])
        #expect(task.deadline?.due?.description == "2023-06-30")
        #expect(task.number == "1")
        #expect(task.layout == .table)
    }

    @Test func headersSpelledWithSpacesAndRepeatedHeaderRows() {
        let tasks = read(
            table([
                ["序 号", "工 作 任 务", "责 任 单 位", "时 间 节 点"],
                ["1", "任务一。", "市教育局", "全年"],
                ["序 号", "工 作 任 务", "责 任 单 位", "时 间 节 点"],
                ["2", "任务二。", "市卫健委", "持续推进"],
            ]))
        #expect(tasks.map(\.number) == ["1", "2"])
        #expect(tasks.map { $0.units(.responsible) } == [["市教育局"], ["市卫健委"]])
    }

    @Test func categoryRowsAndSpanningCategoryCells() {
        let tasks = read(
            table(
                [
                    ["序号", "类别", "工作任务", "责任单位"],
                    ["一、深化改革", "一、深化改革", "一、深化改革", "一、深化改革"],
                    ["1", "制度", "任务一。", "市发改委"],
                    ["2", "制度", "任务二。", "市财政局"],
                ], copies: [[1, 1], [1, 2], [1, 3], [3, 1]]))
        #expect(tasks.count == 2)
        #expect(tasks.allSatisfy { $0.sectionPath == ["附件", "一、深化改革"] })
    }

    /// `配合/责任单位`: support where the row has a lead, responsible where the lead is blank.
    @Test func supportOrResponsibleColumn() {
        let tasks = read(
            table([
                ["序号", "工作任务", "牵头单位", "配合/责任单位"],
                ["1", "任务一。", "市商务局", "市财政局"],
                ["2", "任务二。", "", "市财政局"],
            ]))
        #expect(tasks[0].units(.support) == ["市财政局"])
        #expect(tasks[1].units(.responsible) == ["市财政局"])
    }

    @Test func blankTaskHeaderIsTheTaskColumn() {
        let tasks = read(table([["序号", "", "责任单位", "时限要求"], ["1", "任务。", "区财政局牵头落实", "全年"]]))
        #expect(tasks.first?.text == "任务。")
        #expect(tasks.first?.units(.lead) == ["区财政局"])
    }

    @Test func tablesWithoutUnitOrDeadlineColumnsAreNotTaskTables() {
        let result = TaskTableReader(workYear: 2023).read(
            table([["序号", "项目", "金额"], ["1", "道路", "100"]]), sectionPath: [])
        #expect(!result.isTaskTable)
        #expect(result.tasks.isEmpty)
    }

    @Test func openListAndUnreadableDeadlineAreDiagnosed() {
        let result = TaskTableReader(workYear: 2023).read(
            table([["序号", "工作任务", "责任单位", "完成时限"], ["1", "任务。", "市财政局等", "另行通知"]]), sectionPath: [])
        #expect(result.diagnostics.map(\.code).sorted() == ["deadline-not-normalised", "open-unit-list"])
    }
}
