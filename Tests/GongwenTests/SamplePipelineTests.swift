import Gongwen
import GongwenExport
import GongwenTestSupport
import Testing

/// The bundled samples through the whole pipeline: the seed as text, as a UTF-8 portal page
/// and as GBK bytes under a gb2312 label must give the same notice.
struct SamplePipelineTests {
    static let samples = ["seed.txt", "seed-portal.utf8.html", "seed-portal.gbk.html"]

    private func extract(_ name: String) throws -> Extraction {
        try NoticeExtractor().extract(bytes: Paths.bytes(Paths.sample(name)), path: "samples/" + name)
    }

    @Test(arguments: samples)
    func metadataOfTheSeed(_ name: String) throws {
        let notice = try extract(name).notice
        #expect(notice.metadata.title == "蜀山区人民政府办公室关于印发2017年蜀山区政务公开政务服务工作要点的通知")
        #expect(notice.metadata.documentNumber == nil)
        #expect(notice.metadata.issuer == "蜀山区人民政府办公室")
        #expect(notice.metadata.signedOn?.description == "2017-09-08")
        #expect(notice.metadata.publishedOn?.description == "2017-11-24")
        #expect(notice.workYear == 2017)
        #expect(notice.metadata.attachments.count == 3)
    }

    @Test(arguments: samples)
    func tasksOfTheSeed(_ name: String) throws {
        let notice = try extract(name).notice
        #expect(notice.tasks.count == 46)
        let first = notice.tasks[0]
        #expect(first.units(.lead) == ["区发改局(物价局)", "区财政局", "区人社局"])
        #expect(first.deadline?.kind == .yearRound)
        let tenth = notice.tasks[9]
        #expect(tenth.units(.lead) == ["区市场监管局", "区发改局"])
        #expect(tenth.units(.responsible) == ["区政府有关部门"])
        let last = notice.tasks[32]
        #expect(last.deadline?.kind == .milestones)
        #expect(last.deadline?.milestones.map(\.label) == ["年中督查", "年底考核"])
        let attachment2 = notice.tasks[33...]
        #expect(attachment2.map(\.number) == (1...13).map(String.init))
        #expect(attachment2.allSatisfy { $0.sectionPath.first?.hasPrefix("附件2") == true })
        #expect(notice.tasks[35].deadline?.due?.description == "2017-12-31")
        #expect(notice.tasks[35].units.allSatisfy { $0.role == .responsible })
    }

    @Test(arguments: samples)
    func outlineOfTheSeed(_ name: String) throws {
        let notice = try extract(name).notice
        #expect(notice.parts.map(\.attachmentNumber) == [0, 1, 2, 3])
        #expect(notice.parts[0].sections.count == 10)
        #expect(notice.parts[1].title == "全区政务公开重点任务分工和工作进度安排")
        #expect(notice.parts[3].sections.map { $0.marker?.value } == [1, 2, 3, 4, 5, 6])
    }

    @Test func theThreeSamplesAgreeTaskForTask() throws {
        let texts = try Self.samples.map { try extract($0).notice.tasks.map { [$0.number ?? "", $0.text] } }
        #expect(texts[0] == texts[1])
        #expect(texts[1] == texts[2])
        let units = try Self.samples.map { try extract($0).notice.tasks.map(\.units) }
        #expect(units[0] == units[1])
        #expect(units[1] == units[2])
    }

    @Test func gbkSampleIsDecodedFromItsLabelWithoutLoss() throws {
        let extraction = try extract("seed-portal.gbk.html")
        #expect(extraction.source.encoding == "gb18030")
        #expect(extraction.source.encodingEvidence == "declared:meta-http-equiv")
        #expect(!extraction.notice.diagnostics.contains { $0.stage == .decode })
    }

    @Test func portalChromeNeverReachesTheOutput() throws {
        let notice = try extract("seed-portal.utf8.html").notice
        let everything = notice.tasks.map(\.text).joined() + notice.parts.flatMap(\.sections).map(\.text).joined()
        for chrome in ["ICP备", "当前位置", "浏览次数", "打印本页", "扫一扫", "索引号"] {
            #expect(!everything.contains(chrome), "chrome leaked: \(chrome)")
        }
        #expect(notice.metadata.disclosure.first { $0.key == "索引号" }?.value == "003148914/201709-00031")
    }

    @Test(arguments: samples)
    func sameBytesGiveSameOutputBytes(_ name: String) throws {
        let once = try JSONExporter.document(extract(name))
        let twice = try JSONExporter.document(extract(name))
        #expect(once == twice)
    }
}
