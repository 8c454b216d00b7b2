import Testing

@testable import GongwenCore

/// Where an assignment stops: nouns built on role words, names cut at 由/对, work reported as
/// done, and documents that state standing rules (DOMAIN.md §5). Each fixture is written for
/// the behaviour it names.
struct AssignmentBoundaryTests {
    private func tasks(_ text: String, title: String = "关于开展2020年专项整治的通知") -> [WorkTask] {
        NoticeAnalyzer.analyze(TextBlockReader.read(title + "\n" + text)).tasks
    }

    /// `企业负责人` is a person: 负责 opening a noun is no role phrase.
    @Test func aRoleWordOpeningANounAssignsNothing() {
        #expect(tasks("（一）完善国有企业负责人薪酬管理机制，负责人收入分配应与考核结果挂钩。\n").isEmpty)
        let task = tasks("（一）规范文书。区司法局负责制定统一的执法文书格式。\n").first
        #expect(task?.units(.responsible) == ["区司法局"])
    }

    /// What follows the last 由 is the assignee; the words before it are not part of the name.
    @Test func theAssigneeStartsAfterYou() {
        let task = tasks("（一）规范管理。技工院校内由区人社局负责。\n").first
        #expect(task?.units(.responsible) == ["区人社局"])
    }

    /// `对X负责`: X is who the work answers to, not who does it.
    @Test func namesAfterDuiAreTheObject() {
        #expect(tasks("（一）落实责任。各镇长对本级政府负责。\n").isEmpty)
    }

    /// Two characters that end like a unit (`组队`, `企业`) name none without an administrative prefix.
    @Test func twoCharacterNamesNeedAPrefix() {
        #expect(tasks("（一）开展比赛。组队参加全省篮球联赛。\n").isEmpty)
        #expect(tasks("（一）推进宣传。围绕企业落实安全承诺，开展宣传。\n").isEmpty)
        #expect(tasks("（一）加强领导。市委牵头，研究部署。\n").first?.units(.lead) == ["市委"])
    }

    /// A reply relaying how a matter was handled reports work, it does not order it.
    @Test func workReportedAsDoneIsNoAssignment() {
        #expect(tasks("一、关于水稻补贴问题。财政部牵头，会同农业部研究提出了办理意见。\n").isEmpty)
        #expect(tasks("一、关于调查问题。扶贫办已会同交通部进行实地调查。\n").isEmpty)
        #expect(tasks("一、关于调查问题。扶贫办会同交通部开展实地调查，为了摸清底数。\n").count == 1)
    }

    /// A regulation states standing rules: its articles' role phrases make no task.
    @Test func aRegulationStatesStandingRules() {
        let rules = "第一条 为规范管理，制定本细则。\n第二条 区交通局负责船舶登记。\n第三条 本细则由区交通局负责解释。\n"
        #expect(tasks(rules, title: "关于印发《某某区乡镇船舶安全管理实施细则（试行）》的通知").isEmpty)
        #expect(tasks("一、加强管理\n（一）区交通局负责船舶登记，9月底前完成。\n", title: "关于印发某某区船舶管理办法的通知").isEmpty)
        // A labelled clause is still a task, in a regulation too.
        let labelled = tasks(rules + "第四条 开展清查。（责任单位：区交通局；完成时限：9月底前）\n", title: "某某规定")
        #expect(labelled.map(\.number) == ["第四条"])
        // The same sentences in a work plan are tasks.
        #expect(tasks("一、加强管理\n（一）区交通局负责船舶登记，9月底前完成。\n", title: "关于印发某某区船舶整治方案的通知").count == 1)
    }

    /// A role word in a quoted slogan, after a permission, or after a person assigns nothing.
    @Test func slogansPermissionsAndPeopleAssignNothing() {
        #expect(tasks("（一）形成合力。按照“政府牵头、部门分工负责”的要求推进。\n").isEmpty)
        #expect(tasks("（一）加强协调。可邀请区交通局参加。\n").isEmpty)
        #expect(tasks("（一）落实人员。各镇要明确专人负责，派人员配合。\n").isEmpty)
    }

    /// A role word in a noun phrase: before a unit noun, before 的, or the object of a verb.
    @Test func roleWordsInNounPhrasesAssignNothing() {
        #expect(tasks("（一）明确分工。以其牵头部门所在地为准。\n").isEmpty)
        #expect(tasks("（一）建立机制。建立区政府牵头的联席会议制度。\n").isEmpty)
        #expect(tasks("（一）强化协作。四要搞好部门配合。\n").isEmpty)
    }

    /// Lists that name units without their endings: closed by `等有关部门`, or before 分别.
    @Test func abbreviatedListsNameUnits() {
        let open = tasks("（一）依法查处。民政、公安、人民银行等有关部门要紧密配合。\n").first
        #expect(open?.units(.support) == ["民政", "公安", "人民银行"])
        let each = tasks("（一）分工推进。住建、农办、交通分别负责城市、村镇、道路的绿化。\n").first
        #expect(each?.units(.responsible) == ["住建", "农办", "交通"])
    }

    /// `领导小组办公室` is a unit; `主要领导` is not.
    @Test func aLeadingGroupIsAUnit() {
        #expect(tasks("（一）统筹协调。综合整治领导小组办公室负责协调检查工作。\n").first?.units(.responsible) == ["综合整治领导小组办公室"])
        #expect(tasks("（一）统筹协调。主要领导负责协调检查工作。\n").isEmpty)
    }

    /// `请X会同Y`: what follows 请 is the assignee.
    @Test func theAssigneeStartsAfterPlease() {
        let task = tasks("（一）办理手续。具体请你局会同市财政局按规定办理。\n").first
        #expect(task?.units(.lead) == ["你局"])
        #expect(task?.units(.support) == ["市财政局"])
    }

    /// An emergency plan lists each unit's standing duties for an event.
    @Test func anEmergencyPlanStatesStandingDuties() {
        #expect(tasks("（1）区财政局负责安排应急经费。\n", title: "关于印发某某区粮食应急预案的通知").isEmpty)
    }

    /// A unit's bracketed qualifiers are part of its name, not clause boundaries.
    @Test func qualifiersBelongToTheName() {
        let task = tasks("（一）强化分工。特困供养人员由各县（区）政府（管委会）负责走访帮扶。\n").first
        #expect(task?.units(.responsible) == ["各县（区）政府（管委会）"])
    }

    /// A time phrase opening the clause is not part of the name after it.
    @Test func aDateBeforeTheNameIsNoPartOfIt() {
        let task = tasks("（五）汇总报告阶段。5月15日前区农村发展局会同有关部门进行总结。\n").first
        #expect(task?.units(.lead) == ["区农村发展局"])
        #expect(task?.units(.support) == ["有关部门"])
    }

    /// `X和Y`: a collective name with a determiner of its own is a name; a bare collective noun
    /// continues the name before it.
    @Test func collectiveNamesInLists() {
        let split = tasks("（一）严格执法。区公安局牵头，各级政府和各有关部门配合。\n").first
        #expect(split?.units(.support) == ["各级政府", "各有关部门"])
        let whole = tasks("（一）明确责任。各有关部门和单位负责落实。\n").first
        #expect(whole?.units(.responsible) == ["各有关部门和单位"])
    }

    /// `以下均需X落实，不再列出` inside a labelled clause: no unit of its own, and X is a unit
    /// of every later item with a unit clause.
    @Test func unitsStatedOnceInALabelledClause() {
        let found = tasks(
            """
            1.建设5G网络。（责任单位：市通管办、各县（区）政府，以下均需县（区）政府落实，不再列出）
            2.部署千兆光网。（责任单位：市委网信办）
            3.加强宣传。
            """)
        #expect(found.map { $0.units(.responsible) } == [["市通管办", "各县（区）政府"], ["市委网信办", "县（区）政府"]])
    }

    /// Who is led to take part (`组织本地企业积极参与`) assigns nothing.
    @Test func theObjectOfACausativeTakesPartButOwesNothing() {
        #expect(tasks("（一）组织参展。各县区要组织本地旅游企业积极参与。\n").isEmpty)
    }

    /// `X要各司其职、各负其责、密切配合`: the role word closes a list of phrases after the modal.
    @Test func aRoleWordClosingAListOfPhrases() {
        let task = tasks("（一）加强协作。财政、民政等有关部门要各司其职、各负其责、密切配合。\n").first
        #expect(task?.units(.support) == ["财政", "民政"])
    }

    /// A later clause of a sentence keeps the sentence's subject: `X要…，积极配合…`.
    @Test func aLaterClauseKeepsTheSubject() {
        let task = tasks("（一）统一思想。各参战单位要牢固树立大局意识，积极参与配合此次行动。\n").first
        #expect(task?.units(.support) == ["各参战单位"])
        let closely = tasks("（二）形成合力。各级各有关单位要建立联动机制，各司其职，密切配合。\n").first
        #expect(closely?.units(.support) == ["各级各有关单位"])
    }

    /// `相互配合`, `协同配合`: units cooperating with each other are assigned nothing.
    @Test func mutualCooperationAssignsNothing() {
        #expect(tasks("六、领导小组各成员单位要根据各自职责，相互协调、相互配合，积极推进工作。\n").isEmpty)
        #expect(tasks("（一）加强协作。各责任处室要加强沟通，密切协同配合。\n").isEmpty)
    }

    /// `总体思路和工作目标` joins aims words: an aims section.
    @Test func aimsTitlesJoinedAreAims() {
        #expect(tasks("一、总体思路和工作目标\n到2025年，区财政局牵头建成平台。\n", title: "关于印发行动方案的通知").isEmpty)
    }

    /// An office's permanent remit (`负责…日常工作`, `负责解释`) is no work item of the document.
    @Test func standingRemitsAreNoTasks() {
        #expect(tasks("（一）组织领导。区旅发委成立领导小组，行业管理处负责综合协调日常工作。\n").isEmpty)
        #expect(tasks("（五）其他。本方案由区财政局负责解释。\n").isEmpty)
    }
}
