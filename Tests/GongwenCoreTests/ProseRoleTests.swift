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

    /// A request may name offices that start like no level of government when the
    /// preposition of a request follows them (`请X于…前将…`); `请认真组织` still names nobody.
    @Test func aRequestNamesOfficesByTheirOwnNames() throws {
        let task = try #require(tasks("（四）加强信息报送。请行管处、产业处、旅游执法支队于6月15日前将进展情况报送委安办。\n").first)
        #expect(task.units(.responsible) == ["行管处", "产业处", "旅游执法支队"])
        #expect(tasks("（五）加强领导。请认真组织于6月15日前将情况报送委安办。\n").first?.units.isEmpty ?? true)
    }

    /// A connective opening a clause (`即`, `其中`, `同时`) is no part of the unit after it.
    @Test func aConnectiveBeforeTheSubjectIsNoPartOfTheName() throws {
        let task = try #require(
            tasks("（一）明确任务。各县（区）政府要把任务下达给各相关部门，即公路部门负责道路绿化，林业部门负责山地绿化。\n").first)
        #expect(task.units(.responsible).prefix(2) == ["公路部门", "林业部门"])
        let lead = try #require(tasks("（二）加强协调。其中市财政局牵头，市审计局配合，9月底前完成。\n").first)
        #expect(lead.units(.lead) == ["市财政局"])
    }

    /// `请X…` names X responsible for what follows, whatever the verb; 请 inside another verb
    /// (`申请`, `提请`, `请示`) and a request to no unit name nobody.
    @Test func aRequestNamesTheUnitResponsible() throws {
        let reply = tasks(
            """
            （一）辽宁核电站项目已列入规划，请你省继续保护好厂址资源。
            （二）对黄金建设项目实行贷款政策。请中国人民银行加快方案的研究。
            （三）水淹区问题。请你省有关部门指导广安市按《汇报》的意见办理。
            （四）自查表请各县（区）专治办收齐后，于7月20日之前统一报送。
            （五）发现重大隐患应提请区管委会挂牌督办，符合条件的可申请补助。
            （六）以上意见请认真贯彻执行。

            """)
        #expect(reply.map { $0.units(.responsible) } == [["你省"], ["中国人民银行"], ["你省有关部门"], ["各县（区）专治办"]])
        // `请X会同Y`: 会同 gives the roles.
        let joint = try #require(tasks("（三）具体请你局会同市财政局按有关规定程序办理。\n").first)
        #expect(joint.units(.lead) == ["你局"])
        #expect(joint.units(.support) == ["市财政局"])
        #expect(joint.units(.responsible).isEmpty)
    }

    /// A role phrase inside an attribute of a document title describes the document, and a unit
    /// naming whose people acted is no subject: neither assigns anything.
    @Test func describedWorkAssignsNothing() {
        #expect(tasks("（一）关于退耕问题。发展改革委会同西部开发办上报的《请示》已经国务院批准。\n").isEmpty)
        let task = tasks("（二）关于水淹区问题。国务院领导同志已批示同意。请你省有关部门抓紧办理。\n").first
        #expect(task?.units.map(\.name) == ["你省有关部门"])
        // In a task, a clause that reports work done obliges its subject to nothing.
        let reply = tasks("（三）关于监测问题。请你省加强监测。水利部会同有关部门研究提出了办理意见。\n").first
        #expect(reply?.units.map(\.name) == ["你省"])
    }

    @Test func bareSubjectsAloneMakeNoTask() {
        #expect(tasks("（一）加强领导。各有关部门要高度重视，认真落实。\n").isEmpty)
    }
}
