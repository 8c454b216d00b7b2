import Gongwen
import GongwenTestSupport
import Testing

@testable import GongwenExport

struct NoticeDiffTests {
    private func output(_ text: String, path: String = "notice.txt") throws -> OutputDocument {
        OutputDocument(try NoticeExtractor().extract(bytes: Array(text.utf8), path: path))
    }

    static let base = """
        关于印发2019年重点工作任务的通知
        1.完善政务公开制度建设，健全公开目录。（牵头单位：市政府办；完成时限：6月底前）
        2.推进重大建设项目批准和实施信息公开。（牵头单位：市发改委；配合单位：市财政局；完成时限：全年）
        3.加强政策解读工作，做好回应关切。（牵头单位：市委宣传部；完成时限：持续推进）
        4.规范依申请公开办理流程和答复文书。（牵头单位：市司法局；完成时限：9月底前）
        """

    @Test func identicalOutputsHaveNoDifference() throws {
        #expect(NoticeDiff(try output(Self.base), try output(Self.base, path: "elsewhere/notice.txt")).isEmpty)
    }

    /// One task inserted at the top renumbers every task after it; the diff still shows one
    /// insertion and the number changes, not every task changed.
    @Test func anInsertedTaskIsOneInsertion() throws {
        let inserted = Self.base.replacingOccurrences(of: "1.完善", with: "1.新增一项清理规范性文件的专项任务。（牵头单位：市司法局；完成时限：3月底前）\n0.完善")
            .replacingOccurrences(of: "0.完善", with: "2.完善").replacingOccurrences(of: "2.推进", with: "3.推进")
            .replacingOccurrences(of: "3.加强", with: "4.加强").replacingOccurrences(of: "4.规范", with: "5.规范")
        let diff = NoticeDiff(try output(Self.base), try output(inserted), ignoring: ["task.number"])
        #expect(diff.changes.count == 1)
        guard case .taskAdded(let after, let task)? = diff.changes.first else {
            Issue.record("expected one insertion, got \(diff.changes)")
            return
        }
        #expect(after == nil)
        #expect(task.text.hasPrefix("新增一项清理规范性文件"))
    }

    /// The numbers an insertion or a removal moves are one line; a number that moved for no
    /// such reason is still reported on its task.
    @Test func aShiftOfNumberingIsOneLine() throws {
        let inserted = Self.base.replacingOccurrences(of: "2.推进", with: "2.新增一项清理规范性文件的专项任务。（牵头单位：市司法局；完成时限：3月底前）\n0.推进")
            .replacingOccurrences(of: "0.推进", with: "3.推进").replacingOccurrences(of: "3.加强", with: "4.加强")
            .replacingOccurrences(of: "4.规范", with: "5.规范")
        let lines = DiffRenderer.render(NoticeDiff(try output(Self.base), try output(inserted))).split(separator: "\n")
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first?.hasPrefix("task added after 1.: 2. “新增一项清理规范性文件") == true)
        #expect(lines.last == "tasks 2.–4. renumbered 3.–5. (+1)")

        // Removing the first task moves the others back by one.
        let removed = Self.base.replacingOccurrences(of: "1.完善政务公开制度建设，健全公开目录。（牵头单位：市政府办；完成时限：6月底前）\n", with: "")
            .replacingOccurrences(of: "2.推进", with: "1.推进").replacingOccurrences(of: "3.加强", with: "2.加强")
            .replacingOccurrences(of: "4.规范", with: "3.规范")
        let back = DiffRenderer.render(NoticeDiff(try output(Self.base), try output(removed))).split(separator: "\n")
        #expect(back.count == 2, "\(back)")
        #expect(back.last == "tasks 2.–4. renumbered 1.–3. (-1)")

        // No insertion or removal explains 3. → 7.: the task itself is reported.
        let jumped = Self.base.replacingOccurrences(of: "3.加强", with: "7.加强")
        let unexplained = DiffRenderer.render(NoticeDiff(try output(Self.base), try output(jumped)))
        #expect(unexplained.contains("task 3. “加强政策解读工作，做好回应关切。” changed\n  number: 3. → 7."), "\(unexplained)")
        #expect(!unexplained.contains("renumbered"))
    }

    @Test func removedAndEditedTasksAreNamed() throws {
        let edited = Self.base.replacingOccurrences(of: "3.加强政策解读工作，做好回应关切。（牵头单位：市委宣传部；完成时限：持续推进）\n", with: "")
            .replacingOccurrences(of: "健全公开目录", with: "健全主动公开基本目录")
            .replacingOccurrences(of: "配合单位：市财政局", with: "配合单位：市财政局、市审计局")
            .replacingOccurrences(of: "完成时限：9月底前", with: "完成时限：10月底前")
        let diff = NoticeDiff(try output(Self.base), try output(edited))
        let rendered = DiffRenderer.render(diff)
        #expect(rendered.contains("task removed: 3. “加强政策解读工作，做好回应关切。” (市委宣传部 lead; 持续推进 (ongoing))"))
        #expect(rendered.contains("text: “完善政务公开制度建设，健全公开目录。” → “完善政务公开制度建设，健全主动公开基本目录。”"))
        #expect(rendered.contains("unit added: 市审计局 (support)"))
        #expect(rendered.contains("deadline: 9月底前 (date, 2019-09-30) → 10月底前 (date, 2019-10-31)"))
    }

    @Test func metadataChangesReadOldToNew() throws {
        let diff = NoticeDiff(try output(Self.base), try output(Self.base.replacingOccurrences(of: "2019年重点", with: "2020年重点")))
        let rendered = DiffRenderer.render(diff)
        #expect(rendered.contains("metadata.title: 关于印发2019年重点工作任务的通知 → 关于印发2020年重点工作任务的通知"))
        #expect(rendered.contains("workYear: 2019 → 2020"))
        let ignored = NoticeDiff(
            try output(Self.base), try output(Self.base.replacingOccurrences(of: "2019年重点", with: "2020年重点")),
            ignoring: ["metadata", "workYear", "task.deadline", "task.section"])
        #expect(ignored.isEmpty)
    }

    @Test func alignerPairsByContentNotPosition() {
        let pairs = TaskAligner.align(["甲任务：完善制度建设", "乙任务：推进信息公开", "丙任务：加强政策解读"], ["乙任务：推进信息公开", "丙任务：加强政策解读工作", "丁任务：全新的一项"])
        #expect(pairs.map { [$0.old ?? -1, $0.new ?? -1] } == [[0, -1], [1, 0], [2, 1], [-1, 2]])
    }

    @Test func outputsRoundTripThroughJSON() throws {
        let extraction = try NoticeExtractor().extract(bytes: Paths.bytes(Paths.sample("seed-portal.gbk.html")), path: "x.html")
        let decoded = try JSONImporter.document(try JSONExporter.document(extraction))
        let original = OutputDocument(extraction)
        // Field by field first, so that a failure names the field instead of dumping both documents.
        #expect(decoded.tasks.map(\.id) == original.tasks.map(\.id))
        #expect(decoded.metadata == original.metadata)
        #expect(decoded.outline == original.outline)
        #expect(decoded.diagnostics == original.diagnostics)
        #expect(decoded == original, "a field not compared above differs")
        #expect(throws: ExportError.self) { try JSONImporter.document(Array("{\"tasks\": 3}".utf8)) }
    }

    @Test func junitEscapesEverything() {
        let xml = JUnitReport(suite: "s", cases: [.init(name: "a<&>\"b", failure: "x\u{1}y"), .init(name: "ok")]).xml()
        #expect(xml.contains("name=\"a&lt;&amp;&gt;&quot;b\""))
        #expect(xml.contains("<failure message=\"xy\">xy</failure>"))
        #expect(xml.contains("tests=\"2\" failures=\"1\" errors=\"0\""))
    }
}
