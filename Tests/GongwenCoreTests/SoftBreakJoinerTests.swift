import Testing

@testable import GongwenCore

/// Text saves that broke sentences into lines (`SoftBreakJoiner`), each fixture one family of
/// break, written for these tests in the shape crawler `page.txt` saves take.
struct SoftBreakJoinerTests {
    private func texts(_ text: String) -> [String] {
        TextBlockReader.read(text).map(\.text)
    }

    /// A date printed in spans: the number lines join their measure words.
    @Test func aDateInPiecesIsOneLine() {
        #expect(texts("某某区人民政府办公室\n2015\n年\n7\n月\n28\n日") == ["某某区人民政府办公室", "2015年7月28日"])
    }

    /// A signature is not a broken sentence: it ends like a unit name, so the date stays apart.
    @Test func aSignatureKeepsItsDateLine() {
        #expect(texts("县财政局\n2019年9月20日") == ["县财政局", "2019年9月20日"])
    }

    /// Punctuation that never starts a paragraph continues the line above.
    @Test func aLineOpeningWithPunctuationContinuesTheSentence() {
        #expect(
            texts("各镇人民政府，区直有关单位\n：\n（一）全面排查\n。各镇要开展排查。") == [
                "各镇人民政府，区直有关单位：", "（一）全面排查。各镇要开展排查。",
            ])
    }

    /// `1` / `．加强…`: the delimiter of a marker on the next line.
    @Test func aMarkerSplitFromItsDelimiterIsRejoined() {
        #expect(texts("1\n．巩固扩大覆盖面\n2.\n提高保障水平") == ["1．巩固扩大覆盖面", "2.提高保障水平"])
    }

    /// A preposition alone on its line, and the date it governs, continue the sentence: the date
    /// is no signing date, and the item's text does not stop at it.
    @Test func aPrepositionAndItsDateContinueTheSentence() {
        #expect(
            texts("1．村居自查自纠。\n对\n2011年1月1日\n以来的收费行为进行全面自查。") == [
                "1．村居自查自纠。", "对2011年1月1日以来的收费行为进行全面自查。",
            ])
        #expect(texts("截至\n6月30日，全区完成改造。") == ["截至6月30日，全区完成改造。"])
        // A date after an office's name is still a signature.
        #expect(texts("县财政局\n2019年9月20日\n（此件主动公开）") == ["县财政局", "2019年9月20日", "（此件主动公开）"])
    }

    /// A field label alone on its line takes the value on the next.
    @Test func aLabelTakesItsValueFromTheNextLine() {
        #expect(
            texts("牵头单位：区公安局\n责任单位：区城管局\n完成时限：\n10月10日前") == [
                "牵头单位：区公安局", "责任单位：区城管局", "完成时限：10月10日前",
            ])
    }

    /// A number inside a sentence joins the words around it; a row number of a table does not.
    @Test func numbersJoinOnlyWhatTheyCount() {
        #expect(texts("全面开展整治，行动为期\n4\n个月，分三个阶段进行。") == ["全面开展整治，行动为期4个月，分三个阶段进行。"])
        #expect(texts("9月底前\n2\n加强督查。") == ["9月底前", "2", "加强督查。"])
    }

    /// In a fragmented save, short unpunctuated pieces rejoin the prose they belong to, so a
    /// numbered item keeps its labelled fields however its sentences were broken.
    @Test func fragmentsOfAFragmentedSaveRejoinTheirSentence() {
        let text = """
            2019
            年
            9
            月
            （四）收回停车经营权。
            对辖区内
            中心城区道路
            停车泊位进行全面摸底，收回经营权。
            同步
            取缔擅自设置的停车场，恢复通行。
            牵头单位：某某区政府
            完成时限：
            10月30日前
            """
        #expect(
            texts(text) == [
                "2019年9月", "（四）收回停车经营权。", "对辖区内中心城区道路停车泊位进行全面摸底，收回经营权。",
                "同步取缔擅自设置的停车场，恢复通行。", "牵头单位：某某区政府", "完成时限：10月30日前",
            ])
    }

    /// In a fragmented save, a unit cell stays apart from the unit cell after it even where
    /// that one runs on with punctuation (`市民政局` / `市住建局，各县政府`).
    @Test func aUnitCellIsNoFragmentOfTheNextCell() {
        let text = """
            2019
            年
            9
            月
            2.
            及时发布灾害救助需求信息。
            市民政局
            市住建局，
            各县区政府
            """
        #expect(texts(text) == ["2019年9月", "2.及时发布灾害救助需求信息。", "市民政局", "市住建局，各县区政府"])
    }

    /// Without evidence of fragmentation, short lines stay lines: headings and titles.
    @Test func anOrdinarySaveKeepsItsLines() {
        let text = "某某实施方案\n一、工作目标\n全面推进\n各单位要落实责任，按时完成。"
        #expect(texts(text) == ["某某实施方案", "一、工作目标", "全面推进", "各单位要落实责任，按时完成。"])
    }

    /// Blank lines are hard breaks: one-cell-per-line tables keep every cell.
    @Test func blankLinesAreNeverJoined() {
        #expect(texts("各单位要\n\n，按时完成") == ["各单位要", "，按时完成"])
    }

    /// The header a crawler writes above the notice is never joined to the notice.
    @Test func saveHeaderLinesStayApart() {
        #expect(texts("发布机构:\n栏目: 工作情况\n正文:\n，各单位") == ["发布机构:", "栏目: 工作情况", "正文:", "，各单位"])
    }
}

/// A number a save broke off inside an item's text (`新大楼` / `517` / `室`) keeps the item whole.
struct BrokenNumberTests {
    @Test func aRoomNumberStaysInTheItem() throws {
        let text = "关于开展专项整治的通知\n一、主要任务\n（一）全面自查。\n报送地点：市行政服务中心新大楼\n517\n室，联系人：张三。\n责任单位：市直各部门\n完成时限：9月22日\n"
        let task = try #require(NoticeAnalyzer.analyze(TextBlockReader.read(text)).tasks.first)
        #expect(task.deadline?.raw == "9月22日")
        #expect(task.units(.responsible) == ["市直各部门"])
    }
}
