import Foundation
import GongwenExport
import GongwenTestSupport
import Testing

@testable import Gongwen

/// Notices whose tasks are in attached Word and Excel files: the seed page with its two task
/// tables taken out and linked (`Tests/Fixtures/office/linked-seed`), as a crawler saves it.
struct AttachmentTests {
    static let office = Paths.repository + "/Tests/Fixtures/office"

    /// A copy of the linked seed page whose attachments are the given files (`docx` or `xlsx`).
    private func linkedPage(format: String) throws -> String {
        let folder = NSTemporaryDirectory() + "gongwen-linked-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/attachments", withIntermediateDirectories: true)
        let page = try String(contentsOfFile: Self.office + "/linked-seed/page.html", encoding: .utf8)
            .replacingOccurrences(of: ".docx", with: "." + format)
        try Data(page.utf8).write(to: URL(fileURLWithPath: folder + "/page.html"))
        for number in [1, 2] {
            try FileManager.default.copyItem(
                atPath: Self.office + "/seed-annex\(number).\(format)", toPath: folder + "/attachments/seed-annex\(number).\(format)")
        }
        return folder
    }

    /// The page and its two linked DOCX tables make one notice with all 46 tasks, with the ids
    /// the page that prints the tables itself gives.
    @Test(arguments: ["docx", "xlsx"])
    func aPageAndItsLinkedTablesAreOneNotice(_ format: String) throws {
        let folder = try linkedPage(format: format)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let linked = try NoticeExtractor().extract(contentsOf: folder + "/page.html")
        let inline = try NoticeExtractor().extract(contentsOf: Paths.sample("seed-portal.utf8.html"))
        #expect(linked.notice.tasks.count == 46)
        let linkedIDs = OutputDocument(linked).tasks.map(\.id)
        let inlineIDs = OutputDocument(inline).tasks.map(\.id)
        #expect(linkedIDs == inlineIDs)
        #expect(linked.source.attachments.map(\.number) == [1, 2])
        #expect(linked.source.attachments.allSatisfy { $0.status == .read && $0.format == format && $0.sha256 != nil })
        // The attached tasks are in their 附件 parts, located in their files.
        let first = try #require(linked.notice.tasks.first { $0.sectionPath.first?.hasPrefix("附件1") == true })
        #expect(
            first.source.path?.hasSuffix(
                "attachments/seed-annex1.\(format)#" + (format == "docx" ? "word/document.xml#tbl1" : "xl/worksheets/sheet1.xml#Sheet1"))
                == true)
    }

    /// Scored like the page it came from against `../shared/corpus/gold/seed.json`: the units
    /// and due date of every task (tasks, units and due ≥ 0.97).
    @Test(arguments: ["docx", "xlsx"])
    func theLinkedTablesScoreLikeThePage(_ format: String) throws {
        guard let corpus = Paths.corpus else {
            print("skipped: ../shared/corpus is absent")
            return
        }
        let gold =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: corpus + "/gold/seed.json"))) as? [String: Any]
        let goldTasks = gold?["tasks"] as? [[String: Any]] ?? []
        let folder = try linkedPage(format: format)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tasks = try NoticeExtractor().extract(contentsOf: folder + "/page.html").notice.tasks
        #expect(tasks.count == goldTasks.count)
        var sameUnits = 0
        var sameDue = 0
        for (task, expected) in zip(tasks, goldTasks) {
            let units = Set(
                ["lead", "support", "responsible"].flatMap { role in (expected[role] as? [String] ?? []).map { "\(role):\($0)" } })
            if Set(task.units.map { "\($0.role.rawValue):\($0.name)" }) == units { sameUnits += 1 }
            if task.deadline?.due?.description == expected["due"] as? String { sameDue += 1 }
        }
        #expect(Double(sameUnits) >= 0.97 * Double(goldTasks.count), "units right on \(sameUnits) of \(goldTasks.count)")
        #expect(Double(sameDue) >= 0.97 * Double(goldTasks.count), "due right on \(sameDue) of \(goldTasks.count)")
    }

    /// A linked file that is not saved is listed as missing; one that cannot be read as failed,
    /// with why; the page's own content is still read.
    @Test func missingAndBrokenAttachmentsAreSaid() throws {
        let folder = try linkedPage(format: "docx")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.removeItem(atPath: folder + "/attachments/seed-annex1.docx")
        try Data("not a document".utf8).write(to: URL(fileURLWithPath: folder + "/attachments/seed-annex2.docx"))
        let read = try NoticeExtractor().extract(contentsOf: folder + "/page.html")
        #expect(read.source.attachments.map(\.status) == [.missing, .failed])
        #expect(read.source.attachments[1].problem != nil)
        #expect(read.notice.diagnostics.contains { $0.code == "attachment-unreadable" })
        #expect(read.notice.metadata.title?.contains("政务公开政务服务工作要点") == true)
    }

    @Test func attachmentNumbersComeFromTheLink() {
        #expect(AttachmentNumbering.number(of: "附件2：全区政务服务重点任务分工.docx") == 2)
        #expect(AttachmentNumbering.number(of: "附件 3") == 3)
        #expect(AttachmentNumbering.number(of: "附件二：分工表.xlsx") == 2)
        #expect(AttachmentNumbering.number(of: "1.重点任务分工表.docx") == 1)
        #expect(AttachmentNumbering.number(of: "重点任务分工表.docx") == nil)
        #expect(AttachmentNumbering.cleaned("附件1：重点任务分工表.docx") == "重点任务分工表")
    }

    /// Where a link's file is looked for beside its page.
    @Test func theFinderLooksBesideThePage() {
        let finder = AttachmentFinder(pagePath: "archive/notice/page.html", extraFolder: "downloads")
        let link = AttachmentLink(href: "/attach/2023/P0201.docx?v=1", text: "附件1：分工表.docx")
        #expect(
            finder.candidates(link) == [
                "archive/notice/attachments/attach/2023/P0201.docx", "archive/notice/attachments/P0201.docx",
                "archive/notice/P0201.docx", "downloads/P0201.docx", "downloads/附件1：分工表.docx",
            ])
    }
}
