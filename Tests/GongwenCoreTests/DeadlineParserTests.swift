import GongwenCore
import Testing

/// Real deadline expressions (DOMAIN.md §4, GOLD.md "Kinds") with their kind and due date,
/// read in work year 2017 unless the row says otherwise.
struct DeadlineParserTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var raw: String
        var kind: Deadline.Kind?
        var due: String?
        var workYear: Int = 2017

        var testDescription: String { raw }
    }

    static let cases: [Case] = [
        // Dates: a day, the end of a month, quarter, half, year or span.
        Case(raw: "2023年6月30日前", kind: .date, due: "2023-06-30"),
        Case(raw: "12月31日前", kind: .date, due: "2017-12-31"),
        Case(raw: "9月底前", kind: .date, due: "2017-09-30"),
        Case(raw: "7月底前", kind: .date, due: "2017-07-31"),
        Case(raw: "2月底前", kind: .date, due: "2016-02-29", workYear: 2016),
        Case(raw: "2017年底", kind: .date, due: "2017-12-31"),
        Case(raw: "2017年底前", kind: .date, due: "2017-12-31"),
        Case(raw: "年底前", kind: .date, due: "2017-12-31"),
        Case(raw: "上半年", kind: .date, due: "2017-06-30"),
        Case(raw: "下半年", kind: .date, due: "2017-12-31"),
        Case(raw: "三季度末前", kind: .date, due: "2017-09-30"),
        Case(raw: "第一季度", kind: .date, due: "2017-03-31"),
        Case(raw: "年内", kind: .date, due: "2017-12-31"),
        Case(raw: "到本年底", kind: .date, due: "2017-12-31"),
        Case(raw: "今年年底前", kind: .date, due: "2017-12-31"),
        Case(raw: "明年底前", kind: .date, due: "2018-12-31"),
        Case(raw: "2019年上半年", kind: .date, due: "2019-06-30"),
        Case(raw: "2019年6月底前", kind: .date, due: "2019-06-30"),
        Case(raw: "2021年3月底前", kind: .date, due: "2021-03-31"),
        Case(raw: "到2020年", kind: .date, due: "2020-12-31"),
        Case(raw: "至1998年", kind: .date, due: "1998-12-31"),
        Case(raw: "2018年前", kind: .date, due: "2018-12-31"),
        Case(raw: "2020年4月前", kind: .date, due: "2020-04-30"),
        Case(raw: "6月前", kind: .date, due: "2017-06-30"),
        Case(raw: "12月份前", kind: .date, due: "2017-12-31"),
        Case(raw: "8月份前", kind: .date, due: "2017-08-31"),
        Case(raw: "2011年12月", kind: .date, due: "2011-12-31"),
        Case(raw: "2011年7—8月", kind: .date, due: "2011-08-31"),
        Case(raw: "2011年9—11月", kind: .date, due: "2011-11-30"),
        Case(raw: "3月20-31日", kind: .date, due: "2011-03-31", workYear: 2011),
        Case(raw: "2023年12月中下旬", kind: .date, due: "2023-12-31"),
        Case(raw: "12月上旬", kind: .date, due: "2017-12-10"),
        Case(raw: "“十三五”期间", kind: .date, due: "2020-12-31"),
        Case(raw: "十四五时期", kind: .date, due: "2025-12-31"),
        Case(raw: "2017-09-30", kind: .date, due: "2017-09-30"),
        Case(raw: "二〇一八年三月底前", kind: .date, due: "2018-03-31"),
        Case(raw: "从2021年开始连续3年", kind: .date, due: "2023-12-31"),
        Case(raw: "2023年12月中下旬…2023年底", kind: .milestones, due: "2023-12-31"),
        Case(raw: "九月底前", kind: .date, due: "2017-09-30"),
        // Spans: due at the end of the last period.
        Case(raw: "2015年8月至9月", kind: .date, due: "2015-09-30"),
        Case(raw: "8月至9月中旬", kind: .date, due: "2017-09-20"),
        Case(raw: "9月下旬至11月底", kind: .date, due: "2017-11-30"),
        Case(raw: "4月15日—22日", kind: .date, due: "2017-04-22"),
        // Festivals: the festival's day in the year named, else the work year.
        Case(raw: "12月1日至2018年春节前", kind: .date, due: "2018-02-16"),
        // Dashes as range marks, doubled (`——`) and as GBK's dash decodes (`―`, U+2015).
        Case(raw: "5月6日——10日", kind: .date, due: "2017-05-10"),
        Case(raw: "1997年4―6月", kind: .date, due: "1997-06-30"),
        Case(raw: "2016――2018年", kind: .date, due: "2018-12-31"),
        Case(raw: "3月20日―4月10日", kind: .date, due: "2017-04-10"),
        Case(raw: "春节前", kind: .date, due: "2017-01-28"),
        Case(raw: "中秋节前", kind: .date, due: "2017-10-04"),
        Case(raw: "元旦前", kind: .date, due: "2017-01-01"),
        // All year.
        Case(raw: "全年", kind: .yearRound, due: "2017-12-31"),
        // Ongoing and as needed: no due date.
        Case(raw: "持续推进", kind: .ongoing, due: nil),
        Case(raw: "长期坚持", kind: .ongoing, due: nil),
        Case(raw: "长期", kind: .ongoing, due: nil),
        Case(raw: "常态化", kind: .ongoing, due: nil),
        Case(raw: "即日起", kind: .ongoing, due: nil),
        Case(raw: "贯穿全过程", kind: .ongoing, due: nil),
        Case(raw: "按序时推进", kind: .ongoing, due: nil),
        Case(raw: "常年开展", kind: .ongoing, due: nil),
        Case(raw: "适时", kind: .asNeeded, due: nil),
        Case(raw: "及时", kind: .asNeeded, due: nil),
        Case(raw: "按要求", kind: .asNeeded, due: nil),
        // Recurring: a period.
        Case(raw: "每季度", kind: .recurring, due: nil),
        Case(raw: "每月", kind: .recurring, due: nil),
        Case(raw: "每年1月底前", kind: .recurring, due: nil),
        Case(raw: "每月28日", kind: .recurring, due: nil),
        Case(raw: "每季度一抽查", kind: .recurring, due: nil),
        Case(raw: "每月1日前", kind: .recurring, due: nil),
        // Milestones: several dated steps, due at the latest.
        Case(raw: "年中督查，年底考核", kind: .milestones, due: "2017-12-31"),
        Case(raw: "7月底前…10月底前", kind: .milestones, due: "2017-10-31"),
        Case(raw: "9月21日、12月9日前", kind: .milestones, due: "2017-12-09"),
        Case(raw: "6月底前…10月底前…6月底前", kind: .milestones, due: "2017-10-31"),
        Case(raw: "2016年、2017年、2018年", kind: .milestones, due: "2018-12-31"),
        Case(raw: "2022年底前完成，并长期坚持", kind: .milestones, due: "2022-12-31"),
        Case(raw: "立法工作于2019年底前完成，其他工作于2020年4月前完成", kind: .milestones, due: "2020-04-30"),
        Case(raw: "2019年9月底前；2020年起，每年1月底前", kind: .milestones, due: "2019-09-30"),
        // Within: a duration after some event.
        Case(raw: "2个工作日内", kind: .within, due: nil),
        Case(raw: "24小时内", kind: .within, due: nil),
        Case(raw: "30日内", kind: .within, due: nil),
        Case(raw: "3年内", kind: .within, due: nil),
        Case(raw: "三个月", kind: .within, due: nil),
    ]

    @Test(arguments: cases)
    func normalises(_ testCase: Case) throws {
        let deadline = try #require(DeadlineParser.parse(testCase.raw, workYear: testCase.workYear))
        #expect(deadline.raw == testCase.raw)
        #expect(deadline.kind == testCase.kind)
        #expect(deadline.due?.description == testCase.due)
    }

    @Test func tableHasAtLeastFortyExpressions() {
        #expect(Self.cases.count >= 40)
        #expect(Set(Self.cases.compactMap(\.kind)) == Set(Deadline.Kind.allCases))
    }

    /// A field that runs on into prose keeps only its time expressions; a short field with
    /// its activity words is printed whole.
    @Test func aFieldRunningOnIntoProseKeepsItsTimeExpressions() throws {
        let field = try #require(DeadlineParser.parse("1.3月20日～4月10日，主要督查造林绿化前期工作落实情况", workYear: 2014))
        #expect(field.raw == "3月20日～4月10日")
        #expect(field.due?.description == "2014-04-10")
        #expect(DeadlineParser.parse("年中督查,年底考核", workYear: 2017)?.raw == "年中督查,年底考核")
        #expect(DeadlineParser.parse("2022年底前完成，并长期坚持下去不断完善", workYear: 2022)?.raw == "2022年底前完成，并长期坚持下去不断完善")
    }

    @Test func milestonesKeepTheirLabels() throws {
        let deadline = try #require(DeadlineParser.parse("年中督查,年底考核", workYear: 2017))
        #expect(deadline.milestones.map(\.label) == ["年中督查", "年底考核"])
        #expect(deadline.milestones.map(\.raw) == ["年中", "年底"])
        #expect(deadline.milestones.map { $0.due?.description } == ["2017-06-30", "2017-12-31"])
    }

    @Test func relativeDatesWithoutWorkYearHaveNoDue() throws {
        let deadline = try #require(DeadlineParser.parse("9月底前", workYear: nil))
        #expect(deadline.kind == .date)
        #expect(deadline.due == nil)
    }

    @Test func unreadableTextKeepsItsRawWithoutKind() throws {
        let deadline = try #require(DeadlineParser.parse("视工作进展而定", workYear: 2017))
        #expect(deadline.kind == nil)
        #expect(deadline.raw == "视工作进展而定")
        #expect(DeadlineParser.parse("  ", workYear: 2017) == nil)
    }

    @Test func midYearIsNotReadInsideOtherWords() throws {
        // `年中央` is not 年中; only 年底 counts.
        let deadline = try #require(DeadlineParser.parse("2017年中央部署，年底前完成", workYear: 2017))
        #expect(deadline.due?.description == "2017-12-31")
    }

    @Test func proseDeadlineIsTheDueMarkerNotAStartDate() {
        let found = DeadlineParser.find(inProse: "2016年起实施，9月底前完成清理工作。", workYear: 2016)
        #expect(found?.raw == "9月底前")
        #expect(found?.due?.description == "2016-09-30")
        #expect(DeadlineParser.find(inProse: "及时公开相关信息，定期发布。", workYear: 2016) == nil)
    }
}

/// Deadlines stated in running text (GOLD.md "Deadlines"), shown by inputs written for this suite.
struct ProseDeadlineTests {
    private func find(_ text: String) -> Deadline? { DeadlineParser.find(inProse: text, workYear: 2019) }

    @Test func targetsKeepTheirTargetWord() {
        #expect(find("到2025年，基本实现主要作物全程机械化。")?.raw == "到2025年")
        #expect(find("力争到2020年建成体系。")?.raw == "力争到2020年")
    }

    @Test func severalDatedStepsAreMilestones() throws {
        let deadline = try #require(find("2019年6月底前完成摸底，2019年12月底前完成整改，2020年12月底前全面完成。"))
        #expect(deadline.kind == .milestones)
        #expect(deadline.raw == "2019年6月底前…2019年12月底前…2020年12月底前")
        #expect(deadline.due?.description == "2020-12-31")
    }

    @Test func aStepPrintedTwiceIsOneStep() {
        #expect(find("12月份前完成申报，12月份前完成审核。")?.kind == .date)
    }

    @Test func durationsAreWithinWhenNoDateIsGiven() throws {
        let deadline = try #require(find("收到申请后30个工作日内作出决定。"))
        #expect(deadline.kind == .within)
        #expect(deadline.raw == "30个工作日内")
    }

    /// A day after its month is a day of that month, never a count of days: `5月3日内蒙古` names
    /// a date and a place, and `6月30日内` is due that day, as `6月30日前` is.
    @Test func aDayOfAMonthIsNeverADuration() throws {
        #expect(find("2月3日云南丽江7.0级、5月3日内蒙古包头西6.4级地震。") == nil)
        let day = try #require(find("各单位务必于6月30日内报送市政府办公室。"))
        #expect(day.kind == .date)
        #expect(day.raw == "6月30日内")
        #expect(day.due?.description == "2019-06-30")
        #expect(find("5月3日内部审计结束后，及时整改。")?.raw != "5月3日内")
        // A count of days is still a duration.
        #expect(find("各单位于收到通知后3日内报送。")?.raw == "3日内")
        #expect(find("于本通知印发之日起15日内报送。")?.raw == "15日内")
    }

    /// A date in a document's title names the document (`对照《2020年春节前小城建项目表》`);
    /// dates outside the title, and after an unclosed `《`, are read.
    @Test func aDateInADocumentTitleIsNoDeadline() {
        #expect(find("各单位要对照《莆田市2020年春节前小城建项目表（第一批）》任务分工，认真制定方案。") == nil)
        #expect(find("按照《关于2017年底前完成清理工作的通知》要求，9月底前完成。")?.raw == "9月底前")
        #expect(find("《工作要点 9月底前完成清理。")?.raw == "9月底前")
    }

    @Test func manyMannerAndFactWordsAreNotDeadlines() {
        #expect(find("年末全市常住人口500万人，比上年末增加2万人。") == nil)
        #expect(find("在年中和年末向国务院报告执行情况。") == nil)
        #expect(find("2016年起，每年建立示范片2个以上。") == nil)
    }
}

/// Schedules stated at the start of a clause, and which past dates still count.
struct ScheduleDeadlineTests {
    @Test func aScheduleOpeningAClauseIsADeadline() {
        let deadline = DeadlineParser.find(inProse: "洁我家园共创文明行动。2011年7—8月结合创建精神文明活动评比开展评选。", workYear: 2011)
        #expect(deadline?.raw == "2011年7—8月")
        #expect(deadline?.due?.description == "2011-08-31")
        #expect(DeadlineParser.find(inProse: "督查时间：3月20-31日之间。", workYear: 2011)?.due?.description == "2011-03-31")
    }

    @Test func holidaysAndPastTargetsAreNot() {
        #expect(DeadlineParser.find(inProse: "清明节：4月5日放假，与周末连休。", workYear: 2019) == nil)
        let signed = CalendarDate(year: 2016, month: 3, day: 1)
        #expect(DeadlineParser.find(inProse: "到2015年底，全县共有合作社200家。", workYear: 2015, notBefore: signed) == nil)
        // A deadline with 前 stays one even in a notice signed after it.
        let august = CalendarDate(year: 2021, month: 8, day: 18)
        #expect(DeadlineParser.find(inProse: "7月底前提出方案，10月底前完成。", workYear: 2021, notBefore: august)?.raw == "7月底前…10月底前")
    }
}

/// Cadences, targets one strives for, and lists of years in running text.
struct MoreProseDeadlineTests {
    @Test func cadencesAfterAStartOrASubject() {
        #expect(DeadlineParser.findRecurrence(inProse: "自2016年下半年起每季度向社会公开监测信息。")?.raw == "每季度")
        #expect(DeadlineParser.findRecurrence(inProse: "公安部门每月通报违法情况；交通运输部门每季度通报企业情况。")?.raw == "每月…每季度")
    }

    @Test func aYearStrivenForIsATarget() {
        #expect(DeadlineParser.find(inProse: "力争2021年区属国企营业总收入同比增长10%。", workYear: 2021)?.due?.description == "2021-12-31")
    }

    @Test func aListOfYearsIsASchedule() throws {
        let deadline = try #require(DeadlineParser.find(inProse: "2016年、2017年、2018年分别完成20座危桥改造。", workYear: 2016))
        #expect(deadline.kind == .milestones)
        #expect(deadline.due?.description == "2018-12-31")
    }

    @Test func aTimeOfDayOnEveryDayIsRecurring() {
        let daily = DeadlineParser.find(inProse: "每日早上8点前报送前一日情况，晚上8点前报送当日情况。", workYear: 2020)
        #expect(daily?.raw == "每日早上8点前…晚上8点前")
        #expect(daily?.kind == .recurring)
        #expect(daily?.due == nil)
        #expect(DeadlineParser.find(inProse: "接到通知后，于当日8:00前布置到位。", workYear: 2020)?.raw == "当日8:00前")
        // A clock without a day word, or a day word without a clock, says no daily deadline.
        #expect(DeadlineParser.find(inProse: "会议于上午9点开始。", workYear: 2020) == nil)
        #expect(DeadlineParser.find(inProse: "每日巡查，发现问题当日整改。", workYear: 2020) == nil)
    }

    @Test func thisYearsPeriodsOpeningAClause() {
        #expect(DeadlineParser.find(inProse: "主要负责人，年内解读重要政策措施不少于1次。", workYear: 2016)?.raw == "年内")
        #expect(DeadlineParser.find(inProse: "年末全市常住人口500万人。", workYear: 2016) == nil)
    }
}

/// Which duration limits the action, and schedules after their heading.
struct DurationAndLabelTests {
    @Test func theDurationOfTheActionWinsOverACondition() {
        let deadline = DeadlineParser.find(inProse: "一年内发生一起较大事故的，应在30个工作日内办结调查。", workYear: 2016)
        #expect(deadline?.raw == "30个工作日内")
        #expect(deadline?.kind == .within)
    }

    @Test func aScheduleRightAfterItsHeading() {
        let deadline = DeadlineParser.find(inProse: "时间安排2023年12月中下旬开展考核，2023年底提交考核结果。", workYear: 2023)
        #expect(deadline?.raw == "2023年12月中下旬…2023年底")
        #expect(deadline?.due?.description == "2023-12-31")
    }

    @Test func aHalfYearTargetWithAFigure() {
        #expect(DeadlineParser.find(inProse: "保洁人员未达到要求的镇村，上半年50%的镇村配备到位。", workYear: 2011)?.raw == "上半年")
    }
}

struct DatedAdverbialTests {
    @Test func aDatedAdverbialOpeningASentence() {
        let deadline = DeadlineParser.find(inProse: "制定实施方案。2019年上半年，试点城市政府印发实施方案。", workYear: 2019)
        #expect(deadline?.raw == "2019年上半年")
        #expect(deadline?.due?.description == "2019-06-30")
        let signed = CalendarDate(year: 2016, month: 3, day: 1)
        #expect(DeadlineParser.find(inProse: "2015年底，全县共有合作社200家。", workYear: 2015, notBefore: signed) == nil)
    }
}

/// A section or stage heading's own schedule (`HeadingSchedule`, DOMAIN.md §5).
struct StageScheduleTests {
    private func tasks(_ text: String) -> [WorkTask] {
        NoticeAnalyzer.analyze(TextBlockReader.read("关于印发2015年专项整治方案的通知\n" + text)).tasks
    }

    /// A stage with no numbered items is a task due at the end of its span; the dates in its
    /// body are steps, and its bare subjects are its units.
    @Test func aStageIsATaskDueAtTheEndOfItsSpan() throws {
        let task = try #require(
            tasks("二、时间安排\n（一）清理调查阶段（2015年8月至9月）。各县区要开展排查，于9月26日前报市国土局。\n").first)
        #expect(task.deadline?.raw == "2015年8月至9月")
        #expect(task.deadline?.due?.description == "2015-09-30")
        #expect(task.units(.responsible) == ["各县区"])
        // A heading's span marked with GBK's dash (`―`), doubled, is the same span.
        let dashed = try #require(tasks("二、时间安排\n（一）清理调查阶段（2015年8月――9月）。各县区要开展排查。\n").first)
        #expect(dashed.deadline?.due?.description == "2015-09-30")
    }

    /// `第一阶段（…）` markers are stages too; the span of a stage with items stays with it.
    @Test func aStageMarkerAndItsItems() {
        let staged = tasks("第一阶段（8月至9月中旬）。各处室要制定方案。\n")
        #expect(staged.first?.deadline?.due?.description == "2015-09-20")
        let parent = tasks("二、整改落实（2015年6月底前完成）\n1.各镇开展自查。\n2.区财政局负责资金保障。\n")
        #expect(parent.map(\.number) == ["2."])
        #expect(parent.first?.deadline == nil)
    }

    /// A bracket inside a document's title is part of the title, not a schedule.
    @Test func aTitlesBracketIsNoSchedule() {
        #expect(tasks("一、原则同意《某新区总体规划（2018—2035年）》。\n").isEmpty)
    }

    /// Children labelled with a stage (`筹划准备阶段：`) are items, not fields of their parent.
    @Test func stageChildrenAreNotFields() {
        let found = tasks("四、阶段划分\n（一）筹划准备阶段：1月底前，研究上报。2月底前，召开座谈会。\n（二）体检阶段：7月下旬，区征兵办完成体检。\n")
        #expect(found.map(\.number) == ["（一）", "（二）"])
    }
}

/// A stage's span printed at the head of its body (`HeadingSchedule.openingSpan`).
struct OpeningSpanTests {
    private func deadlines(_ text: String) -> [String?] {
        NoticeAnalyzer.analyze(TextBlockReader.read("关于印发2016年粮食库存检查工作实施方案的通知\n三、进度安排\n" + text)).tasks.map {
            $0.deadline.map { "\($0.raw) \($0.kind?.rawValue ?? "-") \($0.due?.description ?? "-")" }
        }
    }

    @Test func aSpanOpeningAStageIsItsSchedule() {
        #expect(deadlines("（三）普查阶段 4月15日—22日，由区农村发展局牵头进行普查。\n") == ["4月15日—22日 date 2016-04-22"])
        #expect(
            deadlines("（四）交叉检查阶段 4月23日—5月10日，开展交叉检查：4月23日—4月30日：福州查南平。\n") == [
                "4月23日—5月10日 date 2016-05-10"
            ])
    }

    /// With dated steps after it, the span is the first of the stage's milestones.
    @Test func aSpanAndLaterSteps() {
        #expect(
            deadlines("（三）审批定兵阶段：2016年8月20日至8月31日，召开预定兵会议。9月5日前，召开定兵会议。\n") == [
                "2016年8月20日至8月31日…9月5日前 milestones 2016-09-05"
            ])
    }

    /// In running text a span is a window, not a deadline.
    @Test func aSpanInRunningTextIsAWindow() {
        #expect(deadlines("（一）落实政策。2016年1月1日至12月31日，对企业给予补贴。\n").isEmpty)
    }
}
