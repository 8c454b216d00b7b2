import Testing

@testable import GongwenCore

struct MetadataExtractorTests {
    private func metadata(_ text: String, hints: PageHints = PageHints()) -> (NoticeMetadata, Int?) {
        let notice = NoticeAnalyzer.analyze(TextBlockReader.read(text), hints: hints)
        return (notice.metadata, notice.workYear)
    }

    @Test func headOfATextNotice() {
        let (meta, year) = metadata(
            """
            首页 > 信息公开 > 通知公告
            XX市人民政府办公室关于印发2019年政务公开工作要点的通知
            皖政办〔2019〕12号
            发布时间：2019-04-02 10:30
            各县（区）人民政府，市直各部门：
            现将要点印发给你们，请认真贯彻执行。
                                          XX市人民政府办公室
                                          2019年3月28日
            """)
        #expect(meta.title == "XX市人民政府办公室关于印发2019年政务公开工作要点的通知")
        #expect(meta.documentNumber == "皖政办〔2019〕12号")
        #expect(meta.publishedOn?.description == "2019-04-02")
        #expect(meta.signedOn?.description == "2019-03-28")
        #expect(meta.issuer == "XX市人民政府办公室")
        #expect(meta.addressees == ["各县（区）人民政府", "市直各部门"])
        #expect(year == 2019)
    }

    @Test func titleSplitOverTwoLines() {
        let (meta, _) = metadata("国务院关于做好当前和今后一个时期\n促进就业工作的若干意见\n国发〔2018〕39号\n")
        #expect(meta.title == "国务院关于做好当前和今后一个时期促进就业工作的若干意见")
        #expect(meta.documentNumber == "国发〔2018〕39号")
    }

    @Test func signingDateInChineseNumerals() {
        let (meta, year) = metadata("关于开展检查的通知\n各单位：\n请认真落实。\nXX区人民政府\n二〇一七年九月八日\n")
        #expect(meta.signedOn?.description == "2017-09-08")
        #expect(meta.issuer == "XX区人民政府")
        #expect(year == 2017)
    }

    @Test(arguments: ["蜀政办〔2017〕56号", "闽政办[2019]3号", "平综管办［2021］7号", "莆政(2020)15号", "国办发（2018）101号"])
    func documentNumberBracketVariants(_ number: String) {
        #expect(DocumentNumberReader.find(in: number) == number)
    }

    @Test func disclosureGridWins() {
        let hints = PageHints(disclosure: [
            DisclosureField(key: "标题", value: "关于印发方案的通知"), DisclosureField(key: "发文字号", value: "X办〔2020〕1号"),
            DisclosureField(key: "成文日期", value: "2020年03月02日"), DisclosureField(key: "发布日期", value: "2020-03-05"),
        ])
        let (meta, year) = metadata("正文第一段。\n", hints: hints)
        #expect(meta.title == "关于印发方案的通知")
        #expect(meta.documentNumber == "X办〔2020〕1号")
        #expect(meta.signedOn?.description == "2020-03-02")
        #expect(meta.publishedOn?.description == "2020-03-05")
        #expect(year == 2020)
    }

    @Test func siteSuffixIsCutFromThePageTitle() {
        #expect(MetadataExtractor.stripSiteSuffix("XX关于…的通知_莆田市制度文件_莆田市人民政府门户网站") == "XX关于…的通知")
    }

    @Test func attachmentList() {
        let (meta, _) = metadata("关于印发方案的通知\n附件：1.任务分工表\n2.联系人名单\n")
        #expect(meta.attachments == [.init(number: 1, title: "任务分工表"), .init(number: 2, title: "联系人名单")])
    }

    @Test func fullDatesInEveryPrintedForm() {
        #expect(DateReader.dateLine("2017年9月8日")?.description == "2017-09-08")
        #expect(DateReader.dateLine("二〇一七年十二月三十一日")?.description == "2017-12-31")
        #expect(DateReader.dateLine("二○一七年九月八日")?.description == "2017-09-08")
        #expect(DateReader.dateLine("二零一七年九月八日")?.description == "2017-09-08")
        #expect(DateReader.dateLine("2017年2月30日") == nil)
        #expect(PublishLine.date(in: "发布时间：2017-11-24 08:48")?.description == "2017-11-24")
    }
}

/// Metadata traps met on real pages, each shown by a small input written for this suite.
struct MetadataTrapTests {
    private func metadata(_ text: String) -> NoticeMetadata {
        NoticeAnalyzer.analyze(TextBlockReader.read(text)).metadata
    }

    @Test func citedDocumentNumbersAreNotTheNotices() {
        let meta = metadata("关于印发2019年任务的通知\n各设区市人民政府：\n根据《国务院办公厅关于印发要点的通知》（国办发〔2019〕14号）精神，现印发给你们。\n")
        #expect(meta.documentNumber == nil)
    }

    @Test func signingDateGluedToTheNextHeading() {
        let meta = metadata("关于印发治理方案的通知\n各相关单位：\n请认真组织实施。\n某某区管委会办公室\n2023年3月30日某某区治理工作方案\n")
        #expect(meta.signedOn?.description == "2023-03-30")
        #expect(meta.issuer == "某某区管委会办公室")
    }

    @Test func labelledLinesAndArchivePathsAreNotTitles() {
        let meta = metadata("本地目录: zwgk/202311/80967_某省关于印发任务的通知\n标 题：关于印发任务的通知\n发布日期： 2020-05-22\n某省人民政府办公厅关于印发任务的通知\n各设区市：\n")
        #expect(meta.title == "某省人民政府办公厅关于印发任务的通知")
        #expect(meta.signedOn == nil)
    }

    @Test func theFullTitleAfterAShortPageHeadingWins() {
        let meta = metadata("首页政务公开最新文件\n关于印发信用体系建设方案的通知\n岚综管办〔2015〕165号\n某某区管委会办公室关于印发信用体系建设方案的通知\n区直各单位：\n")
        #expect(meta.title == "某某区管委会办公室关于印发信用体系建设方案的通知")
        #expect(meta.documentNumber == "岚综管办〔2015〕165号")
    }

    @Test func breadcrumbPiecesAreNotTitles() {
        let meta = metadata("首页\n政府信息公开制度\n莆田市制度文件\n某市人民政府办公室关于做好2021年工作的通知\n各县（区）人民政府：\n")
        #expect(meta.title == "某市人民政府办公室关于做好2021年工作的通知")
    }
}
