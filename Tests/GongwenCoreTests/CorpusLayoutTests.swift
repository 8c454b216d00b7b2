import Testing

@testable import GongwenCore

/// Layouts met on real pages, each shown by a small input written for this suite.
struct CorpusLayoutTests {
    private func notice(_ text: String) -> Notice {
        NoticeAnalyzer.analyze(TextBlockReader.read(text))
    }

    /// A page saved with every paragraph break turned into a space, items glued to the
    /// sentence before them.
    @Test func runOnLinesSplitIntoParagraphs() {
        let filler = String(repeating: "加强统筹协调，形成工作合力。", count: 20)
        let line = "关于印发工作方案的通知 各处室：请认真执行。 某某局 2023年9月13日 一、总体要求\(filler) 二、组织形式（一）建立台账。\(filler)（二）开展检查。责任处室：资源处 三、其他1.5亿元资金。"
        let pieces = RunOnSplitter.split(line)
        #expect(pieces.contains("二、组织形式"))
        #expect(pieces.contains("（二）开展检查。责任处室：资源处"))
        #expect(pieces.last == "三、其他1.5亿元资金。")
        #expect(pieces.contains("某某局"))
        #expect(pieces.contains("2023年9月13日"))
    }

    /// `第一阶段（…）` glued after a sentence end opens a stage; `第一时间` inside a sentence does not.
    @Test func runOnStagesSplit() {
        let filler = String(repeating: "加强统筹协调，形成工作合力。", count: 20)
        let line = "六、工作步骤分三个阶段实施。\(filler)第一阶段（8月至9月中旬）。各处室要制定方案，第一时间上报。第二阶段（9月下旬至11月底）。各处室要开展检查。"
        let pieces = RunOnSplitter.split(line)
        #expect(pieces.contains("第一阶段（8月至9月中旬）。各处室要制定方案，第一时间上报。"))
        #expect(pieces.last == "第二阶段（9月下旬至11月底）。各处室要开展检查。")
    }

    /// `思想统一、行动统一` inside a sentence is no marker; a numeral glued to a cell is.
    @Test func numeralsEndingWordsAreNoMarkers() {
        let filler = String(repeating: "加强统筹协调，形成工作合力。", count: 20)
        let pieces = RunOnSplitter.split("一、总体要求\(filler)做到思想统一、行动统一、步调一致。二、重点任务\(filler)")
        #expect(pieces.contains { $0.contains("思想统一、行动统一") })
        #expect(pieces.contains { $0.hasPrefix("二、重点任务") })
        let table = RunOnSplitter.split("\(filler)工作任务牵头单位配合/责任单位一、紧扣开局起好步\(filler)")
        #expect(table.contains { $0.hasPrefix("一、紧扣开局起好步") })
    }

    /// Single-code-point numerals are markers of their style.
    @Test func singleCodePointNumerals() {
        #expect(MarkerReader.read("⒉加强监管")?.marker.style == .arabicDot)
        #expect(MarkerReader.read("⒉加强监管")?.marker.value == 2)
        #expect(MarkerReader.read("⑶完善制度")?.marker.style == .arabicParen)
        #expect(MarkerReader.read("㈡组织实施")?.marker.style == .chineseParen)
        #expect(MarkerReader.read("⒉、加强监管")?.body == "加强监管")
    }

    /// A two-character name spaced out after a label or in a list (`牵头领导:林 彦`) is one name:
    /// the item keeps the fields after it.
    @Test func spacedNamesStayWhole() throws {
        let filler = String(repeating: "加强统筹协调，形成工作合力。", count: 20)
        let text = "关于印发整治方案的通知\n一、整治重点\(filler)（一）人员密集场所。1.商贸场所。牵头领导:林 彦牵头处室:经济发展处责任处室（单位）:辖区各市场监管分局，各村居2.宗教活动场所。牵头领导:周训岚、李 平牵头处室:党群工作处\n"
        let tasks = notice(text).tasks
        #expect(tasks.map(\.number) == ["1.", "2."])
        #expect(tasks.first?.units(.lead) == ["经济发展处"])
    }

    @Test func shortLinesAreNeverSplit() {
        #expect(RunOnSplitter.split("时间：2016-09-22 08:41 微信 微博") == ["时间：2016-09-22 08:41 微信 微博"])
    }

    /// `列第一位者为牵头单位，下同`: the first unit of every list leads, the others support.
    @Test func firstListedUnitLeads() {
        let tasks = notice(
            """
            关于做好2019年工作的意见
            一、加大支持力度。对不裁员的企业给予补贴。（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）
            二、发挥担保作用。提供担保支持。（财政部、工业和信息化部、人民银行负责）
            三、加强监测。（统计局负责）
            """
        ).tasks
        #expect(tasks.map { $0.units(.lead) } == [["人力资源社会保障部"], ["财政部"], ["统计局"]])
        #expect(tasks.map { $0.units(.support) } == [["财政部"], ["工业和信息化部", "人民银行"], []])
    }

    @Test func fieldLabelsAreNotUnitDutyLines() {
        let tasks = notice("关于印发2019年任务的通知\n（一）深入解读政策。围绕重点任务做好解读。\n责任单位：省政府各部门、各设区市人民政府。\n").tasks
        #expect(tasks.first?.units(.responsible) == ["省政府各部门", "各设区市人民政府"])
    }

    /// A saved text page whose archiver wrote a `标题: …` header above the notice.
    @Test func savedHeaderFieldsAreMetadata() {
        let meta = notice("标题: 关于印发2016年任务分解表的通知\n发布时间: 2016-05-30 09:37\n文号: \n正文第一段。\n").metadata
        #expect(meta.title == "关于印发2016年任务分解表的通知")
        #expect(meta.publishedOn?.description == "2016-05-30")
        #expect(meta.disclosure.map(\.key) == ["标题", "发布时间", "文号"])
    }

    /// A policy window (`2019年1月1日至12月31日，对…给予`) is not a deadline.
    @Test func policyWindowsAreNotDeadlines() {
        #expect(DeadlineParser.find(inProse: "2019年1月1日至12月31日，对不裁员的企业返还失业保险费。", workYear: 2019) == nil)
        #expect(DeadlineParser.find(inProse: "到2020年底前完成。", workYear: 2019)?.due?.description == "2020-12-31")
    }

    @Test func openListEndingsOfEveryShape() {
        let units = UnitListParser.parse("人力资源社会保障部、教育部等有关部门和单位", defaultRole: .responsible)
        #expect(units.map(\.name) == ["人力资源社会保障部", "教育部"])
        #expect(units.allSatisfy { $0.fromOpenList })
        #expect(UnitListParser.parse("区平等协会", defaultRole: .responsible).map(\.name) == ["区平等协会"])
    }

    @Test func permissiveSubjectsAreNotUnits() {
        let tasks = notice("关于推进2019年工作的意见\n五、优化布局。鼓励优势企业牵头组建联盟。（工业和信息化部、发展改革委负责）\n").tasks
        #expect(!tasks.flatMap(\.units).contains { $0.name.contains("鼓励") })
    }
}

/// More layouts: bracketed unit clauses, label lines under items, stage markers.
struct ItemLayoutTests {
    private func tasks(_ text: String) -> [WorkTask] {
        NoticeAnalyzer.analyze(TextBlockReader.read("关于印发2016年行动方案的通知\n" + text)).tasks
    }

    @Test func bracketedClauseNamesSectorsAsPrinted() throws {
        let task = try #require(tasks("1.完善防护设施。加强道路建设。（各级政府负责，交通运输、公安等部门及高速公司组织实施）\n").first)
        #expect(task.units(.responsible) == ["各级政府", "交通运输", "公安", "高速公司"])
        #expect(task.units.map(\.fromOpenList) == [false, true, true, true])
    }

    @Test func bracketWithoutRoleWordIsNoClause() {
        #expect(tasks("1.推进“五公开”（以下简称“五公开”）。\n").isEmpty)
    }

    @Test func clausesOfSeveralParagraphsAreOneTask() throws {
        let task = try #require(tasks("（一）强化顶层设计。制定方案。（生态环境部牵头）\n完善政策。（财政部、商务部参与）\n").first)
        #expect(task.units(.lead) == ["生态环境部"])
        #expect(task.units(.support) == ["财政部", "商务部"])
    }

    @Test func shortLabelLinesBelongToTheItemAbove() throws {
        let task = try #require(tasks("1.严厉打击违法犯罪行为。\n牵头单位:辖区内各派出所\n责任单位:政法综治处、辖区内各司法所和派出所\n").first)
        #expect(task.units(.lead) == ["辖区内各派出所"])
        #expect(task.units(.responsible) == ["政法综治处", "辖区内各司法所", "派出所"])
    }

    @Test func stagesAreNumberedItems() throws {
        let task = try #require(tasks("四、实施阶段\n第二阶段:全面摸底排查。由对应的行业领域主管部门牵头，深入一线排查。\n").first)
        #expect(task.number == "第二阶段:")
        #expect(task.units(.lead) == ["对应的行业领域主管部门"])
    }
}

/// Task tables whose cells were flattened with nothing between them.
struct GluedTableTests {
    static let table = """
        关于印发2016年政务公开工作主要任务分解表的通知
        2016年工作主要任务分解表工 作 任 务牵头单位责 任 单 位工 作 要 求
        一、围绕深化改革推进公开
        1.全面公开省级政府工作部门权力清单和责任清单省编办（省审改办）省直各部门，各设区市、平潭综合实验区通过政府门户网站集中展示。
        2.推动市县两级政府工作部门全面公开权力清单
        3.依法公开随机抽查事项清单
        省直各部门，各设区市、平潭综合实验区明确抽查依据，及时公布抽查结果。
        4.加大稳增长、促改革等方面的政策公开力度省发改委省经信委省直各部门，各设区市、平潭综合实验区及时公布政策措施。
        5.推进面向转移落户人员的服务公开省公安厅会同省人社厅、卫计委等相关部门，各设区市及时公开户口迁移政策。
        """

    @Test func gluedHeaderGivesTheColumns() {
        #expect(GluedTableReader.header("2016年工作主要任务分解表工作任务牵头单位责任单位工作要求") == [.task, .lead, .responsible, .task])
        #expect(GluedTableReader.header("工作任务工作要求牵头单位配合/责任单位") == [.task, .task, .lead, .supportOrResponsible])
        #expect(GluedTableReader.header("全面公开权力清单") == nil)
    }

    @Test func rowsAreCutIntoTaskLeadAndResponsible() {
        let tasks = NoticeAnalyzer.analyze(TextBlockReader.read(Self.table)).tasks
        #expect(
            tasks.map(\.text) == [
                "全面公开省级政府工作部门权力清单和责任清单", "推动市县两级政府工作部门全面公开权力清单", "依法公开随机抽查事项清单",
                "加大稳增长、促改革等方面的政策公开力度", "推进面向转移落户人员的服务公开",
            ])
        #expect(tasks[0].units(.lead) == ["省编办（省审改办）"])
        #expect(tasks[0].units(.responsible) == ["省直各部门", "各设区市", "平潭综合实验区"])
        // No unit cells: merged with the row above.
        #expect(tasks[1].units == tasks[0].units)
        #expect(tasks[2].units(.lead).isEmpty)
        #expect(tasks[2].units(.responsible) == ["省直各部门", "各设区市", "平潭综合实验区"])
        #expect(tasks[3].units(.lead) == ["省发改委", "省经信委"])
        #expect(tasks[4].units(.lead) == ["省公安厅"])
        #expect(tasks[4].units(.support) == ["省人社厅", "卫计委"])
        #expect(tasks.allSatisfy { $0.layout == .table })
    }

    @Test func gluedNamesSplitWhereTheNextNameStarts() throws {
        let row = try #require(
            GluedTableReader.read(
                "主动公开规划纲要。通过专栏集中展示。区经济发展局区自然资源与生态环境局 区直有关单位，各乡镇人民政府（街道办事处）",
                columns: [.task, .task, .lead, .supportOrResponsible], workYear: 2021, previous: nil))
        #expect(row.units.map(\.name) == ["区经济发展局", "区自然资源与生态环境局", "区直有关单位", "各乡镇人民政府（街道办事处）"])
        #expect(row.units.map(\.role) == [.lead, .lead, .support, .support])
    }
}

/// Deadlines found outside a deadline column, and cadences of repeated activities.
struct RequirementDeadlineTests {
    @Test func requirementColumnStatesTheDeadline() throws {
        let table = Table(
            rows: [
                ["工作任务", "牵头部门", "工作要求"], ["1.及时发布重要政策的解读", "综合处", "相关解读材料应于文件公开后3个工作日内发布。"],
            ].enumerated().map { r, row in
                row.enumerated().map { TableCell($1, source: SourceLocation(line: r + 1, row: r + 1, column: $0 + 1)) }
            })
        let task = try #require(TaskTableReader(workYear: 2016).read(table, sectionPath: []).tasks.first)
        #expect(task.number == "1.")
        #expect(task.text.hasPrefix("及时发布重要政策的解读"))
        #expect(task.deadline?.raw == "3个工作日内")
        #expect(task.deadline?.kind == .within)
    }

    @Test func aCadenceOpeningASentenceIsRecurring() {
        #expect(DeadlineParser.findRecurrence(inProse: "增强信息发布的及时性。每日发布疫情防控情况。")?.raw == "每日")
        #expect(DeadlineParser.findRecurrence(inProse: "每年建立示范片2个以上。") == nil)
        #expect(DeadlineParser.findRecurrence(inProse: "主要负责同志每季度至少听取一次汇报。") == nil)
    }

    @Test func aCadenceNeverMakesATaskByItself() {
        let notice = NoticeAnalyzer.analyze(TextBlockReader.read("关于做好2019年工作的通知\n五、加强组织领导。每季度召开一次推进会。\n"))
        #expect(notice.tasks.isEmpty)
    }

    @Test func letterSpacedWordsStayTogetherButNumbersDoNot() {
        let filler = String(repeating: "加强统筹协调，形成工作合力。", count: 25)
        let pieces = RunOnSplitter.split("\(filler) 工 作 任 务牵头单位 序号 职责 负责单位 备注 1 将母婴设施建设纳入规划 区文明办 2 协调做好商场母婴设施建设")
        #expect(pieces.contains("工 作 任 务牵头单位"))
        #expect(pieces.contains("备注"))
        #expect(pieces.contains("1 将母婴设施建设纳入规划"))
    }
}

/// Rules stated once for many items, and facts that look like deadlines.
struct CarriedRuleTests {
    private func tasks(_ text: String) -> [WorkTask] {
        NoticeAnalyzer.analyze(TextBlockReader.read(text)).tasks
    }

    @Test func unitsStatedOnceReachLaterItemsWithClauses() {
        let found = tasks(
            """
            关于开展2019年试点工作的方案
            （一）强化顶层设计。制定方案。（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）
            （二）推进源头减量。开展治理。（工业和信息化部指导）
            （三）加强宣传。各地要开展宣传活动。
            """)
        #expect(found.count == 2)
        #expect(found[0].units.map(\.name) == ["生态环境部", "试点城市政府"])
        #expect(found[1].units.map(\.name) == ["工业和信息化部", "试点城市政府"])
    }

    @Test func ruleStatementsInBracketsAreNotUnits() {
        let found = tasks("关于推进2019年工作的意见\n一、拓展市场。推广试点。（税务总局、财政部负责，排在第一位的部门为牵头部门，下同）\n")
        #expect(found.first?.units.map(\.name) == ["税务总局", "财政部"])
        #expect(found.first?.units(.lead) == ["税务总局"])
    }

    @Test func datesBeforeTheSigningDateAreFacts() {
        let found = tasks("2015年统计公报的通知\n一、农业\n到2015年底，全县共有农业合作社200家，全年实现产值10亿元。\n某县统计局\n2016年3月1日\n")
        #expect(found.isEmpty)
    }
}
