import Testing

@testable import GongwenCore

/// Role phrases in prose with their objects, and the bare subjects of a task's sentences.
struct ProseRoleTests {
    private func tasks(_ text: String) -> [WorkTask] {
        NoticeAnalyzer.analyze(TextBlockReader.read("关于推行2019年联合监管的意见\n" + text)).tasks
    }

    @Test func huitongTakesTheNamesBeforeTheAction() throws {
        let task = try #require(tasks("（二）实行清单管理。市场监管总局要会同有关部门制定联合抽查事项清单。\n").first)
        #expect(task.units(.lead) == ["市场监管总局"])
        #expect(task.units(.support) == ["有关部门"])
    }

    @Test func bareSubjectsOfATaskAreResponsible() throws {
        let task = try #require(
            tasks("（二）实行清单管理。各有关部门要建立本部门清单。市场监管总局要会同有关部门制定标准。各省（区、市）人民政府要统筹建立清单。各地可以探索创新。\n").first)
        #expect(task.units(.responsible) == ["各有关部门", "各省（区、市）人民政府"])
        #expect(!task.units.contains { $0.name == "各地" })
    }

    @Test func bareSubjectsAloneMakeNoTask() {
        #expect(tasks("（一）加强领导。各有关部门要高度重视，认真落实。\n").isEmpty)
    }
}
